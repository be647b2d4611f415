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

/** The full table indexed for the search; buckets and suffixQis of `top` are built by the caller. */
export interface FullTableIndex {
  /** Level 0: the ranked items (local ids in rank order) and the top rows. */
  readonly top: Level;
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

/**
 * Ranks the items of the full table and builds its rows (depth 0).
 * @param table the frequency table (groups with their counts).
 */
export function indexFullTable(table: FrequencyTable): FullTableIndex {
  const m = table.codes.length;
  const groups = table.counts.length;
  const weight = new Uint8Array(groups);
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

  const top = new Level();
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
  top.nRows = rows;
  top.rowsG = new Int32Array(rows);
  top.rowStart = new Int32Array(rows + 1);
  top.rowItems = new Int32Array(pos);
  top.eligible = new Uint8Array(rows);
  top.rowW = new Uint8Array(rows);
  const itemsAfter = new Float64Array(nr);
  const holdersOf = new Int32Array(nr);
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
      itemsAfter[j] += len - p - 1;
      holdersOf[j] += top.eligible[r];
    }
    at += len;
    top.rowStart[r + 1] = at;
  }
  return { top, weight, groupOf, oneMsuGroups, itemsAfter, holdersOf };
}
