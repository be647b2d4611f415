import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, parseSpecText } from '../../src/config/loadSpec.js';
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
    expect(e.message).toMatch(/^my\.yaml: spec thresholds\.highestRisk: .*\[rule: spec\.too_big\]$/);
    expect(e.location).toMatchObject({ file: 'my.yaml', path: 'thresholds.highestRisk', rule: 'spec.too_big' });
  });

  it('an empty quasiIdentifiers list and a missing dataset', () => {
    expect(specError(() => parseSpecText('dataset: { path: x.csv }\nattributes: { quasiIdentifiers: [] }\n')).location.path).toBe('attributes.quasiIdentifiers');
    expect(specError(() => parseSpecText('attributes: { quasiIdentifiers: [a] }\n')).location.path).toBe('dataset');
    expect(specError(() => parseSpecText('')).location.path).toBe('dataset');
  });

  it('counts further issues in the message and lists them all in the detail', () => {
    const e = specError(() => parseSpecText('dataset: { path: "" }\nattributes: { quasiIdentifiers: [] }\n', 's.yaml'));
    expect(e.message).toMatch(/\(\+1 more\)$/);
    expect(e.detail?.split('\n')).toHaveLength(2);
  });

  it('YAML syntax errors give the line and the rule', () => {
    const e = specError(() => parseSpecText('dataset:\n  path: x.csv\n  format: [csv\nattributes: {}\n', 'bad.yaml'));
    expect(e.message).toMatch(/^bad\.yaml:\d+: spec is not valid YAML\/JSON \(\w+\) \[rule: spec\.syntax\]$/);
    expect(e.location.line).toBeGreaterThanOrEqual(3);
    const e2 = specError(() => parseSpecText('a: 1\na: 2\n', 'dup.yaml'));
    expect(e2.location).toMatchObject({ line: 2, rule: 'spec.syntax' });
  });

  it('a missing spec file', () => {
    const e = specError(() => loadSpec(path.join(t.dir, 'none.yaml')));
    expect(e.message).toMatch(/no such file \[rule: spec\.unreadable\]$/);
    expect(e.exitCode).toBe(2);
  });
});
