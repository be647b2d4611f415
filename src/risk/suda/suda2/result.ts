/**
 * Options and result of SUDA2, the search for minimal sample uniques (Manning, Haglin &
 * Keane 2008): Suda2Options, Suda2Result, the check of maxMsuSize and the totals over the
 * per-group MSU counts, shared by the single-thread, chunked and parallel entry points.
 */
import type { FrequencyTable } from '../../../model/frequencyTable.js';

/** Options of the MSU search. */
export interface Suda2Options {
  /** Largest MSU size searched (1 .. number of QIs); default: the number of QIs. */
  maxMsuSize?: number;
}

/** MSUs found per group. */
export interface Suda2Result {
  /** M: number of QIs of the table. */
  readonly qiCount: number;
  /** Largest MSU size searched. */
  readonly maxMsuSize: number;
  /** Number of groups of the table. */
  readonly groups: number;
  /**
   * msuCounts[g * maxMsuSize + (k - 1)] = number of MSUs of size k held by group g (zero
   * unless counts[g] = 1). A record has at most C(M, k) MSUs of size k.
   */
  readonly msuCounts: Int32Array;
  /** msuBySize[k - 1] = number of MSUs of size k over the whole table. */
  readonly msuBySize: number[];
  /** Number of groups (= records, each has count 1) holding at least one MSU. */
  readonly groupsWithMsu: number;
}

/** Resolves and checks maxMsuSize against the number of QIs. */
export function resolveMaxMsuSize(table: FrequencyTable, maxMsuSize?: number): number {
  return checkMaxMsuSize(table.codes.length, maxMsuSize);
}

/** Resolves and checks maxMsuSize against m QIs. */
export function checkMaxMsuSize(m: number, maxMsuSize?: number): number {
  if (m === 0) throw new RangeError('SUDA2 needs at least one QI');
  const k = maxMsuSize ?? m;
  if (!Number.isInteger(k) || k < 1 || k > m) {
    throw new RangeError(`maxMsuSize must be an integer in 1..${m}, got ${maxMsuSize}`);
  }
  return k;
}

/** Totals over the per-group counts. */
export function summarizeMsuCounts(
  qiCount: number,
  maxMsuSize: number,
  msuCounts: Int32Array,
): Suda2Result {
  const groups = msuCounts.length / maxMsuSize;
  const bySize = new Array<number>(maxMsuSize).fill(0);
  let withMsu = 0;
  for (let g = 0; g < groups; g++) {
    let any = false;
    for (let k = 0; k < maxMsuSize; k++) {
      const c = msuCounts[g * maxMsuSize + k];
      if (c) {
        bySize[k] += c;
        any = true;
      }
    }
    if (any) withMsu++;
  }
  return { qiCount, maxMsuSize, groups, msuCounts, msuBySize: bySize, groupsWithMsu: withMsu };
}
