/**
 * A small, safe template language for the report (a subset of Mustache/Handlebars):
 *
 *   {{path}}                   the value, HTML-escaped (Figures print their text)
 *   {{path | css}}             the value escaped for a double-quoted CSS string
 *   {{#if path}}..{{else}}..{{/if}}, {{#unless path}}..{{/unless}}
 *   {{#each path}}..{{else}}..{{/each}}   the item is the innermost scope; {{this}} is the item
 *   {{> file}}                 another file of the template directory, same scope
 *   {{! comment }}
 *
 * Every value is escaped; only SafeHtml, which edra's code alone creates, is inserted as it
 * is. A path that names no field is an error (a typo in a template must not print nothing),
 * and so is printing an object. A tag alone on its line takes the line with it.
 */
import { SpecError } from '../errors.js';
import { Figure } from './figure.js';
import { SafeHtml, escapeCssString, escapeHtml } from './safeHtml.js';

/** A value a template can read: what the report model is made of. */
export type TemplateValue = string | number | boolean | null | undefined | Figure | SafeHtml | readonly TemplateValue[] | TemplateObject;
export interface TemplateObject {
  readonly [key: string]: TemplateValue;
}

/** Reads the text of another template file (for `{{> file}}`), by its name in the template directory. */
export type PartialLoader = (name: string) => { text: string; file: string };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; path: string; filter: 'html' | 'css'; line: number }
  | { kind: 'if' | 'unless' | 'each'; path: string; line: number; body: Node[]; otherwise: Node[] }
  | { kind: 'partial'; name: string; line: number };

/** A parsed template. */
export interface Parsed {
  file: string;
  nodes: Node[];
}

const tagPattern = /\{\{\s*([#/>!]|else\b)?\s*([\s\S]*?)\s*\}\}/g;

/** Parses a template text; throws SpecError [rule: template.syntax] naming the file and line. */
export function parseTemplate(text: string, file: string): Parsed {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { body: Node[] }>; inElse: boolean }[] = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.node.otherwise : top.node.body) : root;
  };
  let last = 0;
  let match: RegExpExecArray | null;
  tagPattern.lastIndex = 0;
  while ((match = tagPattern.exec(text)) !== null) {
    const [whole, sigil, rawBody] = match;
    const line = lineAt(text, match.index);
    let start = match.index;
    let end = match.index + whole.length;
    // A block tag alone on its line takes the line (indentation and newline) with it.
    if (sigil) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const nl = text.indexOf('\n', end);
      const lineEnd = nl === -1 ? text.length : nl;
      if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t\r]*$/.test(text.slice(end, lineEnd))) {
        start = lineStart;
        end = nl === -1 ? text.length : nl + 1;
      }
    }
    if (start > last) target().push({ kind: 'text', text: text.slice(last, start) });
    last = end;
    const body = rawBody.trim();
    if (sigil === '!') continue;
    if (sigil === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw syntax(file, line, '{{else}} outside an if/unless/each block');
      top.inElse = true;
      continue;
    }
    if (sigil === '#') {
      const m = /^(if|unless|each)\s+([\w.@-]+)$/.exec(body);
      if (!m) throw syntax(file, line, `unknown block "{{#${body}}}" (expected #if, #unless or #each with one field)`);
      const node = { kind: m[1] as 'if' | 'unless' | 'each', path: m[2], line, body: [], otherwise: [] };
      target().push(node);
      stack.push({ node, inElse: false });
      continue;
    }
    if (sigil === '/') {
      const top = stack.pop();
      if (!top) throw syntax(file, line, `{{/${body}}} closes no block`);
      if (top.node.kind !== body) throw syntax(file, line, `{{/${body}}} closes the {{#${top.node.kind}}} of line ${top.node.line}`);
      continue;
    }
    if (sigil === '>') {
      if (!/^[\w./-]+$/.test(body) || body.split('/').includes('..')) throw syntax(file, line, `bad partial name "${body}"`);
      target().push({ kind: 'partial', name: body, line });
      continue;
    }
    const m = /^([\w.@-]+)(?:\s*\|\s*(\w+))?$/.exec(body);
    if (!m) throw syntax(file, line, `cannot read "{{${body}}}" (expected a field name, optionally "| css")`);
    if (m[2] !== undefined && m[2] !== 'css') throw syntax(file, line, `unknown filter "${m[2]}" (only "css")`);
    target().push({ kind: 'value', path: m[1], filter: m[2] === 'css' ? 'css' : 'html', line });
  }
  if (stack.length) {
    const open = stack[stack.length - 1].node;
    throw syntax(file, open.line, `{{#${open.kind} ${open.path}}} is never closed`);
  }
  if (text.slice(last).includes('{{')) throw syntax(file, lineAt(text, text.indexOf('{{', last)), 'unterminated {{');
  if (last < text.length) root.push({ kind: 'text', text: text.slice(last) });
  return { file, nodes: root };
}

