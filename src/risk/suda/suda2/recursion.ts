/**
 * The SUDA2 recursion (Manning, Haglin & Keane 2008, section 4). Every MSU of a table T is
 * found once, at its lowest-ranked item i: `expand` counts the supports of the items ranked
 * after i in the sub-table T_i (the records of T containing i), reports the items of
 * support 1 as the MSUs {i, j}, drops those in every row of T_i, and `descend` builds T_i
 * on the others as the next level, searches it (bit-parallel when it has at most 32 rows),
 * and lifts its MSUs Y to Y + i by the special-row check (specialRow.ts). Pruning, the
 * paper's: an MSU of size k in T_i needs k + 1 distinct rows and one QI per item, and k <=
 * maxMsuSize - depth; edra's: a sub-table without a row that can hold an MSU is skipped.
 */
import { grow, sortByKey } from './arrays.js';
import { bitRoot } from './bitKernel.js';
import { collapseDuplicateRows } from './collapse.js';
import { Level, type RowView } from './level.js';
import { PairSet } from './pairSet.js';
import { lift } from './specialRow.js';
import type { SearchState } from './state.js';
import { defer, recordTop } from './topSink.js';

/**
 * Largest MSU size wanted in T_i (pruning): maxK - 1; rows(T_i) - 1 (an MSU of size k
 * needs k + 1 distinct rows); the number of QIs among the items ranked after i.
 */
export function limitOf(L: Level, i: number, maxK: number): number {
  let limit = maxK - 1;
  if (L.itemRows[i] - 1 < limit) limit = L.itemRows[i] - 1;
  if (L.suffixQis[i + 1] < limit) limit = L.suffixQis[i + 1];
  return limit;
}

/** Appends (d > 0) or reports (d = 0) the MSU {i, j} of level d. */
function emit2(st: SearchState, d: number, group: number, i: number, j: number): void {
  const L = st.levels[d];
  const mask = (1 << L.itemAttr[i]) | (1 << L.itemAttr[j]);
  if (d === 0) {
    if (st.deferring) defer(st, group, (1 << L.itemAttr[j]) | (L.itemAttr[i] << 26));
    else recordTop(st, group, 2, mask);
    return;
  }
  if (L.knownSet !== null) L.knownSet.add(group, mask);
  const at = st.poolEnd;
  st.pool = grow(st.pool, at + st.stride);
  st.pool[at] = group;
  st.pool[at + 1] = 2;
  st.pool[at + 2] = j;
  st.pool[at + 3] = i;
  st.poolEnd = at + st.stride;
}

/**
 * Finds the MSUs of level d whose lowest item is i (sizes 2 .. limit + 1), from the rows
 * of T_i given by v: counts the supports in T_i, reports its 1-MSUs, recurses on the rest.
 */
export function expand(st: SearchState, d: number, i: number, limit: number, v: RowView): void {
  if (limit < 1) return;
  const L = st.levels[d];
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
      if (s === 1) emit2(st, d, v.groups[lastRow[j]], i, j);
      else if (s < totalW && limit >= 2) active[na++] = j;
    }
    if (na >= 2) descend(st, d, i, limit, na, v);
  }
  for (let t = 0; t < nt; t++) {
    const j = touched[t];
    cntRows[j] = 0;
    cntW[j] = 0;
  }
}

/** Builds level d+1 = T_i on the `na` active items, recurses, lifts the candidates. */
function descend(st: SearchState, d: number, i: number, limit: number, na: number, v: RowView): void {
  const L = st.levels[d];
  if (st.levels.length <= d + 1) st.levels.push(new Level());
  const C = st.levels[d + 1];
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
  const longest = collapseDuplicateRows(st, C);
  const childK = longest < limit ? longest : limit;
  if (childK < 2) return; // the 1-MSUs of T_i were handled by the caller
  const p0 = st.poolEnd;
  if (C.nRows <= st.tuning.smallRows) {
    bitRoot(st, C, childK);
  } else {
    st.cursor = grow(st.cursor, na);
    C.buildBuckets(st.cursor);
    C.buildSuffixQis(st.stamp, ++st.tick);
    if (C.nRows >= st.tuning.knownMinRows && st.qiCount <= 31) {
      if (C.knownSet === null) C.knownSet = new PairSet();
      else C.knownSet.clear();
    } else if (C.knownSet !== null) {
      C.knownSet.clear();
      C.knownSet = null;
    }
    // from the highest rank down (required by knownSet, harmless otherwise)
    for (let j = na - 1; j >= 0; j--) expand(st, d + 1, j, limitOf(C, j, childK), C.viewOf(j));
  }
  if (st.poolEnd === p0) return;
  lift(st, d, i, C, p0);
}
