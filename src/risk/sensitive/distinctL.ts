/**
 * Distinct l-diversity.
 *
 * Source: A. Machanavajjhala, D. Kifer, J. Gehrke, M. Venkitasubramaniam, "l-Diversity:
 * Privacy Beyond k-Anonymity", ACM TKDD 1(1), 2007 (the "distinct" reading of the
 * l-diversity principle: every class holds at least l well-represented, here merely
 * distinct, values of S).
 *
 *   l_distinct = min over classes k of |{ j : c_kj > 0 }|
 */
import { assertClassHistograms, classCount } from './classHistograms.js';
import type { ClassHistograms } from '../../model/classHistograms.js';

/** Number of distinct S values of each class (length K). */
export function distinctValueCounts(h: ClassHistograms): Int32Array {
  assertClassHistograms(h);
  const K = classCount(h);
  const d = new Int32Array(K);
  // Values are distinct within a class, so the count is the number of entries.
  for (let k = 0; k < K; k++) d[k] = h.offsets[k + 1] - h.offsets[k];
  return d;
}

/**
 * Distinct l: the minimum over classes of the number of distinct S values.
 * Infinity when there is no class (the condition then holds vacuously for every l).
 */
export function distinctL(h: ClassHistograms): number {
  assertClassHistograms(h);
  const { offsets } = h;
  let l = Infinity;
  for (let k = 0; k + 1 < offsets.length; k++) {
    // Values are distinct within a class, so the count is the number of entries.
    const d = offsets[k + 1] - offsets[k];
    if (d < l) l = d;
  }
  return l;
}
