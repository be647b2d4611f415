import type { ClassSizes } from '../model/classSizes.js';
import type { ClassSummary } from '../contracts/measures.js';


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
