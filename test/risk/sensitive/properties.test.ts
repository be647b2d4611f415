import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classHistogramsOf, overallDistribution } from '../../../src/risk/sensitive/classHistograms.js';
import type { ClassHistograms } from '../../../src/model/classHistograms.js';
import { distinctL } from '../../../src/risk/sensitive/distinctL.js';
import { entropyL, satisfiesEntropyL } from '../../../src/risk/sensitive/entropyL.js';
import { recursiveCL, satisfiesRecursiveCL } from '../../../src/risk/sensitive/recursiveCL.js';
import { equalDistanceT, hierarchicalDistanceT, orderedDistanceT } from '../../../src/risk/sensitive/tCloseness.js';
import {
  basicBetaLikeness,
  enhancedBetaLikeness,
  satisfiesBasicBetaLikeness,
  satisfiesEnhancedBetaLikeness,
} from '../../../src/risk/sensitive/betaLikeness.js';
import { deltaDisclosure, satisfiesDeltaDisclosure } from '../../../src/risk/sensitive/deltaDisclosure.js';

type Classes = [number, number][][];
interface Case {
  m: number;
  classes: Classes;
  levels: Int32Array[];
}

/** m values, 1..6 classes, each a non-empty set of values with counts 1..20, plus a random hierarchy. */
const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 7 }).chain((m) =>
  fc.record({
    m: fc.constant(m),
    classes: fc.array(
      fc
        .uniqueArray(fc.integer({ min: 0, max: m - 1 }), { minLength: 1, maxLength: m })
        .chain((vs) =>
          fc.tuple(...vs.map((v) => fc.tuple(fc.constant(v), fc.integer({ min: 1, max: 20 })))),
        )
        .map((entries) => entries.map(([v, c]) => [v, c] as [number, number])),
      { minLength: 1, maxLength: 6 },
    ),
    // levels[i][v] = f_i(levels[i-1][v]) with random f_i: a tree by construction; then a root.
    levels: fc
      .array(fc.array(fc.integer({ min: 0, max: m - 1 }), { minLength: m, maxLength: m }), { maxLength: 3 })
      .map((fs) => {
        const levels: Int32Array[] = [];
        let cur = Int32Array.from({ length: m }, (_, v) => v);
        for (const f of fs) {
          cur = cur.map((g) => f[g]);
          levels.push(cur);
        }
        levels.push(new Int32Array(m));
        return levels;
      }),
  }),
);

const build = (c: Case): ClassHistograms => classHistogramsOf(c.m, c.classes);

/** Dense class distributions p[k][j] and table distribution q[j]. */
function dense(h: ClassHistograms): { p: number[][]; q: number[] } {
  const q = Array.from(overallDistribution(h));
  const p: number[][] = [];
  for (let k = 0; k + 1 < h.offsets.length; k++) {
    const row = new Array<number>(h.valueCount).fill(0);
    let nk = 0;
    for (let e = h.offsets[k]; e < h.offsets[k + 1]; e++) nk += h.counts[e];
    for (let e = h.offsets[k]; e < h.offsets[k + 1]; e++) row[h.values[e]] = h.counts[e] / nk;
    p.push(row);
  }
  return { p, q };
}

/** Reference hierarchical EMD over the full (uncompressed) tree, straight from the paper. */
function naiveHierarchical(p: number[], q: number[], levels: Int32Array[]): number {
  const m = p.length;
  const H = levels.length;
  let extra = new Map<number, number>(p.map((pj, j) => [j, pj - q[j]]));
  let groupOf: number[] = Array.from({ length: m }, (_, v) => v);
  let emd = 0;
  for (let i = 0; i < H; i++) {
    const next = levels[i];
    const up = new Map<number, number>();
    for (let v = 0; v < m; v++) up.set(groupOf[v], next[v]);
    const pos = new Map<number, number>();
    const neg = new Map<number, number>();
    const nextExtra = new Map<number, number>();
    for (const [g, x] of extra) {
      const G = up.get(g)!;
      nextExtra.set(G, (nextExtra.get(G) ?? 0) + x);
      if (x > 0) pos.set(G, (pos.get(G) ?? 0) + x);
      if (x < 0) neg.set(G, (neg.get(G) ?? 0) - x);
    }
    for (const G of nextExtra.keys()) emd += ((i + 1) / H) * Math.min(pos.get(G) ?? 0, neg.get(G) ?? 0);
    extra = nextExtra;
    groupOf = Array.from(next);
  }
  return emd;
}

