import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { Figure } from '../../src/report/figure.js';
import { SafeHtml, escapeCssString } from '../../src/report/safeHtml.js';
import { parseTemplate, renderTemplate } from '../../src/report/template.js';

const render = (text: string, model: object, partials?: Record<string, string>): string =>
  renderTemplate(parseTemplate(text, 't.html'), model, partials ? (name) => ({ text: partials[name], file: name }) : undefined);

/** The SpecError a call throws (fails the test when it throws none). */
function specError(f: () => unknown): SpecError {
  try {
    f();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('report templates', () => {
  it('escapes every value; only SafeHtml goes in as it is', () => {
    const out = render('<p title="{{a}}">{{a}}</p>{{svg}}', { a: `<script>alert("x")</script> & 'q'`, svg: new SafeHtml('<svg></svg>') });
    expect(out).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p><svg></svg>');
  });

  it('prints a Figure by its text, numbers and booleans as text, null as nothing', () => {
    expect(render('{{f}}|{{n}}|{{b}}|{{z}}|', { f: new Figure(2337, '2,337'), n: 0.5, b: false, z: null })).toBe('2,337|0.5|false||');
  });

  it('if / else / unless / each with the item as innermost scope and outer fields still visible', () => {
    const model = {
      title: 'T',
      rows: [
        { name: 'a', ok: true },
        { name: 'b', ok: false },
      ],
      empty: [],
      none: new Figure(null, 'not defined'),
    };
    expect(render('{{#each rows}}[{{name}}:{{#if ok}}y{{else}}n{{/if}}:{{title}}]{{/each}}', model)).toBe('[a:y:T][b:n:T]');
    expect(render('{{#each empty}}x{{else}}none{{/each}}', model)).toBe('none');
    expect(render('{{#if empty}}x{{else}}empty list is false{{/if}}', model)).toBe('empty list is false');
    expect(render('{{#unless none}}a Figure without value is false{{/unless}}', model)).toBe('a Figure without value is false');
    expect(render('{{#each rows}}{{this.name}}{{/each}}', model)).toBe('ab');
    expect(render('{{#each list}}<{{this}}>{{/each}}', { list: ['x', '<y>'] })).toBe('<x><&lt;y&gt;>');
  });

  it('a block tag alone on its line takes the line with it; comments vanish', () => {
    const text = 'a\n  {{#if x}}\n  b\n  {{/if}}\n{{! a comment }}\nc\n';
    expect(render(text, { x: true })).toBe('a\n  b\nc\n');
    expect(render(text, { x: false })).toBe('a\nc\n');
  });

  it('partials render with the same scope', () => {
    expect(render('<{{> p.html}}>', { v: 'V' }, { 'p.html': '{{v}}!' })).toBe('<V!>');
  });

  it('the css filter escapes for a CSS string: no quote, backslash or </style> survives', () => {
    const nasty = 'a"b\\c</style><x>é';
    const out = render('content: "{{v | css}}";', { v: nasty });
    expect(out).not.toMatch(/["\\]b|<|>/);
    expect(out.startsWith('content: "a\\000022b\\00005cc\\00003c')).toBe(true);
    expect(escapeCssString('Encounters, 1% sample')).toBe('Encounters, 1\\000025 sample');
  });

  it('an unknown field is an error naming the file and line (a typo never prints nothing)', () => {
    const e = specError(() => render('ok\n{{titel}}', { title: 'T' }));
    expect(e.message).toMatch(/^t\.html:2: template no field "titel".*\[rule: template\.field\]$/);
    expect(e.exitCode).toBe(2);
    expect(specError(() => render('{{a.b}}', { a: { c: 1 } })).message).toMatch(/no field "b"/);
    // a null parent reads as null
    expect(render('[{{a.b}}]', { a: null })).toBe('[]');
  });

  it('printing a list or an object is an error, and so is markup through the css filter', () => {
    expect(specError(() => render('{{a}}', { a: { b: 1 } })).message).toMatch(/a list or an object/);
    expect(specError(() => render('{{a}}', { a: [1] })).message).toMatch(/a list or an object/);
    expect(specError(() => render('{{a | css}}', { a: new SafeHtml('<b>') })).message).toMatch(/markup/);
  });

  it('syntax errors: unclosed and mismatched blocks, stray else, unknown blocks and filters', () => {
    expect(specError(() => parseTemplate('\n{{#if a}}x', 'f.html')).message).toMatch(/^f\.html:2: template \{\{#if a\}\} is never closed \[rule: template\.syntax\]$/);
    expect(specError(() => parseTemplate('{{#if a}}x{{/each}}', 'f.html')).message).toMatch(/closes the \{\{#if\}\}/);
    expect(specError(() => parseTemplate('{{else}}', 'f.html')).message).toMatch(/outside/);
    expect(specError(() => parseTemplate('{{/if}}', 'f.html')).message).toMatch(/closes no block/);
    expect(specError(() => parseTemplate('{{#with a}}{{/with}}', 'f.html')).message).toMatch(/unknown block/);
    expect(specError(() => parseTemplate('{{a | raw}}', 'f.html')).message).toMatch(/unknown filter "raw"/);
    expect(specError(() => parseTemplate('{{> ../etc/passwd}}', 'f.html')).message).toMatch(/bad partial name/);
    expect(specError(() => parseTemplate('x {{ a', 'f.html')).message).toMatch(/unterminated/);
  });

  it('a partial that includes itself is stopped', () => {
    expect(specError(() => render('{{> p}}', {}, { p: 'x{{> p}}' })).message).toMatch(/nested deeper than 16/);
  });
});
