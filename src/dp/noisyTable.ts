/**
 * Noise addition for one planned table, and the 95% confidence interval of every cell.
 *
 * Counts and sums: the exact integer total of each cell (records, or clamped grid steps) plus
 * one exact draw of the table's noise (discrete Laplace or discrete Gaussian), then scaled by
 * the granularity. The interval is value +/- q where q is the smallest integer with
 * P[|Z| <= q] >= 0.95 under the exact noise distribution, so it holds the true total with
 * probability at least 95% (per cell, not simultaneously). It is cut at 0 where the true
 * total cannot cross it (counts; sums of non-negative or non-positive values), and always
 * contains the released value.
 *
 * Means: a noisy sum S~ and a noisy count C~ of the values (each with half the table's
 * share); the value is S~/C~ clamped to the bounds, or the bounds' midpoint when C~ < 1
 * (post-processing: no budget). Its interval combines the 97.5% intervals of S and C (union
 * bound: both hold with probability >= 95%): every ratio s/c with s, c in their intervals and
 * c >= 1, intersected with the bounds; [lower, upper] when the count's interval reaches 0.
 */
import type { RandomSource } from './randomSource.js';
import type { ReleaseTablePlan } from './releasePlan.js';
import { toNumber } from './rational.js';

/** The exact per-cell totals of one table, in integer units. They never leave edra. */
export interface CellTotals {
  /** count: records per cell; sum and mean: the sum of the clamped values in grid steps. */
  values: BigInt64Array;
  /** mean only: the number of non-missing values per cell. */
  counts?: BigInt64Array;
}

/** A released table: value and 95% interval per cell, in the statistic's units. */
export interface NoisyTable {
  values: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Mean only: the noisy sums and counts the ratios come from (released quantities, not written). */
  parts?: { sums: Float64Array; counts: Float64Array };
}

/** Adds the planned noise to every cell and computes the intervals. */
export function addNoise(plan: ReleaseTablePlan, totals: CellTotals, src: RandomSource): NoisyTable {
  const n = plan.domain.size;
  if (totals.values.length !== n) throw new RangeError(`addNoise: ${totals.values.length} totals for ${n} cells`);
  const values = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const unit = plan.unit;
  if (plan.statistic !== 'mean') {
    const q = plan.noise.quantile95 * unit;
    // The true total of a count (or of a sum of non-negative values) is >= 0, of a sum of
    // non-positive values <= 0: cutting the interval there keeps its coverage.
    const floor = plan.statistic === 'count' || plan.bounds!.lowerUnits >= 0n ? 0 : -Infinity;
    const ceiling = plan.statistic === 'sum' && plan.bounds!.upperUnits <= 0n ? 0 : Infinity;
    for (let i = 0; i < n; i++) {
      const v = Number(totals.values[i] + plan.noise.sample(src)) * unit;
      values[i] = v;
      lower[i] = Math.min(Math.max(v - q, floor), v);
      upper[i] = Math.max(Math.min(v + q, ceiling), v);
    }
    return { values, lower, upper };
  }
  const counts = totals.counts;
  if (!counts || counts.length !== n) throw new RangeError('addNoise: a mean needs the value counts');
  const bounds = plan.bounds!;
  const g = toNumber(bounds.granularity);
  const lo = Number(bounds.lowerUnits) * g;
  const hi = Number(bounds.upperUnits) * g;
  const qs = plan.noise.quantile(0.975) * g;
  const qc = plan.countNoise!.quantile(0.975);
  const sums = new Float64Array(n);
  const noisyCounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Number(totals.values[i] + plan.noise.sample(src)) * g;
    const c = Number(counts[i] + plan.countNoise!.sample(src));
    sums[i] = s;
    noisyCounts[i] = c;
    values[i] = c >= 1 ? Math.min(hi, Math.max(lo, s / c)) : (lo + hi) / 2;
    const cMin = c - qc;
    if (cMin < 1) {
      lower[i] = lo;
      upper[i] = hi;
      continue;
    }
    const cMax = c + qc;
    const sMin = s - qs;
    const sMax = s + qs;
    lower[i] = Math.min(hi, Math.max(lo, sMin >= 0 ? sMin / cMax : sMin / cMin));
    upper[i] = Math.max(lo, Math.min(hi, sMax >= 0 ? sMax / cMin : sMax / cMax));
  }
  return { values, lower, upper, parts: { sums, counts: noisyCounts } };
}
