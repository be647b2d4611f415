import type { ClassSizes } from '../model/classSizes.js';
import type { PopulationSource } from '../contracts/measures.js';


export interface PopulationClassSizes {
  /** F_g per group, always >= f_g. */
  sizes: Float64Array;
  /** N. */
  populationSize: number;
  source: PopulationSource;
  /** Groups whose population count was missing or below the sample count (then F = f). */
  inconsistentGroups: number;
}

/**
 * Population class sizes from the sampling fraction pi = n / N: every sampled record
 * stands for 1/pi individuals (its design weight), so F_k = f_k / pi, the
 * Horvitz-Thompson estimate of the population class size under simple random sampling
 * (the "sum of the sampling weights of the class" of definitions.md, with w = 1/pi).
 * pi = 1 (no population, or the data is the population) gives F_k = f_k.
 */
export function populationSizesFromFraction(cs: ClassSizes, samplingFraction: number): PopulationClassSizes {
  const sizes = new Float64Array(cs.sizes.length);
  for (let g = 0; g < sizes.length; g++) sizes[g] = cs.sizes[g] / samplingFraction;
  return {
    sizes,
    populationSize: cs.n / samplingFraction,
    source: samplingFraction === 1 ? 'none' : 'samplingFraction',
    inconsistentGroups: 0,
  };
}

/**
 * Population class sizes from a population table (counts per QI combination).
 * A group whose combination is absent from the table, or counted below its sample size,
 * contradicts the table; F is then set to f (the sample is a lower bound) and counted.
 *
 * @param counts population count per group, -1 where the table has no row.
 * @param populationSize N: the spec's size, or the table's total.
 */
export function populationSizesFromTable(cs: ClassSizes, counts: Float64Array, populationSize: number): PopulationClassSizes {
  let inconsistent = 0;
  const sizes = new Float64Array(cs.sizes.length);
  for (let g = 0; g < sizes.length; g++) {
    const F = counts[g];
    if (F < cs.sizes[g]) {
      inconsistent++;
      sizes[g] = cs.sizes[g];
    } else sizes[g] = F;
  }
  return { sizes, populationSize, source: 'populationTable', inconsistentGroups: inconsistent };
}
