/**
 * Entropy l-diversity.
 *
 * Source: A. Machanavajjhala, D. Kifer, J. Gehrke, M. Venkitasubramaniam, "l-Diversity:
 * Privacy Beyond k-Anonymity", ACM TKDD 1(1), 2007, Definition "Entropy l-Diversity":
 * a table is entropy l-diverse iff for every class k
 *
 *   H_k = - sum_j p_kj ln p_kj  >=  ln l,        p_kj = c_kj / n_k  (natural log),
 *
 * so the largest l a table satisfies is   l_entropy = min over k of exp(H_k).
 *
 * l_entropy is a real number and is reported as such: truncating exp(H) to an integer (as
 * pycanon does) turns a class with exp(H) = 2.9999 into "2-diverse" and misstates the bound.
 *
 * Since H_k <= ln(number of distinct values of class k) (equality iff the class is uniform),
 * exp(H_k) lies in [1, d_k]; the per-class value is clamped to that interval so that a
 * rounding ulp can never report a uniform class above its distinct count. Hence
 * l_distinct >= l_entropy >= 1 always holds for the returned numbers.
 */
import { ExactSum } from '../exactSum.js';
import { assertClassHistograms, classCount } from './classHistograms.js';
import type { ClassHistograms } from '../../model/classHistograms.js';

/**
 * Relative tolerance of {@link satisfiesEntropyL}: a class whose entropy is exactly ln l
 * in exact arithmetic may compute a hair below it in floating point and must still pass.
 */
export const ENTROPY_L_TOLERANCE = 1e-9;

/**
 * H_k = -sum_j p_kj ln p_kj of each class, in nats (length K). The terms are summed
 * correctly rounded (ExactSum), so H does not depend on the order of a class's entries
 * (DuckDB hands them out in no fixed order).
 */
export function classEntropies(h: ClassHistograms): Float64Array {
  assertClassHistograms(h);
  const K = classCount(h);
  const { offsets, counts } = h;
  const H = new Float64Array(K);
  const sum = new ExactSum();
  for (let k = 0; k < K; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    if (b - a === 1) continue; // p = 1: -1 ln 1 = -0, so H = 0
    let n = 0;
    for (let e = a; e < b; e++) n += counts[e];
    sum.reset();
    for (let e = a; e < b; e++) {
      const p = counts[e] / n;
      sum.add(-p * Math.log(p));
    }
    const s = sum.value();
    H[k] = s > 0 ? s : 0; // a one-value class gives -0
  }
  return H;
}

/**
 * Entropy l: min over classes of exp(H_k), a real number >= 1 (not truncated).
 * Infinity when there is no class. `entropies`: {@link classEntropies} of h, when already computed.
 */
export function entropyL(h: ClassHistograms, entropies?: Float64Array): number {
  const H = entropies ?? classEntropies(h);
  let l = Infinity;
  for (let k = 0; k < H.length; k++) {
    const d = h.offsets[k + 1] - h.offsets[k];
    const v = Math.min(Math.max(Math.exp(H[k]), 1), d);
    if (v < l) l = v;
  }
  return l;
}

/**
 * Whether every class satisfies H_k >= ln l, up to a relative tolerance of
 * {@link ENTROPY_L_TOLERANCE}: H_k >= ln(l) * (1 - 1e-9). A class at exactly ln l passes.
 * `l` is a real number >= 1. `entropies`: the classes' entropies, when already computed
 * ({@link classEntropies} of h).
 */
export function satisfiesEntropyL(h: ClassHistograms, l: number, entropies?: Float64Array): boolean {
  if (!(l >= 1) || !Number.isFinite(l)) throw new RangeError(`l must be a finite number >= 1, got ${l}`);
  const bound = Math.log(l) * (1 - ENTROPY_L_TOLERANCE);
  for (const H of entropies ?? classEntropies(h)) if (!(H >= bound)) return false;
  return true;
}
