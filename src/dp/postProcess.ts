/**
 * Post-processing of released tables: functions of the noisy values alone (and of public
 * parameters such as the noise variances), never of the data. By the post-processing
 * property of differential privacy (Dwork & Roth 2014, Proposition 2.1; zCDP: Bun & Steinke
 * 2016, zCDP is closed under post-processing) they spend no budget.
 *
 * - Consistency of totals with their parts (Hay, Rastogi, Miklau & Suciu 2010, "Boosting the
 *   accuracy of differentially private histograms through consistency", the least-squares
 *   estimate for a two-level tree): for a total T~ (noise variance vT) and its k parts p~_i
 *   (variance vP each), r = T~ - sum p~_i; the parts move by r vP / (vT + k vP) and the total
 *   by -r vT / (vT + k vP), after which the total equals the sum of the parts.
 * - Non-negativity: negative values set to 0 (counts, and sums of non-negative values).
 * - Rounding to a number of decimals.
 * Intervals: computed from the raw noisy values (noisyTable.ts); post-processing only widens
 * them to include the post-processed value (and cuts them at 0 under non-negativity, where the
 * true value is known to be >= 0), so they keep their >= 95% coverage.
 */
import type { NoisyTable } from './noisyTable.js';

/**
 * Least-squares consistency of `total` with `parts`; partToTotal[i] = the total cell of part
 * cell i. Variances are those of one cell's noise, in the statistic's units squared.
 */
export function makeConsistent(total: NoisyTable, totalVariance: number, parts: NoisyTable, partsVariance: number, partToTotal: Int32Array): void {
  const T = total.values.length;
  const sums = new Float64Array(T);
  const k = new Float64Array(T);
  for (let i = 0; i < partToTotal.length; i++) {
    sums[partToTotal[i]] += parts.values[i];
    k[partToTotal[i]] += 1;
  }
  const partShift = new Float64Array(T);
  for (let c = 0; c < T; c++) {
    if (k[c] === 0) continue;
    const r = total.values[c] - sums[c];
    const denom = totalVariance + k[c] * partsVariance;
    partShift[c] = (r * partsVariance) / denom;
    total.values[c] -= (r * totalVariance) / denom;
  }
  for (let i = 0; i < partToTotal.length; i++) parts.values[i] += partShift[partToTotal[i]];
}

/** Sets every total to the sum of its parts (after the parts were post-processed). */
export function totalsFromParts(total: NoisyTable, parts: NoisyTable, partToTotal: Int32Array): void {
  total.values.fill(0);
  for (let i = 0; i < partToTotal.length; i++) total.values[partToTotal[i]] += parts.values[i];
}

/** Negative values to 0; interval bounds cut at 0 (the true value is >= 0). */
export function clampNonNegative(t: NoisyTable): void {
  for (let i = 0; i < t.values.length; i++) {
    if (t.values[i] < 0) t.values[i] = 0;
    if (t.lower[i] < 0) t.lower[i] = 0;
    if (t.upper[i] < 0) t.upper[i] = 0;
  }
}

/** Rounds values to `decimals` (negative: tens, hundreds...); interval bounds outwards. */
export function roundValues(t: NoisyTable, decimals: number): void {
  const f = Math.pow(10, Math.abs(decimals));
  // Integer powers of ten on the exact side: x * 100 / 100, or x / 100 * 100.
  const r = (x: number, op: (y: number) => number) => (decimals >= 0 ? op(x * f) / f : op(x / f) * f);
  for (let i = 0; i < t.values.length; i++) {
    t.values[i] = r(t.values[i], Math.round);
    t.lower[i] = r(t.lower[i], Math.floor);
    t.upper[i] = r(t.upper[i], Math.ceil);
  }
}

/** Widens each interval to contain its (post-processed) value. */
export function coverValues(t: NoisyTable): void {
  for (let i = 0; i < t.values.length; i++) {
    if (t.lower[i] > t.values[i]) t.lower[i] = t.values[i];
    if (t.upper[i] < t.values[i]) t.upper[i] = t.values[i];
  }
}
