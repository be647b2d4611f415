/**
 * The full table T of the SUDA2 recursion, indexed (depth 0). Manning, Haglin & Keane
 * (2008, section 4): rank the items by ascending support; items of support 1 are the
 * 1-MSUs and leave; items in every record can be in no MSU and leave too. Each group enters
 * as one row of weight min(count, 2) (only "1 or at least 2" matters for uniqueness); a
 * missing code is not an item. The rows (top rows) are ordered by their lowest-ranked item.
 */
import type { FrequencyTable } from '../../../model/frequencyTable.js';
import { sortByKey } from './arrays.js';
import { Level } from './level.js';

/**
 * The full table indexed for the search: plain typed arrays, so that the worker pool can
 * build it once and share it (the large per-row arrays are then on SharedArrayBuffers,
 * read-only in the search). `topLevelOf` makes the depth-0 Level of a search from it.
 */
export interface FullTableIndex {
  /** M. */
  readonly qiCount: number;
  /** Ranked items, by ascending support: QI, code and number of rows of each. */
  readonly itemAttr: Int32Array;
  readonly itemCode: Int32Array;
  readonly itemRows: Int32Array;
  /** CSR of the top rows: items of row r are rowItems[rowStart[r] .. rowStart[r+1]), ascending. */
  readonly rowStart: Int32Array;
  readonly rowItems: Int32Array;
  /** Weight of each top row (1, or 2 for a group of count >= 2), and 1 where it may hold an MSU. */
  readonly rowW: Uint8Array;
  readonly eligible: Uint8Array;
  /** Row weight per group: min(count, 2). */
  readonly weight: Uint8Array;
  /** Group of each top row (rows of the full table, ordered by lowest-ranked item). */
  readonly groupOf: Int32Array;
  /** Groups holding a 1-MSU of the full table (one entry per 1-MSU). */
  readonly oneMsuGroups: Int32Array;
  /** Per top-level item: number of ids after it summed over its rows (batch sizing). */
  readonly itemsAfter: Float64Array;
  /** Per top-level item: rows of weight 1 carrying it (0: nothing to find). */
  readonly holdersOf: Int32Array;
}

/** Allocates n elements, on a SharedArrayBuffer when asked. */
function i32(n: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
}
function u8(n: number, shared: boolean): Uint8Array {
  return shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
}

/**
 * The depth-0 Level of a search over the index: its arrays are the index's (not copied, not
 * written by the search); its scratch space is its own. Buckets (item -> rows) are left to
 * the caller, built only when a special-row scan needs them.
 */
export function topLevelOf(ix: FullTableIndex): Level {
  const top = new Level();
  const nr = ix.itemAttr.length;
  top.sizeItems(nr);
  top.itemAttr.set(ix.itemAttr);
  top.itemCode.set(ix.itemCode);
  top.itemRows.set(ix.itemRows);
  top.parentId.fill(-1, 0, nr);
  const rows = ix.groupOf.length;
  top.nRows = rows;
  top.rowsG = new Int32Array(rows);
  for (let r = 0; r < rows; r++) top.rowsG[r] = r;
  top.rowStart = ix.rowStart;
  top.rowItems = ix.rowItems;
  top.eligible = ix.eligible;
  top.rowW = ix.rowW;
  return top;
}

/**
 * Ranks the items of the full table and builds its rows (depth 0).
 * @param table the frequency table (groups with their counts).
 * @param shared put the per-row and per-group arrays on SharedArrayBuffers (worker pool).
 */
export function indexFullTable(table: FrequencyTable, shared = false): FullTableIndex {
  const m = table.codes.length;
  const groups = table.counts.length;
  const weight = u8(groups, shared);
  let totalW = 0;
  for (let g = 0; g < groups; g++) {
    weight[g] = table.counts[g] >= 2 ? 2 : 1;
    totalW += weight[g];
  }

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
  const oneMsuGroups = Int32Array.from(ones);
  sortByKey(ranked, 0, nr, cntW);

  const itemAttr = new Int32Array(nr);
  const itemCode = new Int32Array(nr);
  const itemRows = new Int32Array(nr);
  const toLocal = new Int32Array(nGlobal).fill(-1);
  let q = 0;
  for (let j = 0; j < nr; j++) {
    const it = ranked[j];
    while (base[q + 1] <= it) q++;
    while (base[q] > it) q--;
    toLocal[it] = j;
    itemAttr[j] = q;
    itemCode[j] = it - base[q];
    itemRows[j] = cntRows[it];
  }
  // Rows: every group with at least one ranked item; items ascending by local id. Filled
  // column by column (sequential reads), gItems[g * m + t] for the t-th ranked item of g,
  // then each row sorted in place (at most M items). itemsAfter and holdersOf are sums over
  // the rows, so they are taken here, in group order.
  const gLen = new Uint8Array(groups);
  const gItems = new Int32Array(groups * m);
  for (let qq = 0; qq < m; qq++) {
    const col = table.codes[qq];
    const nul = table.nullCodes[qq];
    const b = base[qq];
    for (let g = 0; g < groups; g++) {
      const c = col[g];
      if (c === nul) continue;
      const j = toLocal[b + c];
      if (j < 0) continue;
      gItems[g * m + gLen[g]++] = j;
    }
  }
  const itemsAfter = new Float64Array(nr);
  const holdersOf = new Int32Array(nr);
  // Top rows ordered by their lowest-ranked item (counting sort, stable): the rows of a
  // rare item, where most MSUs are found, are then neighbours in every per-row array.
  // Inside the search a record is named by its top row r; groupOf[r] maps back.
  const firstCount = new Int32Array(nr + 1);
  let pos = 0;
  for (let g = 0; g < groups; g++) {
    const len = gLen[g];
    if (len === 0) continue;
    const from = g * m;
    const to = from + len;
    for (let a = from + 1; a < to; a++) {
      const x = gItems[a];
      let b = a - 1;
      while (b >= from && gItems[b] > x) {
        gItems[b + 1] = gItems[b];
        b--;
      }
      gItems[b + 1] = x;
    }
    const e = weight[g] === 1 ? 1 : 0;
    for (let p = from; p < to; p++) {
      const j = gItems[p];
      itemsAfter[j] += to - p - 1;
      holdersOf[j] += e;
    }
    firstCount[gItems[from] + 1]++;
    pos += len;
  }
  for (let j = 0; j < nr; j++) firstCount[j + 1] += firstCount[j];
  const rows = firstCount[nr];
  const groupOf = i32(rows, shared);
  for (let g = 0; g < groups; g++) if (gLen[g] > 0) groupOf[firstCount[gItems[g * m]]++] = g;
  const rowStart = i32(rows + 1, shared);
  const rowItems = i32(pos, shared);
  const eligible = u8(rows, shared);
  const rowW = u8(rows, shared);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    const g = groupOf[r];
    const w = weight[g];
    rowW[r] = w;
    eligible[r] = w === 1 ? 1 : 0;
    const g0 = g * m;
    const len = gLen[g];
    for (let p = 0; p < len; p++) rowItems[at + p] = gItems[g0 + p];
    at += len;
    rowStart[r + 1] = at;
  }
  return {
    qiCount: m,
    itemAttr,
    itemCode,
    itemRows,
    rowStart,
    rowItems,
    rowW,
    eligible,
    weight,
    groupOf,
    oneMsuGroups,
    itemsAfter,
    holdersOf,
  };
}
