import { ExactSum } from '../exactSum.js';
/**
 * SUDA and DIS-SUDA scores from the MSUs found by SUDA2.
 *
 * SUDA score (Elliot, Manning, Mayes, Gurd & Bane, "SUDA: A Program for Detecting Special
 * Uniques"; sdcMicro's default `original_scores = TRUE`): for a record with MSUs X,
 *     s = sum over its MSUs X of (M - |X|)!,       M = number of QIs of the table.
 * Note: M is the number of QIs even when `maxMsuSize` < M (sdcMicro always searches up to M).
 *
 * DIS-SUDA (Skinner & Elliot 2002, "A measure of disclosure risk for microdata"; Elliot,
 * Skinner & Dale 2005), as computed by sdcMicro (src/Suda2.h):
 *     Dis = U f / (U f + P (1 - f))                  (file-level DIS probability)
 *     DIS(s) = 1 / (1 + (U / Dis - U) / (s^Q A))     for s > 0, DIS = 0 for s = 0
 * with U = number of sample uniques, P = number of records in full-key classes of size
 * exactly 2, f = the sampling fraction (`disFraction`, default 0.01), Q = 1 + (8 - M)/20 and
 * A = sum over records with s > 0 of s^(-Q). Since U/Dis - U = P (1 - f) / f, U cancels:
 *     DIS(s) = s^Q A / (s^Q A + P (1 - f) / f)       (definitions.md, "SUDA2")
 * and when P = 0, Dis = 1 and every scored record gets DIS = 1. edra evaluates this last
 * form in double precision; sdcMicro computes Dis, Q (and the inputs of the ratio) in single
 * precision, so the two agree to ~1e-6 relative, not to the last bit.
 *
 * Other differences from sdcMicro, all deliberate:
 *   - sdcMicro needs >= 3 key variables and pads 1 or 2 variables with constant dummy
 *     columns, which changes M in (M - k)! and in Q; edra uses the real M for any M >= 1.
 *   - sdcMicro always searches up to M; edra allows maxMsuSize < M (scores then omit the
 *     larger MSUs, a lower bound).
 *   - missing values: one global missing code in sdcMicro, per-QI nullCodes in edra; in both,
 *     a missing value is never part of an MSU (see suda2/api.ts).
 */
import type { FrequencyTable } from '../../model/frequencyTable.js';
import { suda2, type Suda2Options, type Suda2Result } from './suda2/api.js';
import { suda2Parallel, type Suda2ParallelOptions } from './worker.js';
import type { SudaSummary } from '../../contracts/measures.js';

/** Default DIS sampling fraction (sdcMicro's DisFraction default). */
export const DEFAULT_DIS_FRACTION = 0.01;

/**
 * Upper bounds of the DIS histogram: the first bin counts records with DIS = 0 (no MSU),
 * bin b > 0 counts records with bounds[b-1] < DIS <= bounds[b].
 */
export const DIS_HISTOGRAM_BOUNDS: readonly number[] = [0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1];

/** Options of the SUDA computation. */
export interface SudaOptions extends Suda2Options {
  /** Sampling fraction f of the DIS formula, in (0, 1]; default 0.01. */
  disFraction?: number;
}


/** Scores of every group (a group with count >= 2 scores 0), and the summary. */
export interface SudaScores {
  readonly summary: SudaSummary;
  /** SUDA score per group. */
  readonly sudaScore: Float64Array;
  /** DIS-SUDA score per group. */
  readonly disScore: Float64Array;
  /** The MSU counts the scores come from. */
  readonly msu: Suda2Result;
}

/** n! as a double (exact up to 18!). */
function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/**
 * SUDA score per group: s_g = sum over k of msuCounts[g][k] * (M - k)!.
 * @param msu result of suda2 / suda2Parallel.
 */
export function sudaScores(msu: Suda2Result): Float64Array {
  const K = msu.maxMsuSize;
  const weights = new Float64Array(K);
  for (let k = 1; k <= K; k++) weights[k - 1] = factorial(msu.qiCount - k);
  const out = new Float64Array(msu.groups);
  for (let g = 0; g < msu.groups; g++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += msu.msuCounts[g * K + k] * weights[k];
    out[g] = s;
  }
  return out;
}

/** Checks the DIS sampling fraction: 0 < f <= 1. */
function checkFraction(f: number): number {
  if (!(f > 0 && f <= 1)) throw new RangeError(`disFraction must be in (0, 1], got ${f}`);
  return f;
}

