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
 */
import type { FrequencyTable } from '../../model/frequencyTable.js';

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

/** Receives every MSU of the full table: the group that holds it and its size. */
type MsuSink = (group: number, size: number) => void;

/** Resolves and checks maxMsuSize against the number of QIs. */
export function resolveMaxMsuSize(table: FrequencyTable, maxMsuSize?: number): number {
  const m = table.codes.length;
  if (m === 0) throw new RangeError('SUDA2 needs at least one QI');
  const k = maxMsuSize ?? m;
  if (!Number.isInteger(k) || k < 1 || k > m) {
    throw new RangeError(`maxMsuSize must be an integer in 1..${m}, got ${maxMsuSize}`);
  }
  return k;
}

/** Grows a typed array to at least n elements (contents kept). */
function grow(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

/**
 * Internal knobs of the search; defaults are tuned for speed. Tests set them to force every
 * code path (the results never depend on them).
 */
export interface Suda2Tuning {
  /** Sub-tables with at most this many rows (0..32) are searched bit-parallel; default 32. */
  smallRows?: number;
  /**
   * Sub-tables with at least this many rows (and more than smallRows) keep a set of their
   * MSUs; smaller ones scan for special rows. Default 0 (always the set).
   */
  knownMinRows?: number;
  /**
   * Memory for the per-record records of `run` (2^M bits + maxMsuSize counts per record);
   * default 256 MiB. Above it the full table checks special rows by memoized scans.
   */
  knownBudgetBytes?: number;
  /** Size (ints) of a batch of materialized top-level sub-tables; default 2^22. */
  batchItems?: number;
}

const DEFAULT_TUNING: Required<Suda2Tuning> = {
  smallRows: 32,
  knownMinRows: 0,
  knownBudgetBytes: 256 * 1024 * 1024,
  batchItems: 1 << 22,
};

/**
 * The rows of one sub-table T_i as the search reads them: rows idx[from .. to) of a row CSR
 * (items of row r: items[start[r] .. start[r+1]), ascending ids of the parent table), with
 * their record (top row), weight and eligibility. For a sub-table below the top it is the bucket of i
 * in the parent Level; at the top it is a materialized batch (see processTop).
 */
interface RowView {
  idx: Int32Array;
  from: number;
  to: number;
  start: Int32Array;
  items: Int32Array;
  groups: Int32Array;
  w: Uint8Array;
  eligible: Uint8Array;
}

/** An empty RowView (fields are set before use). */
function emptyView(): RowView {
  return {
    idx: new Int32Array(0),
    from: 0,
    to: 0,
    start: new Int32Array(1),
    items: new Int32Array(0),
    groups: new Int32Array(0),
    w: new Uint8Array(0),
    eligible: new Uint8Array(0),
  };
}

/**
 * Memo of special-row answers of one table T, keyed by the itemset Y (sorted local ids).
 * The answer only depends on Y, not on i: Y is unique in T_i, held by one record r, so a
 * record of T outside T_i contains Y iff supp_T(Y) >= 2. The same Y comes back from many
 * sub-tables (measured: ~12 checks per distinct Y at the full table, 300k x 8 random data).
 * Open addressing with linear probing; keys stored in a flat array with a fixed stride.
 */
class ItemsetMemo {
  private cap = 0;
  private used = 0;
  private keys = new Int32Array(0);
  /** 0 = empty slot, else 1 + size of the key. */
  private sizes = new Uint8Array(0);
  private values = new Uint8Array(0);
  /** Occupied slots, for a cheap clear. */
  private slots = new Int32Array(0);

  constructor(private readonly stride: number) {
    this.resize(1 << 6);
  }

  /** Empties the memo (cost: number of entries). */
  clear(): void {
    for (let u = 0; u < this.used; u++) this.sizes[this.slots[u]] = 0;
    this.used = 0;
  }

  private resize(cap: number): void {
    const { keys, sizes, values } = this;
    const old = this.cap;
    this.cap = cap;
    this.keys = new Int32Array(cap * this.stride);
    this.sizes = new Uint8Array(cap);
    this.values = new Uint8Array(cap);
    this.slots = new Int32Array(cap);
    let used = 0;
    for (let s = 0; s < old; s++) {
      if (!sizes[s]) continue;
      const slot = this.find(keys, s * this.stride, sizes[s] - 1);
      this.slots[used++] = slot;
      this.keys.set(keys.subarray(s * this.stride, s * this.stride + sizes[s] - 1), slot * this.stride);
      this.sizes[slot] = sizes[s];
      this.values[slot] = values[s];
    }
  }

  /** Slot of the key src[off .. off+size) (sorted), or of the empty slot where it goes. */
  private find(src: Int32Array, off: number, size: number): number {
    let h = size;
    for (let s = 0; s < size; s++) h = Math.imul(h ^ src[off + s], 0x9e3779b1) ^ (h >>> 15);
    const mask = this.cap - 1;
    for (let slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const z = this.sizes[slot];
      if (z === 0) return slot;
      if (z !== size + 1) continue;
      const k = slot * this.stride;
      let s = 0;
      while (s < size && this.keys[k + s] === src[off + s]) s++;
      if (s === size) return slot;
    }
  }

  /** 0 = unknown, 1 = false, 2 = true. */
  get(src: Int32Array, off: number, size: number): number {
    const slot = this.find(src, off, size);
    return this.sizes[slot] ? this.values[slot] : 0;
  }

  set(src: Int32Array, off: number, size: number, value: boolean): void {
    if ((this.used + 1) * 2 > this.cap) this.resize(this.cap * 2);
    const slot = this.find(src, off, size);
    if (!this.sizes[slot]) this.slots[this.used++] = slot;
    this.keys.set(src.subarray(off, off + size), slot * this.stride);
    this.sizes[slot] = size + 1;
    this.values[slot] = value ? 2 : 1;
  }
}

/**
 * Set of (record, QI mask) pairs: the MSUs of one sub-table found so far (a record has at
 * most one itemset per QI set, so the pair names the itemset). Open addressing.
 */
class PairSet {
  private cap = 0;
  private used = 0;
  private groups = new Int32Array(0);
  private masks = new Int32Array(0);
  /** 0 = empty. */
  private full = new Uint8Array(0);
  private slots = new Int32Array(0);

  constructor() {
    this.resize(1 << 6);
  }

  private resize(cap: number): void {
    const { groups, masks, full } = this;
    const old = this.cap;
    this.cap = cap;
    this.groups = new Int32Array(cap);
    this.masks = new Int32Array(cap);
    this.full = new Uint8Array(cap);
    this.slots = new Int32Array(cap);
    this.used = 0;
    for (let s = 0; s < old; s++) if (full[s]) this.add(groups[s], masks[s]);
  }

  private find(g: number, mask: number): number {
    let h = Math.imul(g, 0x9e3779b1) ^ Math.imul(mask, 0x85ebca6b);
    h ^= h >>> 15;
    const m = this.cap - 1;
    for (let slot = h & m; ; slot = (slot + 1) & m) {
      if (!this.full[slot] || (this.groups[slot] === g && this.masks[slot] === mask)) return slot;
    }
  }

  has(g: number, mask: number): boolean {
    return this.full[this.find(g, mask)] === 1;
  }

  add(g: number, mask: number): void {
    if ((this.used + 1) * 2 > this.cap) this.resize(this.cap * 2);
    const slot = this.find(g, mask);
    if (this.full[slot]) return;
    this.full[slot] = 1;
    this.groups[slot] = g;
    this.masks[slot] = mask;
    this.slots[this.used++] = slot;
  }

  clear(): void {
    for (let u = 0; u < this.used; u++) this.full[this.slots[u]] = 0;
    this.used = 0;
  }
}

/**
 * One table of the recursion (the full table at depth 0, a sub-table T_i below), with its
 * items ranked by ascending support (local ids 0..nItems-1 in rank order), and the
 * scratch space used to build its sub-tables. Buffers are reused across the sub-tables of
 * the same depth.
 */
class Level {
  nRows = 0;
  /** Record of each row: its top row (the search's record number; groupOf maps to groups). */
  rowsG = new Int32Array(0);
  /** CSR: items of row r are rowItems[rowStart[r] .. rowStart[r+1]), ascending local ids. */
  rowStart = new Int32Array(1);
  rowItems = new Int32Array(0);
  /**
   * eligible[r] = 1 when row r can hold an MSU of this table: weight 1 and no other row with
   * the same items in this table (an MSU Y of the row is unique, so is the row's item set).
   * A row that is not eligible here is not eligible in any sub-table either.
   */
  eligible = new Uint8Array(0);
  /**
   * Weight of row r in this table: 1, or 2 for "at least two records" (a group of count
   * >= 2, or rows of the parent with the same items here, collapsed into one).
   */
  rowW = new Uint8Array(0);
  nItems = 0;
  itemAttr = new Int32Array(0);
  itemCode = new Int32Array(0);
  /** Number of rows (distinct groups) containing the item. */
  itemRows = new Int32Array(0);
  /** Local id of the item in the parent level. */
  parentId = new Int32Array(0);
  /** CSR: rows of item j are bucket[itemStart[j] .. itemStart[j+1]), ascending. */
  itemStart = new Int32Array(1);
  bucket = new Int32Array(0);
  /** suffixQis[j] = number of distinct QIs among items j..nItems-1. */
  suffixQis = new Int32Array(1);
  // Scratch, indexed by local item id, for building sub-tables; kept zeroed between uses.
  cntRows = new Int32Array(0);
  cntW = new Int32Array(0);
  lastRow = new Int32Array(0);
  toChild = new Int32Array(0);
  touched = new Int32Array(0);
  active = new Int32Array(0);
  /** Special-row answers (full table in scan mode only). */
  memo: ItemsetMemo | null = null;
  /**
   * When set (large sub-tables): the MSUs of this table found so far, as (record, QI mask).
   * Items are visited from the highest rank down, so when the candidates of T_i are lifted
   * every MSU of this table with lowest item above i is in the set, and Y + i is an MSU iff
   * Y is not (see Suda2Search.run): no special-row scan.
   */
  knownSet: PairSet | null = null;
  /** View of the rows of one item (the sub-table to expand). */
  readonly view: RowView = emptyView();

  /** Points `view` at the bucket of item i. */
  viewOf(i: number): RowView {
    const v = this.view;
    v.idx = this.bucket;
    v.from = this.itemStart[i];
    v.to = this.itemStart[i + 1];
    v.start = this.rowStart;
    v.items = this.rowItems;
    v.groups = this.rowsG;
    v.w = this.rowW;
    v.eligible = this.eligible;
    return v;
  }

  /** Sizes the per-item arrays for n items. */
  sizeItems(n: number): void {
    this.nItems = n;
    if (this.itemAttr.length < n) {
      const cap = Math.max(n, this.itemAttr.length * 2, 16);
      this.itemAttr = new Int32Array(cap);
      this.itemCode = new Int32Array(cap);
      this.itemRows = new Int32Array(cap);
      this.parentId = new Int32Array(cap);
      this.itemStart = new Int32Array(cap + 1);
      this.suffixQis = new Int32Array(cap + 1);
      this.cntRows = new Int32Array(cap);
      this.cntW = new Int32Array(cap);
      this.lastRow = new Int32Array(cap);
      this.toChild = new Int32Array(cap);
      this.touched = new Int32Array(cap);
      this.active = new Int32Array(cap);
    }
  }

  /** Fills itemStart/bucket from itemRows and the row CSR (rows ascending in each bucket). */
  buildBuckets(cursor: Int32Array): void {
    const n = this.nItems;
    const start = this.itemStart;
    start[0] = 0;
    for (let j = 0; j < n; j++) start[j + 1] = start[j] + this.itemRows[j];
    this.bucket = grow(this.bucket, start[n]);
    for (let j = 0; j < n; j++) cursor[j] = start[j];
    const rs = this.rowStart;
    const ri = this.rowItems;
    const b = this.bucket;
    for (let r = 0; r < this.nRows; r++) {
      for (let p = rs[r]; p < rs[r + 1]; p++) b[cursor[ri[p]]++] = r;
    }
  }

  /** Fills suffixQis (QI marks use a stamp array of size M). */
  buildSuffixQis(stamp: Int32Array, tick: number): void {
    let distinct = 0;
    this.suffixQis[this.nItems] = 0;
    for (let j = this.nItems - 1; j >= 0; j--) {
      const a = this.itemAttr[j];
      if (stamp[a] !== tick) {
        stamp[a] = tick;
        distinct++;
      }
      this.suffixQis[j] = distinct;
    }
  }
}

let sortScratch = new Float64Array(64);

/** Sorts ids[from..to) ascending by (key[id], id). */
function sortByKey(ids: Int32Array, from: number, to: number, key: Int32Array): void {
  const n = to - from;
  if (n <= 24) {
    for (let a = from + 1; a < to; a++) {
      const x = ids[a];
      const kx = key[x];
      let b = a - 1;
      while (b >= from && (key[ids[b]] > kx || (key[ids[b]] === kx && ids[b] > x))) {
        ids[b + 1] = ids[b];
        b--;
      }
      ids[b + 1] = x;
    }
    return;
  }
  // numeric sort of packed (key, id) doubles: no comparator call
  let big = false;
  for (let a = from; a < to && !big; a++) big = key[ids[a]] >= 67108864 || ids[a] >= 67108864;
  if (big) {
    const sub = Array.from(ids.subarray(from, to));
    sub.sort((x, y) => key[x] - key[y] || x - y);
    for (let a = 0; a < n; a++) ids[from + a] = sub[a];
    return;
  }
  if (sortScratch.length < n) sortScratch = new Float64Array(Math.max(n, sortScratch.length * 2));
  const packed = sortScratch.subarray(0, n);
  for (let a = 0; a < n; a++) packed[a] = key[ids[from + a]] * 67108864 + ids[from + a];
  packed.sort();
  for (let a = 0; a < n; a++) ids[from + a] = packed[a] % 67108864;
}

/**
 * One table of the bit-parallel search (at most 32 rows): item k is carried by the
 * rows whose bits are set in mask[k]. Same recursion as `Level`, but building T_i is one AND
 * per item and the special-row check is an AND over Y's masks.
 */
class BitLevel {
  n = 0;
  mask = new Int32Array(0);
  /** Weighted support (weight-2 rows count twice). */
  sup = new Int32Array(0);
  attr = new Int32Array(0);
  /** Id of the item in the parent bit level (identity at the root: ids of the Level). */
  parent = new Int32Array(0);
  suffixQis = new Int32Array(1);

  ensure(n: number): void {
    if (this.mask.length >= n) return;
    const cap = Math.max(n, this.mask.length * 2, 16);
    this.mask = new Int32Array(cap);
    this.sup = new Int32Array(cap);
    this.attr = new Int32Array(cap);
    this.parent = new Int32Array(cap);
    this.suffixQis = new Int32Array(cap + 1);
  }

  buildSuffixQis(stamp: Int32Array, tick: number): void {
    let distinct = 0;
    this.suffixQis[this.n] = 0;
    for (let j = this.n - 1; j >= 0; j--) {
      if (stamp[this.attr[j]] !== tick) {
        stamp[this.attr[j]] = tick;
        distinct++;
      }
      this.suffixQis[j] = distinct;
    }
  }
}

/** Number of set bits of a 32-bit int. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * The SUDA2 search state over one frequency table. `suda2` runs it whole (`run`); the
 * parallel driver builds one per worker and runs disjoint ranges of top-level items
 * (`runDeferred`).
 */
export class Suda2Search {
  /** M. */
  readonly qiCount: number;
  readonly maxMsuSize: number;
  /** Number of ranked items of the full table (the units of work of `runDeferred`). */
  readonly topItems: number;
  private readonly tuning: Required<Suda2Tuning>;
  /**
   * Codes row-major by top row, rowMajor[r * M + q] = codes[q][groupOf[r]], built on the
   * first special-row scan (only the fallbacks scan).
   */
  private rowMajor: Int32Array | null = null;
  private readonly codes: readonly Int32Array[];
  /** Group of each top row (rows of the full table, ordered by lowest-ranked item). */
  private readonly groupOf: Int32Array;
  /** Row weight per group: min(count, 2). */
  private readonly weight: Uint8Array;
  /** levels[0] = the full table; levels[d] = the current sub-table at depth d. */
  private readonly levels: Level[] = [];
  private readonly stamp: Int32Array;
  private tick = 0;
  /** Candidate MSUs of sub-tables: fixed records [top row, size, item_1 .. item_maxMsuSize]. */
  private pool = new Int32Array(1024);
  private poolEnd = 0;
  private readonly stride: number;
  private cursor = new Int32Array(16);
  private hashSlots = new Int32Array(0);
  private readonly bitLevels: BitLevel[] = [];
  /** Group of each bit row of the current bit-parallel search. */
  private readonly bitRowsG = new Int32Array(32);
  /** Bits of the weight-2 rows, and of the rows that may hold an MSU. */
  private bitHeavy = 0;
  private bitHolders = 0;
  /** Groups holding a 1-MSU of the full table (one entry per 1-MSU). */
  private readonly oneMsuGroups: Int32Array;
  /** Per top-level item: number of ids after it summed over its rows (batch sizing). */
  private readonly itemsAfter: Float64Array;
  /** Per top-level item: rows of weight 1 carrying it (0: nothing to find). */
  private readonly holdersOf: Int32Array;
  private sink: MsuSink = () => {};
  /**
   * Per-record state of `run` by top row, stride recStride: first recWords words = bit set
   * of the QI sets (masks) of the record's known MSUs of the full table (a record has at most
   * one itemset per QI set), then maxMsuSize MSU counts by size, so that bits and counts of
   * a record share a cache line. Null when it would not fit the budget (then: memo + scan).
   */
  private rec: Int32Array | null = null;
  private recStride = 0;
  private recWords = 0;
  // Deferred top-level entries (runDeferred).
  private deferring = false;
  private defRows = new Int32Array(0);
  private defCodes = new Int32Array(0);
  private defN = 0;
  // Materialized batch of top-level sub-tables (processTop).
  private readonly topView: RowView = emptyView();
  private matStart = new Int32Array(1);
  private matItems = new Int32Array(0);
  private matG = new Int32Array(0);
  private matW = new Uint8Array(0);
  private matE = new Uint8Array(0);
  private iota = new Int32Array(0);

  /**
   * Ranks the items of the full table and builds its row/item index (depth 0).
   * @param table the frequency table (groups with their counts).
   * @param maxMsuSize largest MSU size searched; default: the number of QIs.
   * @param tuning internal knobs (tests); defaults otherwise.
   */
  constructor(table: FrequencyTable, maxMsuSize?: number, tuning: Suda2Tuning = {}) {
    const m = table.codes.length;
    this.qiCount = m;
    this.maxMsuSize = resolveMaxMsuSize(table, maxMsuSize);
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.tuning.smallRows = Math.max(0, Math.min(32, this.tuning.smallRows));
    this.stride = this.maxMsuSize + 2;
    this.stamp = new Int32Array(Math.max(m, 1));
    const groups = table.counts.length;
    const weight = new Uint8Array(groups);
    let totalW = 0;
    for (let g = 0; g < groups; g++) {
      weight[g] = table.counts[g] >= 2 ? 2 : 1;
      totalW += weight[g];
    }
    this.weight = weight;

    // Global item index: base[q] + code, missing codes excluded.
    const base = new Int32Array(m + 1);
    for (let q = 0; q < m; q++) {
      let card = table.cardinalities[q];
      for (let g = 0; g < groups; g++) if (table.codes[q][g] + 1 > card) card = table.codes[q][g] + 1;
      base[q + 1] = base[q] + card;
    }
    const nGlobal = base[m];
    const cntRows = new Int32Array(nGlobal);
    const cntW = new Int32Array(nGlobal);
    const lastRow = new Int32Array(nGlobal);
    for (let q = 0; q < m; q++) {
      const col = table.codes[q];
      const nul = table.nullCodes[q];
      const b = base[q];
      for (let g = 0; g < groups; g++) {
        const c = col[g];
        if (c === nul) continue;
        const it = b + c;
        cntRows[it]++;
        cntW[it] += weight[g];
        lastRow[it] = g;
      }
    }
    // Classify: in every record -> dropped; support 1 -> 1-MSU; otherwise ranked.
    const ones: number[] = [];
    const ranked = new Int32Array(nGlobal);
    let nr = 0;
    for (let it = 0; it < nGlobal; it++) {
      const s = cntW[it];
      if (s === 0 || s === totalW) continue;
      if (s === 1) ones.push(lastRow[it]);
      else ranked[nr++] = it;
    }
    this.oneMsuGroups = Int32Array.from(ones);
    sortByKey(ranked, 0, nr, cntW);

    const top = new Level();
    this.levels.push(top);
    top.sizeItems(nr);
    const toLocal = new Int32Array(nGlobal).fill(-1);
    let q = 0;
    for (let j = 0; j < nr; j++) {
      const it = ranked[j];
      while (base[q + 1] <= it) q++;
      while (base[q] > it) q--;
      toLocal[it] = j;
      top.itemAttr[j] = q;
      top.itemCode[j] = it - base[q];
      top.itemRows[j] = cntRows[it];
      top.parentId[j] = -1;
    }
    this.topItems = nr;
    // Rows: every group with at least one ranked item; items ascending by local id.
    const gStart = new Int32Array(groups + 1);
    const gItems = new Int32Array(groups * m);
    let pos = 0;
    for (let g = 0; g < groups; g++) {
      const from = pos;
      for (let qq = 0; qq < m; qq++) {
        const c = table.codes[qq][g];
        if (c === table.nullCodes[qq]) continue;
        const j = toLocal[base[qq] + c];
        if (j < 0) continue;
        let p = pos++;
        while (p > from && gItems[p - 1] > j) {
          gItems[p] = gItems[p - 1];
          p--;
        }
        gItems[p] = j;
      }
      gStart[g + 1] = pos;
    }
    // Top rows ordered by their lowest-ranked item (counting sort, stable): the rows of a
    // rare item, where most MSUs are found, are then neighbours in every per-row array.
    // Inside the search a record is named by its top row r; groupOf[r] maps back.
    const firstCount = new Int32Array(nr + 1);
    for (let g = 0; g < groups; g++) if (gStart[g + 1] > gStart[g]) firstCount[gItems[gStart[g]] + 1]++;
    for (let j = 0; j < nr; j++) firstCount[j + 1] += firstCount[j];
    const rows = firstCount[nr];
    const groupOf = new Int32Array(rows);
    for (let g = 0; g < groups; g++) if (gStart[g + 1] > gStart[g]) groupOf[firstCount[gItems[gStart[g]]]++] = g;
    this.groupOf = groupOf;
    top.nRows = rows;
    top.rowsG = new Int32Array(rows);
    top.rowStart = new Int32Array(rows + 1);
    top.rowItems = new Int32Array(pos);
    top.eligible = new Uint8Array(rows);
    top.rowW = new Uint8Array(rows);
    this.codes = table.codes;
    this.itemsAfter = new Float64Array(nr);
    this.holdersOf = new Int32Array(nr);
    let at = 0;
    for (let r = 0; r < rows; r++) {
      const g = groupOf[r];
      top.rowsG[r] = r;
      top.rowW[r] = weight[g];
      top.eligible[r] = weight[g] === 1 ? 1 : 0;
      const g0 = gStart[g];
      const len = gStart[g + 1] - g0;
      for (let p = 0; p < len; p++) {
        const j = gItems[g0 + p];
        top.rowItems[at + p] = j;
        this.itemsAfter[j] += len - p - 1;
        this.holdersOf[j] += top.eligible[r];
      }
      at += len;
      top.rowStart[r + 1] = at;
    }
    this.cursor = grow(this.cursor, nr);
    top.buildBuckets(this.cursor);
    top.buildSuffixQis(this.stamp, ++this.tick);
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
  run(): Int32Array {
    const m = this.qiCount;
    const K = this.maxMsuSize;
    const groups = this.weight.length;
    const out = new Int32Array(groups * K);
    for (const g of this.oneMsuGroups) out[g * K]++;
    const words = m >= 5 ? 2 ** (m - 5) : 1;
    const rows = this.groupOf.length;
    if (m <= 30 && K >= 3 && rows * (words + K) * 4 <= this.tuning.knownBudgetBytes) {
      const R = words + K;
      const rec = new Int32Array(rows * R);
      this.rec = rec;
      this.recStride = R;
      this.recWords = words;
      this.processTop(0, this.topItems, true);
      for (let r = 0; r < rows; r++) {
        const g = this.groupOf[r];
        for (let k = 1; k < K; k++) out[g * K + k] = rec[r * R + words + k];
      }
      this.rec = null;
    } else {
      this.sink = (g, size) => {
        out[g * K + size - 1]++;
      };
      this.processTop(0, this.topItems, false);
      this.sink = () => {};
    }
    return out;
  }

  /** Largest QI count of the deferred (parallel) mode: a code packs mask | attr << 26. */
  static readonly DEFERRED_MAX_QIS = 26;

  /** Group of each top row (the row numbers used by runDeferred). */
  topRowGroups(): Int32Array {
    return this.groupOf;
  }

  /** Groups holding a 1-MSU (one entry per 1-MSU). */
  oneMsus(): Int32Array {
    return this.oneMsuGroups;
  }

  /**
   * Splits the top-level items into `chunks` contiguous ranges of similar estimated work
   * (ids after the item summed over its rows, plus its rows). Deterministic: every worker
   * computes the same ranges. Returns chunks + 1 boundaries.
   */
  planChunks(chunks: number): Int32Array {
    const n = this.topItems;
    const top = this.levels[0];
    let total = 0;
    for (let i = 0; i < n; i++) total += this.itemsAfter[i] + top.itemRows[i];
    const bounds = new Int32Array(chunks + 1);
    let acc = 0;
    let c = 1;
    for (let i = 0; i < n && c < chunks; i++) {
      acc += this.itemsAfter[i] + top.itemRows[i];
      while (c < chunks && acc >= (total * c) / chunks) bounds[c++] = i + 1;
    }
    while (c <= chunks) bounds[c++] = n;
    return bounds;
  }

  /**
   * Phase A of the parallel search: the MSUs whose lowest-ranked item is a top-level item
   * of [from, to), with the final (full-table) special-row checks deferred. Returns, for
   * every MSU of size 2 and every candidate Y + i (Y an MSU of T_i, |Y| >= 2) held by top
   * row r: rows[k] = r and codes[k] = (QI mask of Y) | (QI of i) << 26. `resolveDeferred`
   * decides the candidates (phase B). Needs M <= 26.
   */
  runDeferred(from: number, to: number): { rows: Int32Array; codes: Int32Array } {
    if (this.qiCount > Suda2Search.DEFERRED_MAX_QIS) {
      throw new RangeError(`deferred SUDA2 supports at most ${Suda2Search.DEFERRED_MAX_QIS} QIs`);
    }
    this.defRows = new Int32Array(1024);
    this.defCodes = new Int32Array(1024);
    this.defN = 0;
    this.deferring = true;
    this.processTop(Math.max(0, from), Math.min(to, this.topItems), false);
    this.deferring = false;
    const out = { rows: this.defRows.slice(0, this.defN), codes: this.defCodes.slice(0, this.defN) };
    this.defRows = new Int32Array(0);
    this.defCodes = new Int32Array(0);
    return out;
  }

  /** Appends a deferred top-level entry (runDeferred). */
  private defer(r: number, code: number): void {
    const n = this.defN;
    if (n === this.defRows.length) {
      this.defRows = grow(this.defRows, n * 2);
      this.defCodes = grow(this.defCodes, n * 2);
    }
    this.defRows[n] = r;
    this.defCodes[n] = code;
    this.defN = n + 1;
  }

  /**
   * Reports an MSU of the full table held by top row r (in `run`: counts it, and remembers
   * it when a larger MSU may ask).
   */
  private recordTop(r: number, size: number, mask: number): void {
    const rec = this.rec;
    if (rec === null) {
      this.sink(this.groupOf[r], size);
      return;
    }
    const at = r * this.recStride;
    rec[at + this.recWords + size - 1]++;
    if (size < this.maxMsuSize) rec[at + (mask >>> 5)] |= 1 << (mask & 31);
  }

  /**
   * Visits the top-level items of [from, to) (descending when asked). Their sub-tables are
   * materialized in batches by one sequential pass over the full table: the rows of T_i
   * then lie contiguously in memory instead of scattered over the whole table.
   */
  private processTop(from: number, to: number, descending: boolean): void {
    const top = this.levels[0];
    const maxK = this.maxMsuSize;
    const wanted = (i: number): boolean => this.holdersOf[i] > 0 && this.limitOf(top, i, maxK) >= 1;
    const budget = this.tuning.batchItems;
    let lo = descending ? to : from;
    while (descending ? lo > from : lo < to) {
      // next batch [a, b): consecutive items whose materialized ids fit the budget
      let a: number;
      let b: number;
      let size = 0;
      if (descending) {
        b = lo;
        a = b;
        while (a > from && (a === b || size + this.batchCost(a - 1) <= budget)) {
          if (wanted(a - 1)) size += this.batchCost(a - 1);
          a--;
        }
        lo = a;
      } else {
        a = lo;
        b = a;
        while (b < to && (b === a || size + this.batchCost(b) <= budget)) {
          if (wanted(b)) size += this.batchCost(b);
          b++;
        }
        lo = b;
      }
      const offs = this.materialize(a, b, wanted);
      const v = this.topView;
      for (let k = 0; k < b - a; k++) {
        const i = descending ? b - 1 - k : a + k;
        if (offs[i - a] === offs[i - a + 1]) continue;
        v.from = offs[i - a];
        v.to = offs[i - a + 1];
        this.expand(0, i, this.limitOf(top, i, maxK), v);
      }
    }
  }

  /** Ints a materialized T_i takes: its ids after i plus one per row. */
  private batchCost(i: number): number {
    return this.itemsAfter[i] + this.levels[0].itemRows[i];
  }

  /**
   * Copies the rows of T_i (group, weight, eligibility, ids after i) for the wanted items
   * i of [a, b) into the mat* arrays, item after item, rows ascending. Returns the row
   * offsets: the rows of item i are [offs[i-a], offs[i-a+1]).
   */
  private materialize(a: number, b: number, wanted: (i: number) => boolean): Int32Array {
    const top = this.levels[0];
    const n = b - a;
    const rowOff = new Int32Array(n + 1);
    const itemOff = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      const ok = wanted(a + k);
      rowOff[k + 1] = rowOff[k] + (ok ? top.itemRows[a + k] : 0);
      itemOff[k + 1] = itemOff[k] + (ok ? this.itemsAfter[a + k] : 0);
    }
    const rowsN = rowOff[n];
    const itemsN = itemOff[n];
    if (this.matG.length < rowsN) {
      const cap = Math.max(rowsN, this.matG.length * 2);
      this.matG = new Int32Array(cap);
      this.matW = new Uint8Array(cap);
      this.matE = new Uint8Array(cap);
      this.matStart = new Int32Array(cap + 1);
      this.iota = new Int32Array(cap);
      for (let r = 0; r < cap; r++) this.iota[r] = r;
    }
    this.matItems = grow(this.matItems, itemsN);
    const rowCur = rowOff.slice(0, n);
    const itemCur = itemOff.slice(0, n);
    const { matG, matW, matE, matStart, matItems } = this;
    const { rowStart, rowItems, rowsG, rowW, eligible } = top;
    for (let r = 0; r < top.nRows; r++) {
      const end = rowStart[r + 1];
      for (let p = rowStart[r]; p < end; p++) {
        const i = rowItems[p];
        if (i < a) continue;
        if (i >= b) break;
        const k = i - a;
        if (rowOff[k] === rowOff[k + 1]) continue;
        const x = rowCur[k]++;
        let y = itemCur[k];
        matG[x] = rowsG[r];
        matW[x] = rowW[r];
        matE[x] = eligible[r];
        matStart[x] = y;
        for (let t = p + 1; t < end; t++) matItems[y++] = rowItems[t];
        itemCur[k] = y;
      }
    }
    matStart[rowsN] = itemsN;
    const v = this.topView;
    v.idx = this.iota;
    v.start = matStart;
    v.items = matItems;
    v.groups = matG;
    v.w = matW;
    v.eligible = matE;
    return rowOff;
  }

  /**
   * Largest MSU size wanted in T_i (pruning): maxK - 1; rows(T_i) - 1 (an MSU of size k
   * needs k + 1 distinct rows); the number of QIs among the items ranked after i.
   */
  private limitOf(L: Level, i: number, maxK: number): number {
    let limit = maxK - 1;
    if (L.itemRows[i] - 1 < limit) limit = L.itemRows[i] - 1;
    if (L.suffixQis[i + 1] < limit) limit = L.suffixQis[i + 1];
    return limit;
  }

  /** Appends (d > 0) or reports (d = 0) the MSU {i, j} of level d. */
  private emit2(d: number, group: number, i: number, j: number): void {
    const L = this.levels[d];
    const mask = (1 << L.itemAttr[i]) | (1 << L.itemAttr[j]);
    if (d === 0) {
      if (this.deferring) this.defer(group, (1 << L.itemAttr[j]) | (L.itemAttr[i] << 26));
      else this.recordTop(group, 2, mask);
      return;
    }
    if (L.knownSet !== null) L.knownSet.add(group, mask);
    const at = this.poolEnd;
    this.pool = grow(this.pool, at + this.stride);
    this.pool[at] = group;
    this.pool[at + 1] = 2;
    this.pool[at + 2] = j;
    this.pool[at + 3] = i;
    this.poolEnd = at + this.stride;
  }

  /**
   * Finds the MSUs of level d whose lowest item is i (sizes 2 .. limit + 1), from the rows
   * of T_i given by v: counts the supports in T_i, reports its 1-MSUs, recurses on the rest.
   */
  private expand(d: number, i: number, limit: number, v: RowView): void {
    if (limit < 1) return;
    const L = this.levels[d];
    const { cntRows, cntW, lastRow, touched } = L;
    const { idx, start, items, w: rowW, eligible } = v;
    let nt = 0;
    let totalW = 0;
    let holders = 0;
    for (let p = v.from; p < v.to; p++) {
      const r = idx[p];
      const w = rowW[r];
      totalW += w;
      holders += eligible[r];
      const lo = start[r];
      for (let q = start[r + 1] - 1; q >= lo; q--) {
        const j = items[q];
        if (j <= i) break;
        if (cntRows[j] === 0) touched[nt++] = j;
        cntRows[j]++;
        cntW[j] += w;
        lastRow[j] = r;
      }
    }
    if (holders > 0) {
      // Classify the items of T_i: support 1 -> 1-MSU of T_i -> MSU {i, j} of level d (no
      // special-row check: j is ranked in level d, so supp_d(j) >= 2); support = |T_i| ->
      // dropped; otherwise active in the sub-table.
      const active = L.active;
      const toChild = L.toChild;
      let na = 0;
      for (let t = 0; t < nt; t++) {
        const j = touched[t];
        const s = cntW[j];
        toChild[j] = -1;
        if (s === 1) this.emit2(d, v.groups[lastRow[j]], i, j);
        else if (s < totalW && limit >= 2) active[na++] = j;
      }
      if (na >= 2) this.descend(d, i, limit, na, v);
    }
    for (let t = 0; t < nt; t++) {
      const j = touched[t];
      cntRows[j] = 0;
      cntW[j] = 0;
    }
  }

  /** Builds level d+1 = T_i on the `na` active items, recurses, lifts the candidates. */
  private descend(d: number, i: number, limit: number, na: number, v: RowView): void {
    const L = this.levels[d];
    if (this.levels.length <= d + 1) this.levels.push(new Level());
    const C = this.levels[d + 1];
    const { cntRows, cntW, active, toChild } = L;
    sortByKey(active, 0, na, cntW);
    C.sizeItems(na);
    for (let k = 0; k < na; k++) {
      const j = active[k];
      toChild[j] = k;
      C.itemAttr[k] = L.itemAttr[j];
      C.itemCode[k] = L.itemCode[j];
      C.itemRows[k] = cntRows[j];
      C.parentId[k] = j;
    }
    // Rows of T_i that carry an active item, items renumbered and sorted.
    const maxRows = v.to - v.from;
    if (C.rowsG.length < maxRows) {
      const cap = Math.max(maxRows, C.rowsG.length * 2);
      C.rowsG = new Int32Array(cap);
      C.rowStart = new Int32Array(cap + 1);
      C.eligible = new Uint8Array(cap);
      C.rowW = new Uint8Array(cap);
    }
    let need = 0;
    for (let k = 0; k < na; k++) need += cntRows[active[k]];
    C.rowItems = grow(C.rowItems, need);
    const cr = C.rowItems;
    const { idx, start, items } = v;
    let rows = 0;
    let pos = 0;
    C.rowStart[0] = 0;
    for (let p = v.from; p < v.to; p++) {
      const r = idx[p];
      const from = pos;
      const lo = start[r];
      for (let q = start[r + 1] - 1; q >= lo; q--) {
        const j = items[q];
        if (j <= i) break;
        const c = toChild[j];
        if (c < 0) continue;
        let x = pos++;
        while (x > from && cr[x - 1] > c) {
          cr[x] = cr[x - 1];
          x--;
        }
        cr[x] = c;
      }
      if (pos > from) {
        C.rowsG[rows] = v.groups[r];
        C.eligible[rows] = v.eligible[r];
        C.rowW[rows] = v.w[r];
        C.rowStart[++rows] = pos;
      }
    }
    C.nRows = rows;
    // Rows with the same item set in T_i are merged into one row of weight 2 (not eligible);
    // the longest eligible row bounds the MSU size in T_i.
    const longest = this.collapseDuplicateRows(C);
    const childK = longest < limit ? longest : limit;
    if (childK < 2) return; // the 1-MSUs of T_i were handled by the caller
    const p0 = this.poolEnd;
    if (C.nRows <= this.tuning.smallRows) {
      this.bitRoot(C, childK);
    } else {
      this.cursor = grow(this.cursor, na);
      C.buildBuckets(this.cursor);
      C.buildSuffixQis(this.stamp, ++this.tick);
      if (C.nRows >= this.tuning.knownMinRows && this.qiCount <= 31) {
        if (C.knownSet === null) C.knownSet = new PairSet();
        else C.knownSet.clear();
      } else if (C.knownSet !== null) {
        C.knownSet.clear();
        C.knownSet = null;
      }
      // from the highest rank down (required by knownSet, harmless otherwise)
      for (let j = na - 1; j >= 0; j--) this.expand(d + 1, j, this.limitOf(C, j, childK), C.viewOf(j));
    }
    if (this.poolEnd === p0) return;
    this.lift(d, i, C, p0);
  }

  /**
   * Lifts the candidates pool[p0 ..] (MSUs Y of T_i = C, size >= 2, ids of C) to level d:
   * Y + i is an MSU of level d iff some row of level d outside T_i contains Y.
   */
  private lift(d: number, i: number, C: Level, p0: number): void {
    const L = this.levels[d];
    const S = this.stride;
    const bitI = 1 << L.itemAttr[i];
    const rec = d === 0 ? this.rec : null;
    const knownSet = d === 0 ? null : L.knownSet;
    let wp = p0;
    for (let rp = p0; rp < this.poolEnd; rp += S) {
      const pool = this.pool;
      const size = pool[rp + 1];
      const off = rp + 2;
      const g = pool[rp];
      let mask = 0;
      for (let s = off; s < off + size; s++) {
        const y = C.parentId[pool[s]];
        pool[s] = y;
        mask |= 1 << L.itemAttr[y];
      }
      if (d === 0 && this.deferring) {
        this.defer(g, mask | (L.itemAttr[i] << 26));
        continue;
      }
      if (rec !== null) {
        // full table, known MSUs (see run)
        if ((rec[g * this.recStride + (mask >>> 5)] >>> (mask & 31)) & 1) continue;
        this.recordTop(g, size + 1, mask | bitI);
        continue;
      }
      if (knownSet !== null) {
        // large sub-table: the MSUs of L with lowest item above i are in knownSet
        if (knownSet.has(g, mask)) continue;
        knownSet.add(g, mask | bitI);
      } else {
        // sort Y by rank (memo key; the most selective items are tested first)
        for (let a = off + 1; a < off + size; a++) {
          const x = pool[a];
          let b = a - 1;
          while (b >= off && pool[b] > x) {
            pool[b + 1] = pool[b];
            b--;
          }
          pool[b + 1] = x;
        }
        if (d === 0) {
          // full table above the memory budget of run: special-row scans memoized by Y
          const memo = L.memo ?? (L.memo = new ItemsetMemo(this.maxMsuSize));
          let answer = memo.get(pool, off, size);
          if (answer === 0) {
            answer = this.specialRow(L, i, off, size) ? 2 : 1;
            memo.set(pool, off, size, answer === 2);
          }
          if (answer === 2) this.recordTop(g, size + 1, 0);
          continue;
        }
        if (!this.specialRow(L, i, off, size)) continue;
      }
      if (wp !== rp) pool.copyWithin(wp, rp, off + size);
      pool[wp + 1] = size + 1;
      pool[wp + 2 + size] = i;
      wp += S;
    }
    this.poolEnd = d === 0 ? p0 : wp;
  }

  /**
   * Merges rows of C with equal item lists (hashing) into their first occurrence, which gets
   * weight 2 and is not eligible; keeps itemRows in step. Returns the largest item count of
   * an eligible row.
   */
  private collapseDuplicateRows(C: Level): number {
    const rows = C.nRows;
    let cap = 16;
    while (cap < rows * 2) cap *= 2;
    if (this.hashSlots.length < cap) this.hashSlots = new Int32Array(cap);
    const slots = this.hashSlots;
    slots.fill(0, 0, cap);
    const mask = cap - 1;
    const { rowStart: rs, rowItems: ri, eligible: el, rowW, rowsG, itemRows } = C;
    let out = 0;
    let pos = 0;
    let a0 = 0;
    for (let r = 0; r < rows; r++) {
      const a1 = rs[r + 1];
      const len = a1 - a0;
      let h = len;
      for (let a = a0; a < a1; a++) h = Math.imul(h ^ ri[a], 0x9e3779b1) ^ (h >>> 15);
      let dup = -1;
      let slot = (h ^ (h >>> 16)) & mask;
      for (; ; slot = (slot + 1) & mask) {
        const o = slots[slot] - 1;
        if (o < 0) break;
        const b0 = rs[o];
        if (rs[o + 1] - b0 !== len) continue;
        let k = 0;
        while (k < len && ri[a0 + k] === ri[b0 + k]) k++;
        if (k === len) {
          dup = o;
          break;
        }
      }
      if (dup >= 0) {
        rowW[dup] = 2;
        el[dup] = 0;
        for (let a = a0; a < a1; a++) itemRows[ri[a]]--;
      } else {
        slots[slot] = out + 1;
        rowsG[out] = rowsG[r];
        rowW[out] = rowW[r];
        el[out] = el[r];
        if (pos !== a0) ri.copyWithin(pos, a0, a1);
        pos += len;
        rs[++out] = pos;
      }
      a0 = a1;
    }
    C.nRows = out;
    let longest = 0;
    for (let r = 0; r < out; r++) {
      if (el[r] && rs[r + 1] - rs[r] > longest) longest = rs[r + 1] - rs[r];
    }
    return longest;
  }

  /**
   * MSUs of sizes 2..maxK of the small table C (at most 32 rows), bit-parallel; they are
   * appended to the pool in C's item ids, as the Level search would.
   */
  private bitRoot(C: Level, maxK: number): void {
    if (this.bitLevels.length === 0) this.bitLevels.push(new BitLevel());
    const B = this.bitLevels[0];
    const n = C.nItems;
    B.ensure(n);
    B.n = n;
    for (let k = 0; k < n; k++) {
      B.mask[k] = 0;
      B.attr[k] = C.itemAttr[k];
      B.parent[k] = k;
    }
    let heavy = 0;
    let holders = 0;
    for (let r = 0; r < C.nRows; r++) {
      const bit = 1 << r;
      this.bitRowsG[r] = C.rowsG[r];
      if (C.rowW[r] === 2) heavy |= bit;
      if (C.eligible[r]) holders |= bit;
      for (let p = C.rowStart[r]; p < C.rowStart[r + 1]; p++) B.mask[C.rowItems[p]] |= bit;
    }
    for (let k = 0; k < n; k++) B.sup[k] = popcount32(B.mask[k]) + popcount32(B.mask[k] & heavy);
    this.bitHeavy = heavy;
    this.bitHolders = holders;
    B.buildSuffixQis(this.stamp, ++this.tick);
    for (let i = 0; i < n; i++) this.bitVisit(0, i, maxK);
  }

  /** Bit-parallel counterpart of expand + descend + lift for item i of bit level e. */
  private bitVisit(e: number, i: number, maxK: number): void {
    const B = this.bitLevels[e];
    const mi = B.mask[i];
    if ((mi & this.bitHolders) === 0) return;
    let limit = maxK - 1;
    const rows = popcount32(mi);
    if (rows - 1 < limit) limit = rows - 1;
    if (B.suffixQis[i + 1] < limit) limit = B.suffixQis[i + 1];
    if (limit < 1) return;
    if (this.bitLevels.length <= e + 1) this.bitLevels.push(new BitLevel());
    const Cb = this.bitLevels[e + 1];
    Cb.ensure(B.n - i);
    const heavy = this.bitHeavy;
    const totalW = B.sup[i];
    let na = 0;
    for (let j = i + 1; j < B.n; j++) {
      const m = B.mask[j] & mi;
      if (m === 0) continue;
      const s = popcount32(m) + popcount32(m & heavy);
      if (s === 1) {
        // 1-MSU {j} of T_i -> MSU {i, j} of this table
        const at = this.poolEnd;
        this.pool = grow(this.pool, at + this.stride);
        this.pool[at] = this.bitRowsG[31 - Math.clz32(m)];
        this.pool[at + 1] = 2;
        this.pool[at + 2] = j;
        this.pool[at + 3] = i;
        this.poolEnd = at + this.stride;
      } else if (s < totalW && limit >= 2) {
        // insertion by (support, id): ids j arrive ascending, so ties keep their order
        let x = na++;
        while (x > 0 && Cb.sup[x - 1] > s) {
          Cb.mask[x] = Cb.mask[x - 1];
          Cb.sup[x] = Cb.sup[x - 1];
          Cb.attr[x] = Cb.attr[x - 1];
          Cb.parent[x] = Cb.parent[x - 1];
          x--;
        }
        Cb.mask[x] = m;
        Cb.sup[x] = s;
        Cb.attr[x] = B.attr[j];
        Cb.parent[x] = j;
      }
    }
    if (na < 2) return;
    Cb.n = na;
    Cb.buildSuffixQis(this.stamp, ++this.tick);
    const p0 = this.poolEnd;
    for (let j = 0; j < na; j++) this.bitVisit(e + 1, j, limit);
    // Lift with the special-row check: Y + i is an MSU iff some row outside T_i has Y.
    const S = this.stride;
    let wp = p0;
    for (let rp = p0; rp < this.poolEnd; rp += S) {
      const pool = this.pool;
      const size = pool[rp + 1];
      let rowsY = -1;
      for (let s = rp + 2; s < rp + 2 + size; s++) {
        const y = Cb.parent[pool[s]];
        pool[s] = y;
        rowsY &= B.mask[y];
      }
      if ((rowsY & ~mi) === 0) continue;
      if (wp !== rp) pool.copyWithin(wp, rp, rp + 2 + size);
      pool[wp + 1] = size + 1;
      pool[wp + 2 + size] = i;
      wp += S;
    }
    this.poolEnd = wp;
  }

  /** Fills rowMajor (one cache line per record for the special-row scans). */
  private buildRowMajor(): Int32Array {
    const m = this.qiCount;
    const rows = this.groupOf.length;
    const rm = new Int32Array(rows * m);
    for (let q = 0; q < m; q++) {
      const col = this.codes[q];
      for (let r = 0; r < rows; r++) rm[r * m + q] = col[this.groupOf[r]];
    }
    this.rowMajor = rm;
    return rm;
  }

  /**
   * Special-row check at level L: does a row of L that does not contain item i contain
   * every item pool[off .. off+size) (sorted by rank)? Scans the rows of Y's rarest item.
   */
  private specialRow(L: Level, i: number, off: number, size: number): boolean {
    const pool = this.pool;
    const m = this.qiCount;
    const rm = this.rowMajor ?? this.buildRowMajor();
    const { itemAttr, itemCode, itemRows, bucket, rowsG } = L;
    let pivot = pool[off];
    for (let s = 1; s < size; s++) {
      const j = pool[off + s];
      if (itemRows[j] < itemRows[pivot]) pivot = j;
    }
    const ai = itemAttr[i];
    const ci = itemCode[i];
    const end = L.itemStart[pivot + 1];
    outer: for (let p = L.itemStart[pivot]; p < end; p++) {
      const base = rowsG[bucket[p]] * m;
      for (let s = 0; s < size; s++) {
        const j = pool[off + s];
        if (j !== pivot && rm[base + itemAttr[j]] !== itemCode[j]) continue outer;
      }
      if (rm[base + ai] !== ci) return true;
    }
    return false;
  }
}

/**
 * Phase B of the parallel search: decides the deferred top-level candidates of
 * `Suda2Search.runDeferred` (all parts together), row by row, by increasing size. A
 * candidate Y + i held by row r is an MSU iff Y is not an MSU held by r (see
 * Suda2Search.run); the MSUs of size k are all known once the candidates with |Y| = k - 1
 * are decided (size 2: no check). Returns counts[r * maxMsuSize + k - 1] for k >= 2.
 * @param rows number of top rows.
 * @param maxMsuSize largest MSU size searched.
 * @param parts outputs of runDeferred over disjoint item ranges.
 */
export function resolveDeferred(
  rows: number,
  maxMsuSize: number,
  parts: readonly { rows: Int32Array; codes: Int32Array }[],
): Int32Array {
  const K = maxMsuSize;
  const start = new Int32Array(rows + 1);
  for (const part of parts) for (const r of part.rows) start[r + 1]++;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const cur = start.slice(0, rows);
  const codes = new Int32Array(start[rows]);
  for (const part of parts) {
    for (let k = 0; k < part.rows.length; k++) codes[cur[part.rows[k]]++] = part.codes[k];
  }
  const out = new Int32Array(rows * K);
  const maskBits = (1 << 26) - 1;
  let known = new Int32Array(64);
  for (let r = 0; r < rows; r++) {
    const a = start[r];
    const b = start[r + 1];
    if (a === b) continue;
    let nKnown = 0;
    let prevStart = 0;
    for (let size = 1; size < K; size++) {
      const firstOfSize = nKnown;
      for (let p = a; p < b; p++) {
        const c = codes[p];
        const maskY = c & maskBits;
        if (popcount32(maskY) !== size) continue;
        if (size >= 2) {
          // is Y itself an MSU of r? (its MSUs of size `size` came from the previous pass)
          let hit = false;
          for (let t = prevStart; t < firstOfSize && !hit; t++) hit = known[t] === maskY;
          if (hit) continue;
        }
        out[r * K + size]++;
        if (size + 1 < K) {
          if (nKnown === known.length) known = grow(known, nKnown * 2);
          known[nKnown++] = maskY | (1 << (c >>> 26));
        }
      }
      prevStart = firstOfSize;
    }
  }
  return out;
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

/**
 * Assembles the result of the deferred (chunked) search: decides the candidates of all
 * parts (resolveDeferred), maps top rows back to groups and adds the 1-MSUs.
 * @param groups number of groups of the table.
 * @param qiCount M.
 * @param maxMsuSize largest MSU size searched.
 * @param topRowGroups Suda2Search.topRowGroups().
 * @param oneMsus Suda2Search.oneMsus().
 * @param parts runDeferred outputs over ranges covering all top-level items once.
 */
export function assembleDeferred(
  groups: number,
  qiCount: number,
  maxMsuSize: number,
  topRowGroups: Int32Array,
  oneMsus: Int32Array,
  parts: readonly { rows: Int32Array; codes: Int32Array }[],
): Suda2Result {
  const K = maxMsuSize;
  const byRow = resolveDeferred(topRowGroups.length, K, parts);
  const counts = new Int32Array(groups * K);
  for (const g of oneMsus) counts[g * K]++;
  for (let r = 0; r < topRowGroups.length; r++) {
    const g = topRowGroups[r];
    for (let k = 1; k < K; k++) counts[g * K + k] = byRow[r * K + k];
  }
  return summarizeMsuCounts(qiCount, K, counts);
}

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
