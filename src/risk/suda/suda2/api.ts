/**
 * SUDA2: the search for minimal sample uniques (MSUs).
 *
 * Source: A. M. Manning, D. J. Haglin, J. A. Keane (2008), "A recursive search algorithm for
 * statistical disclosure assessment", Data Mining and Knowledge Discovery 16:165-196; the
 * data layout follows edra's frequency table, the algorithm follows the paper (and was
 * cross-read with sdcMicro's Suda2.h and F. Prasser's Java SUDA2; no code is taken from them).
 *
 * Vocabulary. An *item* is a pair (QI q, code c). A record *contains* an itemset X when it
 * carries every item of X. supp_T(X) = number of records of table T containing X.
 *   - X is *unique* in T when supp_T(X) = 1.
 *   - X is a *minimal sample unique* (MSU) of T when it is unique and every proper subset
 *     (the empty set included) is not unique: supp_T(X \ {x}) >= 2 for every x in X.
 *
 * The recursion (paper, section 4). Rank the items of T by ascending support. Every MSU of
 * T is found exactly once, at its lowest-ranked item i:
 *   - Items with supp_T = 1 are the 1-MSUs; no larger MSU can contain them, so they leave.
 *   - Items with supp_T = |T| (in every record) can be in no MSU (dropping them does not
 *     change any support), so they leave too.
 *   - For each remaining item i, the sub-table T_i = records of T containing i, projected on
 *     the items ranked after i. If X is an MSU of T with lowest-ranked item i, then X \ {i}
 *     is an MSU of T_i (its support there is supp_T(X) = 1, and each proper subset S of
 *     X \ {i} has supp_{T_i}(S) = supp_T(S + i) >= 2 because S + i is a proper subset of X).
 *   - Conversely, for an MSU Y of T_i, every proper subset of Y + i is non-unique in T
 *     except possibly Y itself, and supp_T(Y) >= 2 iff Y occurs in a record of T that does
 *     *not* contain i: the paper's "special row". So Y + i is an MSU of T iff such a row
 *     exists; no subset enumeration is needed. (For |Y| = 1 the row always exists, since
 *     every item of T_i has supp_T >= 2.)
 * Pruning (paper's strategies): an MSU of size k in T_i needs k + 1 distinct records of
 * T_i (the record itself, plus one witness per dropped item), so k <= rows(T_i) - 1; it has
 * at most one item per QI, so k <= number of QIs among the items ranked after i; and
 * k <= maxMsuSize - depth.
 *
 * edra's additions (each keeps the result exact; the brute-force tests check all paths):
 *   - Special row without a scan. Since the proper subsets of Y are non-unique in T_i,
 *     hence in T, supp_T(Y) = 1 iff Y is itself an MSU of T, held by the same record. Items
 *     are visited from the highest rank down, so every MSU of T with lowest item above i is
 *     known when T_i is lifted: the check is a set lookup of (record, QI set of Y) (a
 *     record has one itemset per QI set). The full table keeps a bit per (record, QI set)
 *     (2^M bits per record, within a memory budget, else memoized scans of the rows of Y's
 *     rarest item); sub-tables keep a hash set of their MSUs; tables of <= 32 rows do the
 *     check as an AND of row bit masks.
 *   - Holders. Only a weight-1 row (below) whose item set is unique in its table can hold
 *     an MSU there (an MSU of the row is unique, so is any superset within the row); such
 *     rows are "eligible", and a sub-table without an eligible row is skipped, its size
 *     bound is the longest eligible row. Rows with the same item set in T_i are merged into
 *     one row of weight 2 (only "1 or >= 2" matters for uniqueness).
 *   - Tables of <= 32 rows are searched bit-parallel (a row = a bit: T_i is one AND per item).
 *   - The top-level sub-tables are copied out in batches by a sequential pass over the
 *     records (ordered by their rarest item), so their rows are contiguous in memory.
 *
 * Records vs groups. The input is a frequency table: group g stands for counts[g] identical
 * records. Only a group with count 1 can hold an MSU (its twin would contain the same sets).
 * For supports only "1 or at least 2" matters, so a group enters the search as one row of
 * weight min(count, 2) (sdcMicro does the same by dropping the third and later duplicates).
 *
 * Missing values (edra's convention, the same as sdcMicro's): a missing code
 * (codes[q][g] === nullCodes[q]) is not an item. It is never part of an MSU, and a record
 * with a missing q contains no item of q (it matches no value of q). Such a record still
 * counts in the supports of its other items.
 *
 * Empty set. The empty set is a proper subset of every 1-set; with a single record it is
 * unique, so a one-record table has no MSU (as in sdcMicro, whose items present in every
 * record are dropped).
 *
 * Layout (src/risk/suda/suda2/): api.ts the entry points; result.ts options and result;
 * tuning.ts the internal knobs; fullTable.ts the ranked full table; level.ts the level
 * tables; recursion.ts expand/descend; collapse.ts duplicate rows; specialRow.ts the
 * special-row strategies (itemsetMemo.ts, pairSet.ts); bitLevel.ts + bitKernel.ts the
 * bit-parallel kernel; topBatches.ts the top-level batches; topSink.ts where full-table
 * MSUs go; search.ts + state.ts the search and its state; deferred.ts the chunked mode of
 * the worker pool (../worker.ts).
 */
import type { FrequencyTable } from '../../../model/frequencyTable.js';
import { assembleDeferred } from './deferred.js';
import { summarizeMsuCounts, type Suda2Options, type Suda2Result } from './result.js';
import { Suda2Search } from './search.js';
import type { Suda2Tuning } from './tuning.js';

export { assembleDeferred, resolveDeferred, type DeferredPart } from './deferred.js';
export { resolveMaxMsuSize, summarizeMsuCounts, type Suda2Options, type Suda2Result } from './result.js';
export { Suda2Search } from './search.js';
export { indexFullTable, type FullTableIndex } from './fullTable.js';
export type { Suda2Tuning } from './tuning.js';

/**
 * The chunked decomposition of `suda2Parallel` run in the calling thread (tests; reference
 * of the parallel split). Needs M <= 26 and maxMsuSize >= 3 (else use suda2).
 * @param table frequency table.
 * @param options maxMsuSize.
 * @param chunks number of top-level item ranges.
 * @param tuning internal knobs (tests).
 */
export function suda2Chunked(
  table: FrequencyTable,
  options: Suda2Options,
  chunks: number,
  tuning: Suda2Tuning = {},
): Suda2Result {
  const search = new Suda2Search(table, options.maxMsuSize, tuning);
  const bounds = search.planChunks(chunks);
  const parts = [];
  for (let c = 0; c < chunks; c++) parts.push(search.runDeferred(bounds[c], bounds[c + 1]));
  return assembleDeferred(
    table.counts.length,
    search.qiCount,
    search.maxMsuSize,
    search.topRowGroups(),
    search.oneMsus(),
    parts,
  );
}

/**
 * SUDA2 (Manning, Haglin & Keane 2008): all minimal sample uniques of the table up to
 * `maxMsuSize` items, counted per group and size. Single-threaded reference implementation.
 * @param table frequency table; only groups with count 1 can hold MSUs.
 * @param options maxMsuSize (default: number of QIs).
 * @param tuning internal knobs (tests); the result does not depend on them.
 */
export function suda2(
  table: FrequencyTable,
  options: Suda2Options = {},
  tuning: Suda2Tuning = {},
): Suda2Result {
  const search = new Suda2Search(table, options.maxMsuSize, tuning);
  return summarizeMsuCounts(search.qiCount, search.maxMsuSize, search.run());
}
