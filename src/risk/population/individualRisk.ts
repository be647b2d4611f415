import { ExactSum } from '../exactSum.js';
/**
 * Individual (per-record) re-identification risk with sampling weights: Benedetti &
 * Franconi (1998), in the approximation of Franconi & Polettini (2004), "Individual
 * risk estimation in mu-Argus: a review", as sdcMicro's indivRisk(method = "approx")
 * and measure_risk compute it (definitions.md, "Individual risk with weights").
 *
 * For an equivalence class k with sample size f_k and F_k = the sum of the sampling
 * weights of its records (the estimated population size of the class), p_k = f_k / F_k:
 *
 *   f_k = 1:   r = p/(1-p) ln(1/p)
 *   f_k = 2:   r = p/(1-p) - (p/(1-p))^2 ln(1/p)
 *   f_k >= 3:  r ~ p / (f_k - (1-p))
 *   F_k = f_k, or no weights: r = 1/f_k
 *
 * Every record of the class has risk r_k; the expected number of re-identifications is
 * ER = sum over records of r = sum_k f_k r_k and the global risk is ER / n.
 *
 * Checked against sdcMicro's R source (R/indivRisk.R, R/measure_risk.R): the same three
 * formulas, 1/f_k where fk == Fk, no weights (survey = FALSE) -> 1/f_k, ER = sum(rk),
 * global_risk = ER / nrow. Differences:
 * - F_k < f_k (weights below 1, or inconsistent weights): sdcMicro applies the formulas with
 *   p > 1, which gives values outside [0, 1] (f = 1, p = 2: r = 1.386). Here any
 *   F_k <= f_k gives r = 1/f_k (a class cannot be smaller in the population than in the
 *   sample), and such classes are counted in the result.
 * - Near p = 1 the f_k = 1 and f_k = 2 formulas are 0/0-like; they are evaluated as
 *   p ln(1/p)/(1-p) = p L/e and p - p^2 sum_{m>=0} e^m/(m+2) (e = 1-p = (F-f)/F,
 *   L = -log1p(-e)) so they tend continuously to 1 and 1/2; sdcMicro's direct form
 *   p/(1-p) with p = f/F loses all digits when F_k is within rounding of f_k (and can then
 *   exceed 1).
 * - sdcMicro's final correction factor `qual` (default 1) is not offered; the "exact"
 *   method is not implemented.
 */

/** Per-class individual risks and their summaries. */
export interface IndividualRisk {
  /** risks[k] = r_k, the risk of every record of class k, in [0, 1]. */
  readonly risks: Float64Array;
  /** ER = sum_k f_k r_k: expected number of re-identifications. */
  readonly expectedReidentifications: number;
  /** ER / n (0 for an empty sample). */
  readonly global: number;
  /** Highest r_k (0 for an empty sample). */
  readonly max: number;
  /** n = sum_k f_k. */
  readonly records: number;
  /** Classes with weights where F_k <= f_k, given r = 1/f_k (F_k = f_k or inconsistent weights). */
  readonly classesAtSampleSize: number;
  /** Of those, classes with F_k < f_k strictly (weights summing below the class size). */
  readonly classesBelowSampleSize: number;
  /**
   * For each threshold t, the number of records whose risk is strictly above t
   * (definitions.md: records at risk are those with risk > t). Same order as the input.
   */
  recordsAbove(thresholds: readonly number[]): number[];
}

/**
 * Individual risk per class.
 *
 * @param classSizes f_k per class (each >= 1).
 * @param weightSums F_k per class (sum of the sampling weights of its records, finite and
 *   > 0), or undefined when the data has no weights: then r_k = 1/f_k.
 * @param records records carrying each entry's risk, when entries are not classes: under the
 *   wildcard policy an entry is a group of identical records whose f and F are the counts and
 *   weights of the records that match it (sdcMicro's freqCalc), so records[k] <= f_k.
 *   Default: the classes themselves (records = f_k).
 * @throws RangeError on a size < 1, a weight sum that is not a finite number > 0, or
 *   arrays of different lengths.
 */
export function individualRisk(classSizes: Int32Array, weightSums?: Float64Array, records: Int32Array = classSizes): IndividualRisk {
  const K = classSizes.length;
  if (weightSums !== undefined && weightSums.length !== K) {
    throw new RangeError(`weightSums has ${weightSums.length} entries, classSizes ${K}`);
  }
  if (records.length !== K) throw new RangeError(`records has ${records.length} entries, classSizes ${K}`);
  const risks = new Float64Array(K);
  let n = 0;
  // Correctly rounded, so ER does not depend on the order of the classes.
  const erSum = new ExactSum();
  let max = 0;
  let atSample = 0;
  let below = 0;
  for (let k = 0; k < K; k++) {
    const f = classSizes[k];
    if (!(f >= 1)) throw new RangeError(`class ${k} has size ${f}; every class size must be >= 1`);
    let r: number;
    if (weightSums === undefined) r = 1 / f;
    else {
      const F = weightSums[k];
      if (!(Number.isFinite(F) && F > 0)) {
        throw new RangeError(`class ${k} has weight sum ${F}; weight sums must be finite numbers > 0`);
      }
      if (F <= f) {
        atSample++;
        if (F < f) below++;
        r = 1 / f;
      } else r = recordRisk(f, f / F, (F - f) / F);
    }
    risks[k] = r;
    n += records[k];
    erSum.add(records[k] * r);
    if (r > max) max = r;
  }
  const er = erSum.value();
  // Records at risk: the distinct risks ascending (a numeric typed-array sort, no index
  // array and comparator), the records of each, and their suffix sums: records above t =
  // the records of the distinct risks > t. Sums of integer record counts, exact in any order.
  const sorted = risks.slice().sort();
  let distinct = 0;
  for (let i = 0; i < K; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  const values = sorted.subarray(0, distinct);
  const above = new Float64Array(distinct + 1); // above[v] = records with risk >= values[v]
  for (let k = 0; k < K; k++) above[indexOf(values, risks[k])] += records[k];
  for (let v = distinct - 1; v >= 0; v--) above[v] += above[v + 1];
  const recordsAbove = (thresholds: readonly number[]): number[] =>
    thresholds.map((t) => {
      // first distinct risk > t
      let lo = 0;
      let hi = distinct;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (values[mid] > t) hi = mid;
        else lo = mid + 1;
      }
      return above[lo];
    });
  return {
    risks,
    expectedReidentifications: er,
    global: n > 0 ? er / n : 0,
    max,
    records: n,
    classesAtSampleSize: atSample,
    classesBelowSampleSize: below,
    recordsAbove,
  };
}

/** Index of x in the ascending array of distinct values (x is one of them). */
function indexOf(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The Benedetti-Franconi record risk for f >= 1 and 0 < p < 1, with e = 1 - p passed
 * separately (computed as (F - f)/F, exact where 1 - f/F would round).
 */
export function recordRisk(f: number, p: number, e: number): number {
  if (f >= 3) return p / (f - e);
  const L = -Math.log1p(-e); // ln(1/p)
  if (f === 1) return (p * L) / e; // p/(1-p) ln(1/p)
  // f = 2: p/e - (p/e)^2 L = p - p^2 g(e), g(e) = (L - e)/e^2 = sum_{m>=0} e^m/(m+2).
  if (e < 0.1) {
    let g = 0;
    let term = 1;
    for (let m = 0; m < 40; m++) {
      const t = term / (m + 2);
      g += t;
      if (t < 1e-17 * g) break;
      term *= e;
    }
    return p - p * p * g;
  }
  const o = p / e;
  return o - o * o * L;
}
