import { afterAll, describe, expect, it } from 'vitest';
import { DataError, SpecError } from '../../src/errors.js';
import { checkHierarchyAttributes } from '../../src/hierarchy/attributes.js';
import { resolve, scratch, thrown } from './helpers.js';

const t = scratch();
afterAll(() => t.cleanup());

/** A value no hierarchy covers; it must never appear in a message. */
const PLANTED = 'Zyx-1987-SECRET';

describe('coverage: DataError hierarchy.uncovered counts the values; only the detail (--show-values) names them', () => {
  t.file('h.csv', 'a;g;*\nb;g;*\n');
  const cases: [string, unknown, (string | null)[], string, Record<string, unknown>][] = [
    ['ARX file', { file: 'h.csv' }, ['a', PLANTED, 'b', null, `${PLANTED}2`], 'h.csv: 2 of 4 distinct value(s) of attribute "q" are not covered by the hierarchy file [rule: hierarchy.uncovered]; --show-values names them', { file: 'h.csv', column: 'q', rule: 'hierarchy.uncovered' }],
    ['mask (every text is covered: none)', null, [], '', {}],
    ['intervals', { intervals: { width: [5] } }, ['12', PLANTED, null], 'spec.yaml: spec hierarchies.q: 1 of 2 distinct value(s) of attribute "q" are not covered by the intervals hierarchy [rule: hierarchy.uncovered]; --show-values names them', { file: 'spec.yaml', path: 'hierarchies.q', column: 'q', rule: 'hierarchy.uncovered' }],
    ['dates', { dates: {} }, ['2024-01-02', PLANTED, '2024-02-30'], 'spec.yaml: spec hierarchies.q: 2 of 3 distinct value(s) of attribute "q" are not covered by the dates hierarchy [rule: hierarchy.uncovered]; --show-values names them', { file: 'spec.yaml', path: 'hierarchies.q', rule: 'hierarchy.uncovered' }],
    ['groups', { groups: [{ G: ['a', 'b'] }] }, ['a', PLANTED], 'spec.yaml: spec hierarchies.q: 1 of 2 distinct value(s) of attribute "q" are not covered by the groups hierarchy [rule: hierarchy.uncovered]; --show-values names them', { file: 'spec.yaml', path: 'hierarchies.q', rule: 'hierarchy.uncovered' }],
  ];
  for (const [what, spec, values, message, location] of cases) {
    if (spec === null) continue;
    it(what, () => {
      const e = thrown(() => resolve(spec, values, 'q', t.dir));
      expect(e).toBeInstanceOf(DataError);
      expect(e.exitCode).toBe(3);
      expect(e.message).toBe(message);
      expect(e.location).toMatchObject(location);
      expect(e.message).not.toContain('Zyx');
      expect(JSON.stringify(e.location)).not.toContain('Zyx');
      expect(e.detail).toContain(JSON.stringify(PLANTED));
      expect(e.detail).not.toContain('"a"');
    });
  }
  it('the missing value is never uncovered', () => {
    expect(() => resolve({ intervals: { width: [5] } }, [null, '3'])).not.toThrow();
  });
});

describe('spec errors carry no spec label either', () => {
  it('a group error names positions, not the planted member', () => {
    const e = thrown(() => resolve({ groups: [{ G: ['a', PLANTED], H: [PLANTED] }] }, ['a']));
    expect(e).toBeInstanceOf(SpecError);
    expect(e.exitCode).toBe(2);
    expect(e.location.rule).toBe('hierarchy.duplicateMember');
    expect(e.message).not.toContain('Zyx');
  });
  it('an inconsistent file names line and level, not the planted label', () => {
    t.file('inc.csv', `a;${PLANTED};x\nb;${PLANTED};y\n`);
    const e = thrown(() => resolve({ file: 'inc.csv' }, ['a'], 'q', t.dir));
    expect(e).toBeInstanceOf(DataError);
    expect(e.location).toMatchObject({ file: 'inc.csv', line: 2, rule: 'hierarchy.inconsistent' });
    expect(e.message).not.toContain('Zyx');
  });
});

describe('checkHierarchyAttributes', () => {
  const qis = ['age', 'zip', 'sex'];
  it('accepts hierarchies of QIs only', () => {
    expect(() => checkHierarchyAttributes({ age: {}, zip: {} }, qis, 'a.yaml')).not.toThrow();
    expect(() => checkHierarchyAttributes({}, qis, 'a.yaml')).not.toThrow();
  });
  it('a hierarchy for a non-QI: SpecError spec.unknownHierarchy with a suggestion', () => {
    const e = thrown(() => checkHierarchyAttributes({ age: {}, zpi: {} }, qis, 'a.yaml'));
    expect(e).toBeInstanceOf(SpecError);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('a.yaml: spec hierarchies.zpi: "zpi" is not listed in attributes.quasiIdentifiers; did you mean "zip"? [rule: spec.unknownHierarchy]');
    expect(e.location).toEqual({ file: 'a.yaml', path: 'hierarchies.zpi', column: 'zpi', rule: 'spec.unknownHierarchy' });
  });
  it('no suggestion when nothing is close', () => {
    const e = thrown(() => checkHierarchyAttributes({ diagnosis: {} }, qis, 'a.yaml'));
    expect(e.message).not.toContain('did you mean');
  });
});
