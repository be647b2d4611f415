import {
  type FrequencyOfFrequencies,
  type UniquenessEstimate,
  estimateOf,
  preconditions,
} from './frequencyOfFrequencies.js';
import { logGammaRatio } from './numeric.js';

/** Zayatz's estimate with the conditional probability it is built from. */
export interface ZayatzEstimate extends UniquenessEstimate {
  /** P(population unique | sample unique), null when undefined. */
  readonly probabilityUniqueGivenSampleUnique: number | null;
}

/**
 * Zayatz (1991), "Estimation of the number of unique population elements using a
 * sample", the equivalence-class model as definitions.md states it (and as Dankar et al.
 * 2012, appendix A, and ARX's ModelZayatz implement it):
 *
 *   P = P(F = 1 | f = 1) = [(c_1/K) H(1; N, 1, n)] / sum_j (c_j/K) H(1; N, j, n)
 *   population uniques   = c_1 P / pi,   pi = n / N,
 *
 * H(1; N, j, n) the hypergeometric pmf of drawing exactly one of the j members of a
 * population class in a sample of n out of N (the sample share c_j/K stands for the
 * population share of classes of size j). K cancels. Everything is computed as the ratio
 *
 *   H(1; N, j, n) / H(1; N, 1, n) = j C(N-j, n-1) / C(N-1, n-1)
 *     = j exp( lnGamma(N-j+1) - lnGamma(N-j-n+2) - lnGamma(N) + lnGamma(N-n+1) ),
 *
 * in log space with log-gamma *ratios* (no factorials, no cancellation of two huge
 * log-gammas), so N may exceed 2^31 (up to ~2^53). H(1; N, j, n) = 0 when
 * j > N - n + 1 (a class that large cannot leave only one member out of the sample).
 *
 * Differences from ARX (ModelZayatz): ARX casts N and n to int and clamps them at
 * Integer.MAX_VALUE (its own TODO marks this as an overflow error), so for N > 2^31 - 1
 * it computes with the wrong N; here N is a double. ARX evaluates each pmf separately
 * with Apache Commons Math; the ratio above is the same quantity.
 *
 * Undefined (valid = false) when n = 0 or pi >= 1; c_1 = 0 gives 0 (see preconditions).
 * The estimate is always within [0, N]: P <= 1 and c_1 <= n, so c_1 P / pi <= N.
 */
export function zayatz(fof: FrequencyOfFrequencies, populationSize: number): ZayatzEstimate {
  const early = preconditions(fof, populationSize, 'Zayatz');
  if (early) return { ...early, probabilityUniqueGivenSampleUnique: null };
  const N = populationSize;
  const n = fof.records;
  const c1 = fof.classCounts[0]; // sizes[0] === 1 here
  // ln C(N-1, n-1) up to the common (n-1)! term: lnGamma(N) - lnGamma(N-n+1).
  const logBase = logGammaRatio(N - n + 1, n - 1);
  let denominator = 0; // sum_j c_j H_j / H_1
  for (let i = 0; i < fof.sizes.length; i++) {
    const j = fof.sizes[i];
    if (j === 1) {
      denominator += fof.classCounts[i];
      continue;
    }
    const a = N - j - n + 2; // lnGamma(N-j+1) - lnGamma(a) with N-j+1 = a + n - 1
    if (!(a > 0)) continue; // H(1; N, j, n) = 0
    const logRatio = Math.log(j) + logGammaRatio(a, n - 1) - logBase;
    denominator += fof.classCounts[i] * Math.exp(logRatio);
  }
  const p = c1 / denominator;
  const pi = n / N;
  const result = estimateOf((c1 * p) / pi, N, 'Zayatz');
  return { ...result, probabilityUniqueGivenSampleUnique: result.valid ? p : null };
}
