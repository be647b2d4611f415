/**
 * Frequency of frequencies: c_j = the number of equivalence classes (ECs) of size j in
 * the sample (definitions.md, notation). Every population-uniqueness estimator of this
 * folder depends on the sample only through the c_j (they are sufficient statistics of
 * the Zayatz, Pitman and SNB models), so they take this sparse table, not the classes.
 */

/** Sparse c_j: the class sizes j that occur, ascending, and how many classes have each. */
export interface FrequencyOfFrequencies {
  /** Distinct class sizes j >= 1, strictly ascending. */
  readonly sizes: Int32Array;
  /** classCounts[i] = c_j for j = sizes[i] (>= 1). Float64 so sums never overflow. */
  readonly classCounts: Float64Array;
  /** K = sum_j c_j: number of classes. */
  readonly classes: number;
  /** n = sum_j j c_j: number of records. */
  readonly records: number;
}

/** Class sizes up to this bound are counted in an array, larger ones (always few) in a map. */
const DIRECT_SIZES = 1 << 16;

/**
 * Builds the sparse c_j from the class sizes f_k (one entry per EC, any order).
 * Throws a RangeError if a size is < 1 (an EC is never empty).
 * Cost O(K) by counting (sizes up to 65,536 in an array, larger ones in a map, sorted at the
 * end); the input is not modified.
 */
export function frequencyOfFrequencies(classSizes: Int32Array): FrequencyOfFrequencies {
  const K = classSizes.length;
  let max = 0;
  for (let i = 0; i < K; i++) {
    const f = classSizes[i];
    if (!(f >= 1)) throw new RangeError(`class size ${f} at position ${i} of the class sizes: every class size must be >= 1`);
    if (f > max) max = f;
  }
  const count = new Float64Array(Math.min(max, DIRECT_SIZES) + 1);
  const large = new Map<number, number>();
  let records = 0;
  for (let i = 0; i < K; i++) {
    const f = classSizes[i];
    records += f;
    if (f <= DIRECT_SIZES) count[f]++;
    else large.set(f, (large.get(f) ?? 0) + 1);
  }
  const sizes: number[] = [];
  const counts: number[] = [];
  for (let j = 1; j < count.length; j++) {
    if (count[j] > 0) {
      sizes.push(j);
      counts.push(count[j]);
    }
  }
  for (const [j, c] of [...large].sort((a, b) => a[0] - b[0])) {
    sizes.push(j);
    counts.push(c);
  }
  return { sizes: Int32Array.from(sizes), classCounts: Float64Array.from(counts), classes: K, records };
}

/** c_j for one size j (0 when no class has that size). Binary search, O(log #sizes). */
export function classCountOfSize(fof: FrequencyOfFrequencies, j: number): number {
  let lo = 0;
  let hi = fof.sizes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = fof.sizes[mid];
    if (s === j) return fof.classCounts[mid];
    if (s < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * What every population-uniqueness estimator returns (definitions.md, "Population
 * uniqueness"): the estimated number of population-unique individuals and that count
 * over N. When the estimate is undefined (no convergence, outside [0, N], pi >= 1, ...)
 * count and fraction are null, valid is false and note says precisely why.
 */
export interface UniquenessEstimate {
  /** Estimated number of population uniques, in [0, N], or null when undefined. */
  readonly count: number | null;
  /** count / N, in [0, 1], or null. */
  readonly fraction: number | null;
  readonly valid: boolean;
  /** Why the estimate is undefined, or a remark on a special case (c_1 = 0). */
  readonly note?: string;
}

/** An invalid estimate with its reason. */
export function invalidEstimate(note: string): UniquenessEstimate {
  return { count: null, fraction: null, valid: false, note };
}

/**
 * A valid estimate from a count, or an invalid one when the count is not a finite number
 * in [0, N] (with a small tolerance for rounding at the ends, then clamped).
 */
export function estimateOf(count: number, populationSize: number, model: string): UniquenessEstimate {
  if (!Number.isFinite(count)) return invalidEstimate(`${model}: the estimate is not a finite number (${count})`);
  const slack = 1e-9 * Math.max(1, populationSize);
  if (count < -slack || count > populationSize + slack) {
    return invalidEstimate(`${model}: the estimate ${count} is outside [0, N = ${populationSize}]`);
  }
  const c = Math.min(Math.max(count, 0), populationSize);
  return { count: c, fraction: c / populationSize, valid: true };
}

/**
 * Checks shared by every estimator, in this order:
 * - N must be a finite number > 0 (else RangeError: a caller bug, not a data condition);
 * - an empty sample (n = 0) has no estimate;
 * - pi = n / N >= 1: the sample is (or claims to exceed) the population, and these models
 *   of sampling from a larger population do not apply; with N = n the population uniques
 *   are exactly the sample uniques c_1, a sample measure;
 * - c_1 = 0: no sample uniques, so 0 population uniques are reported (Dankar et al.'s
 *   convention, also ARX's: RiskModelPopulationUniqueness short-circuits c_1 = 0 to 0
 *   for every model). Under Bernoulli sampling a population unique is in the sample with
 *   probability pi and then is a sample unique, so c_1 = 0 is only weak evidence for 0;
 *   the note says so.
 * Returns the result to return early, or null to go on with the estimate.
 */
export function preconditions(
  fof: FrequencyOfFrequencies,
  populationSize: number,
  model: string,
): UniquenessEstimate | null {
  if (!(Number.isFinite(populationSize) && populationSize > 0)) {
    throw new RangeError(`population size N must be a finite number > 0, got ${populationSize}`);
  }
  const n = fof.records;
  if (n === 0) return invalidEstimate(`${model}: the sample is empty (n = 0)`);
  if (populationSize < n) {
    return invalidEstimate(`${model}: population size N = ${populationSize} is smaller than the sample size n = ${n} (pi > 1)`);
  }
  if (populationSize === n) {
    return invalidEstimate(
      `${model}: pi = n/N = 1, the sample is the population; population uniques are the sample uniques c_1 = ${fof.sizes[0] === 1 ? fof.classCounts[0] : 0} (a sample measure, not an estimate)`,
    );
  }
  if (fof.sizes[0] !== 1) {
    return {
      count: 0,
      fraction: 0,
      valid: true,
      note: `${model}: c_1 = 0 (no sample uniques), so 0 population uniques by convention (Dankar et al. 2012; ARX)`,
    };
  }
  return null;
}
