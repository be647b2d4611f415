/**
 * Suda2Search: one SUDA2 search over one frequency table (Manning, Haglin & Keane 2008),
 * and its single-thread run mode. `suda2` runs it whole (`run`); the worker pool builds one
 * per worker and runs disjoint ranges of top-level items (`runDeferred`, see deferred.ts).
 * The state lives in a SearchState (state.ts) that the modules of the search share.
 */
import type { FrequencyTable } from '../../../model/frequencyTable.js';
import type { FullTableIndex } from './fullTable.js';
import { DEFERRED_MAX_QIS, type DeferredPart, planChunks, runDeferred } from './deferred.js';
import { SearchState } from './state.js';
import { processTop } from './topBatches.js';
import type { Suda2Tuning } from './tuning.js';

/** One search: the index of the full table, built once, and its run modes. */
export class Suda2Search {
  /** Largest QI count of the deferred (parallel) mode: a code packs mask | attr << 26. */
  static readonly DEFERRED_MAX_QIS = DEFERRED_MAX_QIS;
  /** M. */
  readonly qiCount: number;
  readonly maxMsuSize: number;
  /** Number of ranked items of the full table (the units of work of `runDeferred`). */
  readonly topItems: number;
  private readonly state: SearchState;

  /**
   * Ranks the items of the full table and builds its row/item index (depth 0).
   * @param table the frequency table (groups with their counts), or its index
   *   (`indexFullTable`, built once and shared by the worker pool).
   * @param maxMsuSize largest MSU size searched; default: the number of QIs.
   * @param tuning internal knobs (tests); defaults otherwise.
   */
  constructor(table: FrequencyTable | FullTableIndex, maxMsuSize?: number, tuning: Suda2Tuning = {}) {
    this.state = new SearchState(table, maxMsuSize, tuning);
    this.qiCount = this.state.qiCount;
    this.maxMsuSize = this.state.maxMsuSize;
    this.topItems = this.state.topItems;
  }

  /**
   * The whole search, single thread. Returns msuCounts[g * maxMsuSize + k - 1] = number of
   * MSUs of size k held by group g (see `runWhole` below).
   */
  run(): Int32Array {
    return runWhole(this.state);
  }

  /** Group of each top row (the row numbers used by runDeferred). */
  topRowGroups(): Int32Array {
    return this.state.groupOf;
  }

  /** Groups holding a 1-MSU (one entry per 1-MSU). */
  oneMsus(): Int32Array {
    return this.state.oneMsuGroups;
  }

  /** See planChunks (deferred.ts): chunks + 1 boundaries of top-level item ranges. */
  planChunks(chunks: number): Int32Array {
    return planChunks(this.state, chunks);
  }

  /** Phase A for the top-level items of [from, to): see runDeferred (deferred.ts). Needs M <= 26. */
  runDeferred(from: number, to: number): DeferredPart {
    return runDeferred(this.state, from, to);
  }
}

/**
 * The whole search, single thread. Returns msuCounts[g * maxMsuSize + k - 1] = number of
 * MSUs of size k held by group g.
 *
 * Top-level items are visited from the highest rank down. Then, when the candidates of
 * T_i are lifted, every MSU of T whose lowest item ranks above i is already known, and
 * the special-row check needs no scan: for Y an MSU of T_i held by r, Y + i is an MSU of
 * T iff Y is not itself an MSU of T (supp_T(Y) = 1 iff Y is an MSU of T, since the proper
 * subsets of Y are non-unique in T_i, hence in T), i.e. iff bit (r, QIs of Y) is not set.
 * Above the memory budget (2^M bits per record) the full table falls back to memoized
 * special-row scans.
 */
function runWhole(st: SearchState): Int32Array {
  const m = st.qiCount;
  const K = st.maxMsuSize;
  const groups = st.weight.length;
  const out = new Int32Array(groups * K);
  for (const g of st.oneMsuGroups) out[g * K]++;
  const words = m >= 5 ? 2 ** (m - 5) : 1;
  const rows = st.groupOf.length;
  if (m <= 30 && K >= 3 && rows * (words + K) * 4 <= st.tuning.knownBudgetBytes) {
    const R = words + K;
    const rec = new Int32Array(rows * R);
    st.rec = rec;
    st.recStride = R;
    st.recWords = words;
    processTop(st, 0, st.topItems, true);
    for (let r = 0; r < rows; r++) {
      const g = st.groupOf[r];
      for (let k = 1; k < K; k++) out[g * K + k] = rec[r * R + words + k];
    }
    st.rec = null;
  } else {
    st.sink = (g, size) => {
      out[g * K + size - 1]++;
    };
    processTop(st, 0, st.topItems, false);
    st.sink = () => {};
  }
  return out;
}
