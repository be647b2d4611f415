import type { ClassSizes } from './classSizes.js';

/** Equivalence-class statistics (the JSON `classes` object, plus k). */
export interface ClassSummary {
  /** K: number of equivalence classes (groups of identical QI tuples). */
  count: number;
  minSize: number;
  maxSize: number;
  /** n / K under a partition; under the wildcard policy, the record-weighted mean class size. */
  meanSize: number;
  /** Sample uniques: records alone in their class (f_k = 1). */
  uniques: number;
  /** uniques / n. */
  uniqueFraction: number;
  /** [size, number of classes of that size], ascending by size. */
  sizeHistogram: [number, number][];
  /** Records in classes smaller than the configured k (absent when none configured). */
  recordsBelowK?: number;
  /** k-anonymity: the smallest class size (Sweeney 2002). */
  k: number;
}

/**
 * Summarises the classes. k = min_k f_k (Sweeney, "k-anonymity", 2002): every record is
 * indistinguishable from at least k-1 others over the QIs.
 */
export function summarizeClasses(cs: ClassSizes, kThreshold?: number): ClassSummary {
  const { records, sizes, n } = cs;
  const K = sizes.length;
  let min = Infinity;
  let max = 0;
  let uniques = 0;
  let below = 0;
  let weighted = 0;
  const hist = new Map<number, number>();
  for (let g = 0; g < K; g++) {
    const f = sizes[g];
    if (f < min) min = f;
    if (f > max) max = f;
    if (f === 1) uniques += records[g];
    if (kThreshold !== undefined && f < kThreshold) below += records[g];
    weighted += records[g] * f;
    hist.set(f, (hist.get(f) ?? 0) + 1);
  }
  const sizeHistogram = [...hist.entries()].sort((a, b) => a[0] - b[0]);
  return {
    count: K,
    minSize: K ? min : 0,
    maxSize: max,
    meanSize: K ? (cs.partition ? n / K : weighted / n) : 0,
    uniques,
    uniqueFraction: n ? uniques / n : 0,
    sizeHistogram,
    ...(kThreshold !== undefined ? { recordsBelowK: below } : {}),
    k: K ? min : 0,
  };
}