/**
 * DIS-SUDA score per group: DIS = s^Q A / (s^Q A + P (1 - f) / f) for s > 0, else 0, with
 * Q = 1 + (8 - M)/20, A = sum_{records with s > 0} s^(-Q), P = records in groups of count 2.
 * If P = 0 every scored record gets 1.
 * @param table the frequency table the scores belong to (for the counts).
 * @param sudaScore SUDA score per group.
 * @param disFraction sampling fraction f in (0, 1]; default 0.01.
 */
export function disSudaScores(
  table: FrequencyTable,
  sudaScore: Float64Array,
  disFraction: number = DEFAULT_DIS_FRACTION,
): Float64Array {
  const f = checkFraction(disFraction);
  const m = table.codes.length;
  const Q = 1 + (8 - m) / 20;
  const groups = table.counts.length;
  // Correctly rounded sums: the scores must not depend on the order of the groups.
  const sumA = new ExactSum();
  let P = 0;
  for (let g = 0; g < groups; g++) {
    const c = table.counts[g];
    if (c === 2) P += 2;
    if (sudaScore[g] > 0) sumA.add(c * Math.pow(sudaScore[g], -Q));
  }
  const A = sumA.value();
  const penalty = (P * (1 - f)) / f;
  const out = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const s = sudaScore[g];
    if (!(s > 0)) continue;
    if (penalty === 0) {
      out[g] = 1;
      continue;
    }
    const t = Math.pow(s, Q) * A;
    out[g] = t / (t + penalty);
  }
  return out;
}

/**
 * Summary of per-group scores (record-weighted: a group counts counts[g] times).
 * @param table the frequency table.
 * @param msu the MSU counts.
 * @param sudaScore SUDA score per group.
 * @param disScore DIS-SUDA score per group.
 * @param disFraction the f used for disScore.
 */
export function summarizeSuda(
  table: FrequencyTable,
  msu: Suda2Result,
  sudaScore: Float64Array,
  disScore: Float64Array,
  disFraction: number,
): SudaSummary {
  const groups = table.counts.length;
  const bounds = DIS_HISTOGRAM_BOUNDS;
  const hist = new Array<number>(bounds.length).fill(0);
  let withMsu = 0;
  let maxS = 0;
  const sumS = new ExactSum();
  let maxD = 0;
  const sumD = new ExactSum();
  for (let g = 0; g < groups; g++) {
    const c = table.counts[g];
    const s = sudaScore[g];
    const d = disScore[g];
    if (s > 0) withMsu += c;
    if (s > maxS) maxS = s;
    if (d > maxD) maxD = d;
    sumS.add(c * s);
    sumD.add(c * d);
    let b = 0;
    while (b < bounds.length - 1 && d > bounds[b]) b++;
    hist[b] += c;
  }
  const n = table.records;
  return {
    maxMsuSize: msu.maxMsuSize,
    disFraction,
    recordsWithMsu: withMsu,
    maxSudaScore: maxS,
    meanSudaScore: n > 0 ? sumS.value() / n : 0,
    maxDisScore: maxD,
    meanDisScore: n > 0 ? sumD.value() / n : 0,
    disScoreHistogram: bounds.map((ub, b): [number, number] => [ub, hist[b]]),
    msuBySize: msu.msuBySize.slice(),
  };
}

/** SUDA + DIS-SUDA from an MSU result (no search). */
export function scoresFromMsu(
  table: FrequencyTable,
  msu: Suda2Result,
  disFraction: number = DEFAULT_DIS_FRACTION,
): SudaScores {
  const f = checkFraction(disFraction);
  const sudaScore = sudaScores(msu);
  const disScore = disSudaScores(table, sudaScore, f);
  return { summary: summarizeSuda(table, msu, sudaScore, disScore, f), sudaScore, disScore, msu };
}

/**
 * SUDA2 search (single thread) then SUDA and DIS-SUDA scores per group, and the summary.
 * @param table frequency table.
 * @param options maxMsuSize (default M), disFraction (default 0.01).
 */
export function computeSuda(table: FrequencyTable, options: SudaOptions = {}): SudaScores {
  const f = checkFraction(options.disFraction ?? DEFAULT_DIS_FRACTION);
  return scoresFromMsu(table, suda2(table, options), f);
}

/**
 * As computeSuda, with the SUDA2 search split over worker threads (suda2Parallel); the
 * result is identical.
 * @param table frequency table.
 * @param options maxMsuSize, disFraction, threads, minGroups.
 */
export async function computeSudaParallel(
  table: FrequencyTable,
  options: SudaOptions & Suda2ParallelOptions = {},
): Promise<SudaScores> {
  const f = checkFraction(options.disFraction ?? DEFAULT_DIS_FRACTION);
  return scoresFromMsu(table, await suda2Parallel(table, options), f);
}
