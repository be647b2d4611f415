/**
 * Recursive (c,l)-diversity.
 *
 * Source: A. Machanavajjhala, D. Kifer, J. Gehrke, M. Venkitasubramaniam, "l-Diversity:
 * Privacy Beyond k-Anonymity", ACM TKDD 1(1), 2007, Definition "Recursive (c,l)-Diversity":
 * with the counts of a class sorted in DESCENDING order r_1 >= r_2 >= ... >= r_m (m = the
 * number of distinct values of the class), the class satisfies it iff
 *
 *   r_1 < c * (r_l + r_{l+1} + ... + r_m).
 *
 * (pycanon sorts ascending, which tests the wrong tail.)
 *
 * Per class the condition holds exactly for c > r_1 / tail_k, tail_k = r_l + ... + r_m. The
 * inequality is strict, so there is no smallest passing c; we report the infimum of the
 * passing values over the whole table,
 *
 *   cMin = max over classes k of r_1 / tail_k,
 *
 * and every c > cMin passes, c = cMin does not. A class with fewer than l distinct values
 * has tail_k = 0: no finite c passes, and cMin = Infinity (the JSON layer maps it to null).
 * With no class at all, cMin = 0.
 */
import { assertClassHistograms, classCount } from './classHistograms.js';
import type { ClassHistograms } from '../../model/classHistograms.js';

/** Result of {@link recursiveCL}. */
export interface RecursiveCLResult {
  /** max over classes of r_1 / (r_l + ... + r_m); every c > cMin passes. Infinity if unattainable. */
  readonly cMin: number;
  /** Index of the first class attaining cMin, or -1 when there is no class. */
  readonly worstClass: number;
}

function checkL(l: number): void {
  if (!Number.isInteger(l) || l < 1) throw new RangeError(`l must be an integer >= 1, got ${l}`);
}

/**
 * Calls `visit(k, r1, tail)` for each class k, where r1 is its largest count and tail the sum
 * r_l + ... + r_m of its counts sorted descending (0 when the class has < l values).
 */
function forEachClassTail(h: ClassHistograms, l: number, visit: (k: number, r1: number, tail: number) => boolean): void {
  assertClassHistograms(h);
  checkL(l);
  const K = classCount(h);
  const { offsets, counts } = h;
  let maxEntries = 0;
  for (let k = 0; k < K; k++) maxEntries = Math.max(maxEntries, offsets[k + 1] - offsets[k]);
  const scratch = new Int32Array(maxEntries);
  for (let k = 0; k < K; k++) {
    const a = offsets[k];
    const e = offsets[k + 1] - a;
    let r1: number;
    let tail = 0;
    if (e === 1) {
      // One value: r_1 is its count, and the tail is r_1 too when l = 1, else empty.
      r1 = counts[a];
      if (l <= 1) tail = r1;
    } else if (e > 32) {
      const sorted = scratch.subarray(0, e);
      sorted.set(counts.subarray(a, a + e));
      sorted.sort(); // ascending: r_m .. r_1
      r1 = sorted[e - 1];
      for (let i = 0; i <= e - l; i++) tail += sorted[i];
    } else {
      // Sorted ascending in place by insertion (no view per class): r_m .. r_1. The sums are
      // of integers, exact in any order.
      for (let i = 0; i < e; i++) {
        const v = counts[a + i];
        let y = i - 1;
        while (y >= 0 && scratch[y] > v) {
          scratch[y + 1] = scratch[y];
          y--;
        }
        scratch[y + 1] = v;
      }
      r1 = scratch[e - 1];
      // Descending ranks l..m are the e-l+1 smallest counts, i.e. ascending indices 0..e-l.
      for (let i = 0; i <= e - l; i++) tail += scratch[i];
    }
    if (!visit(k, r1, tail)) return;
  }
}

/**
 * cMin = max over classes of r_1 / (r_l + ... + r_m): the table satisfies recursive
 * (c,l)-diversity for every c > cMin and for no c <= cMin. Infinity when some class has
 * fewer than l distinct values. `l` is an integer >= 1.
 */
export function recursiveCL(h: ClassHistograms, l: number): RecursiveCLResult {
  let cMin = 0;
  let worstClass = -1;
  forEachClassTail(h, l, (k, r1, tail) => {
    const c = tail > 0 ? r1 / tail : Infinity;
    if (worstClass < 0 || c > cMin) {
      cMin = c;
      worstClass = k;
    }
    return true;
  });
  return { cMin, worstClass };
}

/**
 * Whether every class satisfies r_1 < c * (r_l + ... + r_m) (strict, as in the paper).
 * Checked as r_1 / tail < c, the same quotient `recursiveCL` reports, so that c passes
 * exactly when c > cMin (the product c * tail can round up past r_1 at c = cMin).
 */
export function satisfiesRecursiveCL(h: ClassHistograms, c: number, l: number): boolean {
  if (Number.isNaN(c)) throw new RangeError('c must be a number');
  let ok = true;
  forEachClassTail(h, l, (_k, r1, tail) => {
    ok = tail > 0 && r1 / tail < c;
    return ok;
  });
  return ok;
}

/**
 * {@link satisfiesRecursiveCL} from the table's cMin for the same l (over at least one
 * class): every class has r_1 / tail < c exactly when their maximum, cMin, is below c (a
 * class with tail 0 has quotient Infinity, below no c), so the table need not be walked again.
 */
export function satisfiesRecursiveCLWith(cMin: number, c: number): boolean {
  if (Number.isNaN(c)) throw new RangeError('c must be a number');
  return cMin < c;
}
