import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, parseSpecText, SPEC_MAX_ALIASES } from '../../src/config/loadSpec.js';
import { SpecError } from '../../src/errors.js';
import { tempDir } from '../cli/helpers.js';

function specError(f: () => unknown): SpecError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error('expected a SpecError');
}

const t = tempDir('edra-spec-');
afterAll(() => t.cleanup());

describe('loadSpec', () => {
  it('applies defaults and resolves relative to the spec file', () => {
    const f = t.file('a.yaml', 'dataset: { path: data/x.csv }\nattributes: { quasiIdentifiers: [age] }\n');
    const l = loadSpec(f);
    expect(l.baseDir).toBe(path.dirname(path.resolve(f)));
    expect(l.spec.adversary).toEqual(['prosecutor', 'journalist', 'marketer']);
    expect(l.spec.missingValues).toBe('ownValue');
    expect(l.spec.attributes.identifying).toEqual([]);
    expect(l.spec.thresholds).toEqual({});
  });

  it('reads a JSON spec', () => {
    const f = t.file('b.json', JSON.stringify({ dataset: { path: 'x.parquet' }, attributes: { quasiIdentifiers: ['a', 'b'] }, thresholds: { k: 3 } }));
    expect(loadSpec(f).spec.thresholds.k).toBe(3);
  });

  it('validation errors name the file, the path in the spec and the rule; exit 2', () => {
    const e = specError(() => parseSpecText('dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [a] }\nthresholds: { highestRisk: 1.5 }\n', 'my.yaml'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('my.yaml:3:28: spec thresholds.highestRisk: must be at most 1 [rule: spec.too_big]');
    expect(e.location).toMatchObject({ file: 'my.yaml', line: 3, col: 28, path: 'thresholds.highestRisk', rule: 'spec.too_big' });
  });

  it('an empty quasiIdentifiers list and a missing dataset', () => {
    expect(specError(() => parseSpecText('dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [] }\n')).location.path).toBe('attributes.quasiIdentifiers');
    expect(specError(() => parseSpecText('attributes: { quasiIdentifiers: [a] }\n')).location.path).toBe('dataset');
    expect(specError(() => parseSpecText('')).location.path).toBe('dataset');
  });

  it('lists every issue, one line each, in document order (a spec holds no PHI: no --show-values needed)', () => {
    const e = specError(() => parseSpecText('dataset: { path: "" }\nattributes: { quasiIdentifiers: [] }\n', 's.yaml'));
    expect(e.message).toBe('s.yaml:1:18: spec dataset.path: must not be empty [rule: spec.too_small]');
    expect(e.more).toEqual(['s.yaml:2:33: spec attributes.quasiIdentifiers: must list at least 1 item(s) [rule: spec.too_small]']);
    expect(e.detail).toBeUndefined();
  });

  it('YAML syntax errors give the line and the rule', () => {
    const e = specError(() => parseSpecText('dataset:\n  path: x.csv\n  format: [csv\nattributes: {}\n', 'bad.yaml'));
    expect(e.message).toMatch(/^bad\.yaml:\d+:\d+: spec is not valid YAML\/JSON: [^[]*\(\w+\) \[rule: spec\.syntax\]$/);
    expect(e.location.line).toBeGreaterThanOrEqual(3);
    const e2 = specError(() => parseSpecText('a: 1\na: 2\n', 'dup.yaml'));
    expect(e2.location).toMatchObject({ line: 2, rule: 'spec.syntax' });
  });

  it('a missing spec file', () => {
    const e = specError(() => loadSpec(path.join(t.dir, 'none.yaml')));
    expect(e.message).toMatch(/no such file \[rule: spec\.unreadable\]$/);
    expect(e.exitCode).toBe(2);
  });

  it('places issues in a JSON spec too, and finds paths whose keys hold dots', () => {
    const e = specError(() => parseSpecText('{\n  "dataset": { "path": "x.csv" },\n  "attributes": { "quasiIdentifiers": ["a"] },\n  "thresholds": { "k": "five" }\n}\n', 's.json'));
    expect(e.message).toBe('s.json:4:24: spec thresholds.k: must be a number, not text [rule: spec.invalid_type]');
    const l = parseSpecText('dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [a], sensitive: [d.x] }\nsensitive:\n  d.x: { distance: equal }\n');
    expect(l.positionOf('sensitive.d.x.distance')).toEqual({ line: 4, col: 20 });
    expect(l.positionOf('attributes.quasiIdentifiers.0')).toEqual({ line: 2, col: 34 });
    expect(l.positionOf('thresholds.k')).toEqual({ line: 1, col: 1 }); // absent: the nearest present ancestor
  });

  it('words issues in the spec\'s terms, never zod\'s', () => {
    const docs = [
      'dataset: 3\nattributes: []\n',
      'dataset: { path: x.csv, format: xls }\nattributes: { quasiIdentifiers: [1, true] }\nmissingValues: null\n',
      'dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [a] }\nthresholds: { k: 0, riskLevels: [2], recursiveCL: { c: -1, l: 0.5 } }\nsuda: { disFraction: 1 }\n',
      'dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [a] }\nhierarchies: { a: 5, b: { dates: { levels: [week] } }, c: { groups: [] } }\n',
    ];
    for (const d of docs) {
      const e = specError(() => parseSpecText(d, 'w.yaml'));
      for (const line of [e.message, ...e.more]) {
        expect(line).toMatch(/^w\.yaml:\d+:\d+: spec \S+: .* \[rule: spec\.\w+\]$/);
        expect(line).not.toMatch(/expected|received|Invalid input|Too (small|big)/);
      }
    }
  });

  it('lists at most 50 issues and counts the rest', () => {
    const cols = Array.from({ length: 60 }, (_, i) => `    c${i}: { distance: near }`).join('\n');
    const e = specError(() => parseSpecText(`dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [a] }\nsensitive:\n${cols}\n`, 'n.yaml'));
    expect(e.more).toHaveLength(50);
    expect(e.more[49]).toBe('n.yaml: 10 more spec issue(s) not listed [rule: spec.more]');
  });

  it('YAML aliases: a few are fine; a billion-laughs bomb, too many aliases or an unresolved one are spec errors (exit 2)', () => {
    const base = 'dataset: { path: x.csv }\n';
    const ok = parseSpecText(`dataset: &d { path: x.csv }\nattributes: { quasiIdentifiers: &q [age, sex], insensitive: [] }\nsearch: { threads: 1 }\n`);
    expect(ok.spec.attributes.quasiIdentifiers).toEqual(['age', 'sex']);
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = specError(() => parseSpecText(`${levels.join('\n')}\n${base}attributes: { quasiIdentifiers: [age] }\n`, 'bomb.yaml'));
    expect(bomb.exitCode).toBe(2);
    expect(bomb.message).toMatch(/^bomb\.yaml:\d+: .*aliases.*\[rule: spec\.aliases\]$/);
    // Few aliases (40), exponential expansion (10^5 nodes): the expansion budget refuses it.
    const small = levels.slice(0, 5).join('\n');
    const bomb2 = specError(() => parseSpecText(`${small}\n${base}attributes: { quasiIdentifiers: [age] }\n`, 'bomb2.yaml'));
    expect(bomb2.message).toMatch(/^bomb2\.yaml:2: the spec is refused: its YAML aliases expand beyond the budget of 50 \[rule: spec\.aliases\]$/);
    const wide = `${base}attributes: { quasiIdentifiers: &q [age] }\nx: [${Array(SPEC_MAX_ALIASES + 1).fill('*q').join(', ')}]\n`;
    const many = specError(() => parseSpecText(wide, 'many.yaml'));
    expect(many.location).toMatchObject({ line: 3, rule: 'spec.aliases' });
    expect(many.message).toContain(`${SPEC_MAX_ALIASES + 1} YAML aliases`);
    const dangling = specError(() => parseSpecText(`${base}attributes: { quasiIdentifiers: *nope }\n`, 'u.yaml'));
    expect(dangling.message).toBe('u.yaml:2: the spec is refused: alias *nope has no anchor &nope before it [rule: spec.aliases]');
  });
});
