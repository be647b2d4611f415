/**
 * Merging duplicate rows of a sub-table, one of edra's additions to SUDA2 (Manning, Haglin
 * & Keane 2008): rows with the same item set in T_i become one row of weight 2 (only "1 or
 * >= 2" matters for uniqueness) that can hold no MSU; the longest row that still can
 * ("eligible") bounds the MSU size in T_i.
 */
import type { Level } from './level.js';
import type { SearchState } from './state.js';

/**
 * Merges rows of C with equal item lists (hashing) into their first occurrence, which gets
 * weight 2 and is not eligible; keeps itemRows in step. Returns the largest item count of
 * an eligible row.
 */
export function collapseDuplicateRows(st: SearchState, C: Level): number {
  const rows = C.nRows;
  let cap = 16;
  while (cap < rows * 2) cap *= 2;
  if (st.hashSlots.length < cap) st.hashSlots = new Int32Array(cap);
  const slots = st.hashSlots;
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
