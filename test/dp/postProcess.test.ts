/**
 * Post-processing (no budget) and interval coverage: least-squares consistency, non-negativity,
 * rounding, and the empirical coverage of the 95% intervals of counts, sums and means.
 */
import { describe, expect, it } from 'vitest';
import { releaseSchema } from '../../src/config/releaseSpec.js';
import { planReleaseSpec } from '../../src/dp/releasePlan.js';
import { addNoise, type NoisyTable } from '../../src/dp/noisyTable.js';
import { clampNonNegative, coverValues, makeConsistent, roundValues, totalsFromParts } from '../../src/dp/postProcess.js';
import { unsafeSeededSource } from '../../src/dp/randomSource.js';

const table = (values: number[], half = 5): NoisyTable => ({
  values: Float64Array.from(values),
  lower: Float64Array.from(values, (v) => v - half),
  upper: Float64Array.from(values, (v) => v + half),
});

describe('post-processing', () => {
  it('least squares: totals equal the sums of their parts, with the inverse-variance split', () => {
    const parts = table([10, 20, 30, 5, 5]);
    const total = table([70, 0]);
    const map = Int32Array.from([0, 0, 0, 1, 1]);
    // total noise variance 4, part variance 1: residual r = 70 - 60 = 10, parts move 10 * 1 / (4 + 3)
    makeConsistent(total, 4, parts, 1, map);
    expect(parts.values[0]).toBeCloseTo(10 + 10 / 7, 12);
    expect(total.values[0]).toBeCloseTo(60 + 30 / 7, 12);
    expect(total.values[0]).toBeCloseTo(parts.values[0] + parts.values[1] + parts.values[2], 12);
    expect(total.values[1]).toBeCloseTo(parts.values[3] + parts.values[4], 12);
    // after non-negativity and rounding of the parts, totals are recomputed from them
    parts.values[3] = -2;
    clampNonNegative(parts);
    roundValues(parts, 0);
    totalsFromParts(total, parts, map);
    expect(Array.from(total.values)).toEqual([parts.values[0] + parts.values[1] + parts.values[2], parts.values[3] + parts.values[4]]);
    expect(parts.values[3]).toBe(0);
  });

  it('rounding moves intervals outwards; coverValues makes every interval hold its value', () => {
    const t = table([1234.56, -7.25], 1.11);
    roundValues(t, -2);
    expect(Array.from(t.values)).toEqual([1200, -0]);
    expect(t.lower[0]).toBe(1200);
    expect(t.upper[0]).toBe(1300);
    const u = { values: Float64Array.from([5]), lower: Float64Array.from([6]), upper: Float64Array.from([9]) };
    coverValues(u);
    expect([u.lower[0], u.upper[0]]).toEqual([5, 9]);
  });
});

describe('interval coverage (seeded)', () => {
  const plan = (t: object, budget: object = { epsilon: 1 }) => planReleaseSpec(releaseSchema.parse({ budget, tables: [{ name: 't', groupBy: ['c'], domain: { c: Array.from({ length: 50 }, (_, i) => String(i)) }, ...t }] })).tables[0];
  const REPS = 300;

  function coverage(p: ReturnType<typeof plan>, truth: (i: number) => number, totals: () => { values: BigInt64Array; counts?: BigInt64Array }): number {
    const src = unsafeSeededSource(`cov-${p.statistic}-${p.mechanism}`);
    let hit = 0;
    let all = 0;
    const tt = totals();
    for (let r = 0; r < REPS; r++) {
      const out = addNoise(p, tt, src);
      for (let i = 0; i < out.values.length; i++) {
        all++;
        if (out.lower[i] <= truth(i) && truth(i) <= out.upper[i]) hit++;
      }
    }
    return hit / all;
  }

  it.each([
    ['discreteLaplace', { epsilon: 0.5 }, { epsilon: 1 }],
    ['discreteGaussian', { rho: 0.1 }, { rho: 0.1 }],
  ])('counts with %s: at least 95% (and not absurdly wide)', (mechanism, share, budget) => {
    const p = plan({ mechanism, ...share }, budget);
    const counts = BigInt64Array.from({ length: 50 }, (_, i) => BigInt(i * 3));
    const c = coverage(p, (i) => i * 3, () => ({ values: counts }));
    expect(c).toBeGreaterThan(0.94);
    expect(c).toBeLessThan(0.995);
  });

  it('sums on a grid: at least 95%', () => {
    const p = plan({ statistic: 'sum', bounds: { column: 'x', lower: 0, upper: 10, granularity: 0.5 } });
    const sums = BigInt64Array.from({ length: 50 }, (_, i) => BigInt(i * 40)); // grid steps of 0.5
    expect(coverage(p, (i) => i * 20, () => ({ values: sums }))).toBeGreaterThan(0.94);
  });

  it('means (union bound of the sum and count intervals): at least 95%, within the bounds', () => {
    const p = plan({ statistic: 'mean', bounds: { column: 'x', lower: 0, upper: 10, granularity: 1 } });
    const counts = BigInt64Array.from({ length: 50 }, (_, i) => BigInt(10 + i * 20));
    const sums = BigInt64Array.from(counts, (c) => (c * 7n) / 2n); // mean 3.5
    expect(coverage(p, () => 3.5, () => ({ values: sums, counts }))).toBeGreaterThan(0.95);
    const out = addNoise(p, { values: sums, counts }, unsafeSeededSource('m'));
    for (let i = 0; i < 50; i++) {
      expect(out.values[i]).toBeGreaterThanOrEqual(0);
      expect(out.values[i]).toBeLessThanOrEqual(10);
      expect(out.lower[i]).toBeGreaterThanOrEqual(0);
      expect(out.upper[i]).toBeLessThanOrEqual(10);
    }
  });
});
