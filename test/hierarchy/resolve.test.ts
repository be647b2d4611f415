import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hierarchySummary } from '../../src/hierarchy/summary.js';
import { isConsistent, resolve } from './helpers.js';

const race = {
  groups: [
    { API: ['Asian', 'Pacific Islander'], Black: ['Black'], White: ['White'] },
    { 'Non-white': ['API', 'Black'], White: ['White'] },
  ],
};

describe('resolveHierarchy', () => {
  const values = ['White', null, 'Asian', 'Black', 'Pacific Islander'];
  const h = resolve(race, values, 'race');

  it('level 0 is the identity over the codes', () => {
    expect(Array.from(h.maps[0])).toEqual([0, 1, 2, 3, 4]);
    expect(h.labels[0]).toEqual(values);
  });

  it('group codes are dense, numbered by first appearance; missing is a group of its own', () => {
    expect(h.height).toBe(3);
    expect(Array.from(h.maps[1])).toEqual([0, 1, 2, 3, 2]);
    expect(h.labels[1]).toEqual(['White', null, 'API', 'Black']);
    expect(Array.from(h.maps[2])).toEqual([0, 1, 2, 2, 2]);
    expect(h.labels[2]).toEqual(['White', null, 'Non-white']);
    expect(h.sizes).toEqual([5, 4, 3, 1]);
  });

  it('the top is a single group "*" that the missing value joins', () => {
    expect(Array.from(h.maps[3])).toEqual([0, 0, 0, 0, 0]);
    expect(h.labels[3]).toEqual(['*']);
  });

  it('shares of the built-ins are relative to the distinct non-missing values', () => {
    expect(h.leaves).toBe(4);
    expect(Array.from(h.shares[0])).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(h.shares[1])).toEqual([0.25, 0.25, 0.5, 0.25]);
    expect(Array.from(h.shares[2])).toEqual([0.25, 0.25, 0.75]);
    expect(Array.from(h.shares[3])).toEqual([1]);
  });

  it('domain comes from the hierarchy, not the data; out-of-range levels throw', () => {
    expect(h.domain(0)).toEqual(['Asian', 'Pacific Islander', 'Black', 'White']);
    expect(h.domain(2)).toEqual(['Non-white', 'White']);
    expect(h.domain(3)).toEqual(['*']);
    expect(() => h.domain(4)).toThrow(RangeError);
    expect(() => h.domain(-1)).toThrow(RangeError);
  });

  it('the missing value joins any level where all values share one label', () => {
    const m = resolve({ mask: { levels: [5, 3] }, top: false }, ['02139', null, '02142']);
    expect(m.height).toBe(1);
    expect(Array.from(m.maps[1])).toEqual([0, 0, 0]);
    expect(m.labels[1]).toEqual(['021**']);
    expect(Array.from(m.shares[1])).toEqual([1]);
  });

  it('a dictionary of only the missing value', () => {
    const m = resolve({ mask: { levels: [5, 3] } }, [null]);
    expect(m.leaves).toBe(1);
    expect(m.labels).toEqual([[null], [null], [null]]);
    expect(m.sizes).toEqual([1, 1, 1]);
  });

  it('an empty dictionary', () => {
    const m = resolve({ dates: { levels: ['year'] } }, []);
    expect(m.height).toBe(2);
    expect(m.sizes).toEqual([0, 0, 0]);
  });

  it('two missing values in a dictionary are a programming error', () => {
    expect(() => resolve(race, [null, 'White', null])).toThrow(RangeError);
  });

  it('summary: attribute, kind, height and sizes only', () => {
    expect(hierarchySummary(h)).toEqual({ attribute: 'race', kind: 'groups', height: 3, sizes: [5, 4, 3, 1] });
  });
});

describe('consistency of the built-ins (property)', () => {
  it('the consistency predicate catches a value that leaves its group', () => {
    const h = resolve(race, ['White', 'Asian', 'Black']);
    expect(isConsistent(h)).toBe(true);
    const broken = { ...h, maps: [h.maps[0], Int32Array.from([0, 1, 1]), Int32Array.from([0, 1, 2]), h.maps[3]] };
    expect(isConsistent(broken)).toBe(false);
  });

  const withNull = <T>(arb: fc.Arbitrary<T[]>) =>
    fc.tuple(arb, fc.boolean(), fc.nat()).map(([vs, hasNull, at]) => {
      const out: (T | null)[] = [...new Set(vs)];
      if (hasNull) out.splice(at % (out.length + 1), 0, null);
      return out;
    });
  const check = (spec: unknown, values: (string | null)[]) => {
    const h = resolve(spec, values);
    expect(isConsistent(h)).toBe(true);
    expect(Array.from(h.maps[0])).toEqual(values.map((_, i) => i));
    for (let l = 0; l <= h.height; l++) {
      const m = h.maps[l];
      expect(h.sizes[l]).toBe(h.labels[l].length);
      // dense: every group code in 0..size-1 is used
      expect(new Set(m).size).toBe(h.labels[l].length);
      // labels are distinct within a level
      expect(new Set(h.labels[l]).size).toBe(h.labels[l].length);
      // shares over the non-missing groups sum to 1 for built-ins (the missing value's own group adds 1/leaves)
      const own = h.labels[l].includes(null) ? 1 / h.leaves : 0;
      if (values.some((v) => v !== null)) expect(h.shares[l].reduce((a, b) => a + b, 0) - own).toBeCloseTo(1, 9);
    }
    if (values.length > 0) expect(h.sizes[h.height]).toBe(1);
  };

  it('mask', () => {
    fc.assert(
      fc.property(
        withNull(fc.array(fc.stringMatching(/^[0-9*]{0,6}$/), { maxLength: 40 })),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 }),
        (values, levels) => check({ mask: { levels: levels.sort((a, b) => b - a) } }, values),
      ),
    );
  });
  it('intervals', () => {
    fc.assert(
      fc.property(
        withNull(fc.array(fc.integer({ min: -100, max: 300 }).map(String), { maxLength: 40 })),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
        (values, base, factors, bottom) => {
          const width = [base];
          for (const f of factors) width.push(width[width.length - 1] * f);
          check({ intervals: { width, ...(bottom !== undefined ? { bottom, top: bottom + 150 } : {}) } }, values);
        },
      ),
    );
  });
  it('dates', () => {
    const day = fc.date({ min: new Date('1950-01-01'), max: new Date('2049-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(withNull(fc.array(day, { maxLength: 40 })), fc.subarray(['month', 'quarter', 'year', 'decade'], { minLength: 1 }), (values, levels) => check({ dates: { levels } }, values)));
  });
  it('groups', () => {
    // A random tree: each level's labels are assigned to a random parent among fewer labels.
    const tree = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.array(fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 3 })).map(([n, picks]) => {
      let labels = Array.from({ length: n }, (_, i) => `v${i}`);
      const groups: Record<string, string[]>[] = [];
      picks.forEach((p, depth) => {
        const k = Math.max(1, Math.ceil(labels.length / 2));
        const entry: Record<string, string[]> = {};
        labels.forEach((lab, i) => (entry[`g${depth}_${p[i] % k}`] ??= []).push(lab));
        groups.push(entry);
        labels = Object.keys(entry);
      });
      return { n, groups };
    });
    fc.assert(
      fc.property(tree, fc.boolean(), ({ n, groups }, withMissing) => {
        const values: (string | null)[] = Array.from({ length: n }, (_, i) => `v${i}`).reverse();
        if (withMissing) values.splice(n >> 1, 0, null);
        check({ groups }, values);
      }),
    );
  });
});
