/**
 * SearchState: the state of one SUDA2 search over one frequency table (Manning, Haglin &
 * Keane 2008), shared by the modules of the search, which take it as their first argument:
 * the recursion (recursion.ts), the bit-parallel kernel (bitKernel.ts), the special-row
 * checks (specialRow.ts), the top-level batches (topBatches.ts), the full-table MSU sink
 * (topSink.ts) and the run modes (search.ts: whole; deferred.ts: chunked for the workers).
 * A plain object of typed arrays and counters: the hot loops read its fields directly.
 */
import type { FrequencyTable } from '../../../model/frequencyTable.js';
import { grow } from './arrays.js';
import type { BitLevel } from './bitLevel.js';
import { type FullTableIndex, indexFullTable, topLevelOf } from './fullTable.js';
import { emptyView, type Level, type RowView } from './level.js';
import { checkMaxMsuSize } from './result.js';
import { resolveTuning, type Suda2Tuning } from './tuning.js';

/** Receives every MSU of the full table: the group that holds it and its size. */
export type MsuSink = (group: number, size: number) => void;

export class SearchState {
  /** M. */
  readonly qiCount: number;
  readonly maxMsuSize: number;
  /** Number of ranked items of the full table (the units of work of `runDeferred`). */
  readonly topItems: number;
  readonly tuning: Required<Suda2Tuning>;
  /**
   * Ranked codes row-major by top row: rowMajor[r * M + q] = the code of the ranked item of
   * QI q in row r, -1 when the row has none (missing, or an item that left the ranking: it
   * equals no ranked item either way). Built on the first special-row scan (only the
   * fallbacks scan), from the index.
   */
  rowMajor: Int32Array | null = null;
  /** The index of the full table (read-only; shared by the workers of a pool). */
  readonly index: FullTableIndex;
  /** Whether the buckets of the full table (item -> rows) are built (first special-row scan). */
  topBuckets = false;
  /** Group of each top row (rows of the full table, ordered by lowest-ranked item). */
  readonly groupOf: Int32Array;
  /** Row weight per group: min(count, 2). */
  readonly weight: Uint8Array;
  /** levels[0] = the full table; levels[d] = the current sub-table at depth d. */
  readonly levels: Level[] = [];
  readonly stamp: Int32Array;
  tick = 0;
  /** Candidate MSUs of sub-tables: fixed records [top row, size, item_1 .. item_maxMsuSize]. */
  pool = new Int32Array(1024);
  poolEnd = 0;
  readonly stride: number;
  cursor = new Int32Array(16);
  hashSlots = new Int32Array(0);
  // Bit-parallel search (bitKernel.ts).
  readonly bitLevels: BitLevel[] = [];
  /** Group of each bit row of the current bit-parallel search. */
  readonly bitRowsG = new Int32Array(32);
  /** Bits of the weight-2 rows, and of the rows that may hold an MSU. */
  bitHeavy = 0;
  bitHolders = 0;
  /** Groups holding a 1-MSU of the full table (one entry per 1-MSU). */
  readonly oneMsuGroups: Int32Array;
  /** Per top-level item: number of ids after it summed over its rows (batch sizing). */
  readonly itemsAfter: Float64Array;
  /** Per top-level item: rows of weight 1 carrying it (0: nothing to find). */
  readonly holdersOf: Int32Array;
  sink: MsuSink = () => {};
  /**
   * Per-record state of `run` by top row, stride recStride: first recWords words = bit set
   * of the QI sets (masks) of the record's known MSUs of the full table (a record has at most
   * one itemset per QI set), then maxMsuSize MSU counts by size, so that bits and counts of
   * a record share a cache line. Null when it would not fit the budget (then: memo + scan).
   */
  rec: Int32Array | null = null;
  recStride = 0;
  recWords = 0;
  // Deferred top-level entries (runDeferred).
  deferring = false;
  defRows = new Int32Array(0);
  defCodes = new Int32Array(0);
  defN = 0;
  // Materialized batch of top-level sub-tables (processTop).
  readonly topView: RowView = emptyView();
  matStart = new Int32Array(1);
  matItems = new Int32Array(0);
  matG = new Int32Array(0);
  matW = new Uint8Array(0);
  matE = new Uint8Array(0);
  iota = new Int32Array(0);

  /**
   * Ranks the items of the full table and builds its row/item index (depth 0), or takes
   * an index already built (`indexFullTable`, e.g. shared by the worker pool).
   * @param table the frequency table (groups with their counts), or its index.
   * @param maxMsuSize largest MSU size searched; default: the number of QIs.
   * @param tuning internal knobs (tests); defaults otherwise.
   */
  constructor(table: FrequencyTable | FullTableIndex, maxMsuSize: number | undefined, tuning: Suda2Tuning) {
    const m = 'rowItems' in table ? table.qiCount : table.codes.length;
    this.qiCount = m;
    this.maxMsuSize = checkMaxMsuSize(m, maxMsuSize);
    const full = 'rowItems' in table ? table : indexFullTable(table);
    this.tuning = resolveTuning(tuning);
    this.stride = this.maxMsuSize + 2;
    this.stamp = new Int32Array(Math.max(m, 1));
    this.index = full;
    const top = topLevelOf(full);
    this.weight = full.weight;
    this.oneMsuGroups = full.oneMsuGroups;
    this.levels.push(top);
    this.topItems = top.nItems;
    this.groupOf = full.groupOf;
    this.itemsAfter = full.itemsAfter;
    this.holdersOf = full.holdersOf;
    this.cursor = grow(this.cursor, this.topItems);
    top.buildSuffixQis(this.stamp, ++this.tick);
  }
}
