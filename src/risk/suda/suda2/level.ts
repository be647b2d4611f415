/**
 * The level tables of the SUDA2 recursion: `Level`, one table T of the recursion (the full
 * table, or a sub-table T_i of Manning, Haglin & Keane 2008, section 4) with its items
 * ranked by ascending support and its row/item index, and `RowView`, the rows of one
 * sub-table as the search reads them.
 */
import { grow } from './arrays.js';
import type { ItemsetMemo } from './itemsetMemo.js';
import type { PairSet } from './pairSet.js';

/**
 * The rows of one sub-table T_i as the search reads them: rows idx[from .. to) of a row CSR
 * (items of row r: items[start[r] .. start[r+1]), ascending ids of the parent table), with
 * their record (top row), weight and eligibility. For a sub-table below the top it is the bucket of i
 * in the parent Level; at the top it is a materialized batch (see processTop, topBatches.ts).
 */
export interface RowView {
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
export function emptyView(): RowView {
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
 * One table of the recursion (the full table at depth 0, a sub-table T_i below), with its
 * items ranked by ascending support (local ids 0..nItems-1 in rank order), and the
 * scratch space used to build its sub-tables. Buffers are reused across the sub-tables of
 * the same depth.
 */
export class Level {
  nRows = 0;
  /** Record of each row: its top row (the search's record number; groupOf maps to groups). */
  rowsG = new Int32Array(0);
  /** CSR: items of row r are rowItems[rowStart[r] .. rowStart[r+1]), ascending local ids. */
  rowStart: Int32Array = new Int32Array(1);
  rowItems: Int32Array = new Int32Array(0);
  /**
   * eligible[r] = 1 when row r can hold an MSU of this table: weight 1 and no other row with
   * the same items in this table (an MSU Y of the row is unique, so is the row's item set).
   * A row that is not eligible here is not eligible in any sub-table either.
   */
  eligible: Uint8Array = new Uint8Array(0);
  /**
   * Weight of row r in this table: 1, or 2 for "at least two records" (a group of count
   * >= 2, or rows of the parent with the same items here, collapsed into one).
   */
  rowW: Uint8Array = new Uint8Array(0);
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
   * Y is not (see run, search.ts): no special-row scan.
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
