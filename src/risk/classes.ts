import type { ClassSizes } from '../model/classSizes.js';
import type { ClassSummary } from '../contracts/measures.js';
import { frequencyOfFrequencies, type FrequencyOfFrequencies } from './population/frequencyOfFrequencies.js';


/**
 * Summarises the classes. k = min_k f_k (Sweeney, "k-anonymity", 2002): every record is
 * indistinguishable from at least k-1 others over the QIs. When the classes partition the
 * records every figure is one of their frequency of sizes c_j (given, or counted here).
 * @param fof the frequency of the classes' sizes, when already counted (a partition only)
 */
export function summarizeClasses(cs: ClassSizes, kThreshold?: number, fof?: FrequencyOfFrequencies): ClassSummary {
  if (cs.partition) return summarizeFrequencies(fof ?? frequencyOfFrequencies(cs.sizes), cs.n, kThreshold);
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

/** summarizeClasses of a partition, from its frequency of class sizes (c_j classes of size j). */
function summarizeFrequencies(fof: FrequencyOfFrequencies, n: number, kThreshold?: number): ClassSummary {
  const { sizes, classCounts } = fof;
  const K = fof.classes;
  const D = sizes.length;
  let below = 0;
  if (kThreshold !== undefined) for (let d = 0; d < D && sizes[d] < kThreshold; d++) below += sizes[d] * classCounts[d];
  const uniques = D > 0 && sizes[0] === 1 ? classCounts[0] : 0;
  return {
    count: K,
    minSize: D ? sizes[0] : 0,
    maxSize: D ? sizes[D - 1] : 0,
    meanSize: K ? n / K : 0,
    uniques,
    uniqueFraction: n ? uniques / n : 0,
    sizeHistogram: Array.from(sizes, (j, d) => [j, classCounts[d]] as [number, number]),
    ...(kThreshold !== undefined ? { recordsBelowK: below } : {}),
    k: D ? sizes[0] : 0,
  };
}
