/**
 * The top level of the SUDA2 recursion (Manning, Haglin & Keane 2008, section 4: one
 * sub-table T_i per ranked item i of the full table), in edra's batches: the sub-tables of
 * consecutive items are copied out by one sequential pass over the records (ordered by
 * their rarest item), so the rows of each T_i are contiguous in memory, and then expanded.
 */
import { grow } from './arrays.js';
import { expand, limitOf } from './recursion.js';
import type { SearchState } from './state.js';

/**
 * Visits the top-level items of [from, to) (descending when asked). Their sub-tables are
 * materialized in batches by one sequential pass over the full table: the rows of T_i
 * then lie contiguously in memory instead of scattered over the whole table.
 */
export function processTop(st: SearchState, from: number, to: number, descending: boolean): void {
  const top = st.levels[0];
  const maxK = st.maxMsuSize;
  const wanted = (i: number): boolean => st.holdersOf[i] > 0 && limitOf(top, i, maxK) >= 1;
  const budget = st.tuning.batchItems;
  let lo = descending ? to : from;
  while (descending ? lo > from : lo < to) {
    // next batch [a, b): consecutive items whose materialized ids fit the budget
    let a: number;
    let b: number;
    let size = 0;
    if (descending) {
      b = lo;
      a = b;
      while (a > from && (a === b || size + batchCost(st, a - 1) <= budget)) {
        if (wanted(a - 1)) size += batchCost(st, a - 1);
        a--;
      }
      lo = a;
    } else {
      a = lo;
      b = a;
      while (b < to && (b === a || size + batchCost(st, b) <= budget)) {
        if (wanted(b)) size += batchCost(st, b);
        b++;
      }
      lo = b;
    }
    const offs = materialize(st, a, b, wanted);
    const v = st.topView;
    for (let k = 0; k < b - a; k++) {
      const i = descending ? b - 1 - k : a + k;
      if (offs[i - a] === offs[i - a + 1]) continue;
      v.from = offs[i - a];
      v.to = offs[i - a + 1];
      expand(st, 0, i, limitOf(top, i, maxK), v);
    }
  }
}

/** Ints a materialized T_i takes: its ids after i plus one per row. */
function batchCost(st: SearchState, i: number): number {
  return st.itemsAfter[i] + st.levels[0].itemRows[i];
}

/**
 * Copies the rows of T_i (group, weight, eligibility, ids after i) for the wanted items
 * i of [a, b) into the mat* arrays, item after item, rows ascending. Returns the row
 * offsets: the rows of item i are [offs[i-a], offs[i-a+1]).
 */
function materialize(st: SearchState, a: number, b: number, wanted: (i: number) => boolean): Int32Array {
  const top = st.levels[0];
  const n = b - a;
  const rowOff = new Int32Array(n + 1);
  const itemOff = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const ok = wanted(a + k);
    rowOff[k + 1] = rowOff[k] + (ok ? top.itemRows[a + k] : 0);
    itemOff[k + 1] = itemOff[k] + (ok ? st.itemsAfter[a + k] : 0);
  }
  const rowsN = rowOff[n];
  const itemsN = itemOff[n];
  if (st.matG.length < rowsN) {
    const cap = Math.max(rowsN, st.matG.length * 2);
    st.matG = new Int32Array(cap);
    st.matW = new Uint8Array(cap);
    st.matE = new Uint8Array(cap);
    st.matStart = new Int32Array(cap + 1);
    st.iota = new Int32Array(cap);
    for (let r = 0; r < cap; r++) st.iota[r] = r;
  }
  st.matItems = grow(st.matItems, itemsN);
  const rowCur = rowOff.slice(0, n);
  const itemCur = itemOff.slice(0, n);
  const { matG, matW, matE, matStart, matItems } = st;
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
  const v = st.topView;
  v.idx = st.iota;
  v.start = matStart;
  v.items = matItems;
  v.groups = matG;
  v.w = matW;
  v.eligible = matE;
  return rowOff;
}