/**
 * Renders a template against a model: an object whose fields are TemplateValues (plain
 * objects, lists, strings, numbers, booleans, null, Figures and SafeHtml).
 * @param partials loads `{{> name}}` files (parsed once each per call).
 */
export function renderTemplate(template: Parsed, model: object, partials?: PartialLoader): string {
  const cache = new Map<string, Parsed>();
  const out: string[] = [];
  const run = (parsed: Parsed, nodes: readonly Node[], scopes: readonly TemplateValue[], depth: number): void => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          out.push(node.text);
          break;
        case 'value': {
          const v = lookup(parsed.file, node.line, node.path, scopes);
          out.push(printValue(parsed.file, node.line, node.path, v, node.filter));
          break;
        }
        case 'if':
        case 'unless': {
          const truthy = isTruthy(lookup(parsed.file, node.line, node.path, scopes));
          run(parsed, truthy === (node.kind === 'if') ? node.body : node.otherwise, scopes, depth);
          break;
        }
        case 'each': {
          const list = lookup(parsed.file, node.line, node.path, scopes);
          if (list === null || list === undefined || (Array.isArray(list) && list.length === 0)) {
            run(parsed, node.otherwise, scopes, depth);
            break;
          }
          if (!Array.isArray(list)) throw field(parsed.file, node.line, `{{#each ${node.path}}} needs a list`);
          for (const item of list as readonly TemplateValue[]) run(parsed, node.body, [item, ...scopes], depth);
          break;
        }
        case 'partial': {
          if (!partials) throw field(parsed.file, node.line, `partial "${node.name}" but no template directory`);
          if (depth > 16) throw syntax(parsed.file, node.line, `partials nested deeper than 16 (a file including itself?)`);
          let p = cache.get(node.name);
          if (!p) {
            const { text, file } = partials(node.name);
            p = parseTemplate(text, file);
            cache.set(node.name, p);
          }
          run(p, p.nodes, scopes, depth + 1);
          break;
        }
      }
    }
  };
  run(template, template.nodes, [model as TemplateObject], 0);
  return out.join('');
}

function lookup(file: string, line: number, path: string, scopes: readonly TemplateValue[]): TemplateValue {
  if (path === 'this' || path === '.') return scopes[0];
  const [head, ...rest] = path.split('.');
  let v: TemplateValue;
  if (head === 'this') v = scopes[0];
  else {
    const scope = scopes.find((s) => isObject(s) && Object.prototype.hasOwnProperty.call(s, head));
    if (scope === undefined) throw field(file, line, `no field "${head}" (in "{{${path}}}")`);
    v = (scope as TemplateObject)[head];
  }
  for (const key of rest) {
    if (v === null || v === undefined) return null;
    if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, key)) throw field(file, line, `no field "${key}" in "{{${path}}}"`);
    v = v[key];
  }
  return v;
}

function isObject(v: TemplateValue): v is TemplateObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Figure) && !(v instanceof SafeHtml);
}

/** false, null, undefined, '', 0, NaN, an empty list and a Figure with no value are false. */
function isTruthy(v: TemplateValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Figure) return v.value !== null;
  return Boolean(v);
}

function printValue(file: string, line: number, path: string, v: TemplateValue, filter: 'html' | 'css'): string {
  if (v === null || v === undefined) return '';
  if (v instanceof SafeHtml) {
    if (filter === 'css') throw field(file, line, `"{{${path} | css}}" is markup, not text`);
    return v.html;
  }
  let text: string;
  if (v instanceof Figure) text = v.text;
  else if (typeof v === 'string') text = v;
  else if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
  else throw field(file, line, `"{{${path}}}" is a list or an object, not a value to print`);
  return filter === 'css' ? escapeCssString(text) : escapeHtml(text);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function syntax(file: string, line: number, what: string): SpecError {
  return new SpecError(`${file}:${line}: template ${what} [rule: template.syntax]`, { file, line, rule: 'template.syntax' });
}

function field(file: string, line: number, what: string): SpecError {
  return new SpecError(`${file}:${line}: template ${what} [rule: template.field]`, { file, line, rule: 'template.field' });
}