/** Equal with a relative tolerance; Infinity equals Infinity. */
function close(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

function shuffle<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => [x, keys[i % keys.length] ?? 0, i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map(([x]) => x);
}

/** Every measure, as plain numbers. */
function measures(c: Case): number[] {
  const h = build(c);
  return [
    distinctL(h),
    entropyL(h),
    recursiveCL(h, 1).cMin,
    recursiveCL(h, 2).cMin,
    recursiveCL(h, 3).cMin,
    equalDistanceT(h).t,
    orderedDistanceT(h).t,
    hierarchicalDistanceT(h, c.levels).t,
    basicBetaLikeness(h).beta,
    enhancedBetaLikeness(h).beta,
    deltaDisclosure(h).delta,
  ];
}

describe('properties', () => {
  it('t lies in [0, 1] for the three distances and matches dense reference formulas', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const h = build(c);
        const { p, q } = dense(h);
        const eq = equalDistanceT(h);
        const ord = orderedDistanceT(h);
        const hier = hierarchicalDistanceT(h, c.levels);
        for (const r of [eq, ord, hier]) {
          expect(r.t).toBeGreaterThanOrEqual(0);
          expect(r.t).toBeLessThanOrEqual(1);
        }
        p.forEach((pk, k) => {
          const l1 = pk.reduce((s, pj, j) => s + Math.abs(pj - q[j]), 0) / 2;
          expect(eq.perClass[k]).toBeCloseTo(l1, 12);
          let cum = 0;
          let s = 0;
          for (let i = 0; i < c.m - 1; i++) {
            cum += pk[i] - q[i];
            s += Math.abs(cum);
          }
          expect(ord.perClass[k]).toBeCloseTo(c.m > 1 ? s / (c.m - 1) : 0, 12);
          expect(hier.perClass[k]).toBeCloseTo(naiveHierarchical(pk, q, c.levels), 12);
          // the hierarchical ground distance is at most the equal one (every pair costs <= 1)
          expect(hier.perClass[k]).toBeLessThanOrEqual(eq.perClass[k] + 1e-12);
        });
        if (c.m === 2) expect(ord.t).toBeCloseTo(eq.t, 12);
      }),
    );
  });

  it('distinct l >= entropy l >= 1', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const h = build(c);
        const d = distinctL(h);
        const e = entropyL(h);
        expect(e).toBeGreaterThanOrEqual(1);
        expect(d).toBeGreaterThanOrEqual(e);
        expect(satisfiesEntropyL(h, e)).toBe(true);
      }),
    );
  });

  it('permuting class order or entry order changes nothing', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), (c, keys) => {
        const before = measures(c);
        const permuted: Case = {
          ...c,
          classes: shuffle(c.classes, keys).map((entries, k) => shuffle(entries, keys.map((x) => x ^ k))),
        };
        const after = measures(permuted);
        before.forEach((x, i) => expect(close(x, after[i]), `measure ${i}: ${x} vs ${after[i]}`).toBe(true));
      }),
    );
  });

  it('delta >= 0, beta >= 0, enhanced beta is basic beta or Infinity', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const h = build(c);
        const d = deltaDisclosure(h).delta;
        expect(d).toBeGreaterThanOrEqual(0);
        expect(satisfiesDeltaDisclosure(h, d)).toBe(false);
        expect(satisfiesDeltaDisclosure(h, d + 1e-9)).toBe(true);
        const b = basicBetaLikeness(h).beta;
        expect(b).toBeGreaterThanOrEqual(0);
        expect(satisfiesBasicBetaLikeness(h, b)).toBe(true);
        const e = enhancedBetaLikeness(h);
        if (e.capViolations === 0) {
          expect(e.beta).toBe(b);
          expect(satisfiesEnhancedBetaLikeness(h, b)).toBe(true);
        } else {
          expect(e.beta).toBe(Infinity);
          expect(satisfiesEnhancedBetaLikeness(h, 1e9)).toBe(false);
        }
      }),
    );
  });

  it('recursive (c,l): every c > cMin passes, cMin does not', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 4 }), (c, l) => {
        // (regression: l = 1, counts 14 and 15, where 15/29 * 29 rounds above 15)
        const h = build(c);
        const { cMin } = recursiveCL(h, l);
        expect(satisfiesRecursiveCL(h, cMin, l)).toBe(false);
        if (Number.isFinite(cMin)) expect(satisfiesRecursiveCL(h, cMin * (1 + 1e-9), l)).toBe(true);
        else expect(distinctL(h)).toBeLessThan(l);
      }),
    );
  });

  it('a table made of one class is at distance 0 in every measure', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const h = classHistogramsOf(c.m, [c.classes[0]]);
        expect(equalDistanceT(h).t).toBe(0);
        expect(orderedDistanceT(h).t).toBe(0);
        expect(hierarchicalDistanceT(h, c.levels).t).toBe(0);
        expect(basicBetaLikeness(h).beta).toBe(0);
        expect(enhancedBetaLikeness(h).beta).toBe(0);
        expect(deltaDisclosure(h).delta).toBe(0);
      }),
    );
  });
});

describe('recursive (c,l) at its boundary', () => {
  it('c = cMin fails even where c x tail rounds above r_1 (counts 14, 15; l = 1)', () => {
    const h = classHistogramsOf(7, [[[2, 14], [0, 15]]]);
    const { cMin } = recursiveCL(h, 1);
    expect(cMin).toBe(15 / 29);
    expect(satisfiesRecursiveCL(h, cMin, 1)).toBe(false);
    expect(satisfiesRecursiveCL(h, cMin * (1 + 1e-9), 1)).toBe(true);
  });
});
