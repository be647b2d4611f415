/**
 * The special-row check of SUDA2 (Manning, Haglin & Keane 2008, section 4): for an MSU Y
 * of the sub-table T_i, Y + i is an MSU of T iff some record of T that does not contain i
 * contains Y (the paper's "special row"). `lift` applies it to the candidates of T_i, with
 * one of edra's strategies (each exact; the brute-force tests check all of them):
 *   - Special row without a scan. The proper subsets of Y are non-unique in T_i, hence in
 *     T, so supp_T(Y) = 1 iff Y is itself an MSU of T, held by the same record. Items are
 *     visited from the highest rank down, so every MSU of T with lowest item above i is
 *     known when T_i is lifted: the check is a lookup of (record, QI set of Y) (a record
 *     has one itemset per QI set). The full table keeps a bit per (record, QI set) (`run`
 *     within its memory budget, see search.ts); large sub-tables keep a PairSet of their
 *     MSUs.
 *   - Deferred: in the chunks of the worker pool the full-table check waits for phase B
 *     (deferred.ts), since it depends on MSUs found in other chunks.
 *   - Scan: the rows of Y's rarest item are scanned (`specialRow`), memoized by Y at the
 *     full table (ItemsetMemo) when it exceeds the memory budget; small sub-tables scan.
 * Tables of <= 32 rows do the check as an AND of row bit masks (bitKernel.ts).
 */
import { grow } from './arrays.js';
import { ItemsetMemo } from './itemsetMemo.js';
import type { Level } from './level.js';
import type { SearchState } from './state.js';
import { defer, recordTop } from './topSink.js';

/**
 * Lifts the candidates pool[p0 ..] (MSUs Y of T_i = C, size >= 2, ids of C) to level d:
 * Y + i is an MSU of level d iff some row of level d outside T_i contains Y.
 */
export function lift(st: SearchState, d: number, i: number, C: Level, p0: number): void {
  const L = st.levels[d];
  const S = st.stride;
  const bitI = 1 << L.itemAttr[i];
  const rec = d === 0 ? st.rec : null;
  const knownSet = d === 0 ? null : L.knownSet;
  let wp = p0;
  for (let rp = p0; rp < st.poolEnd; rp += S) {
    const pool = st.pool;
    const size = pool[rp + 1];
    const off = rp + 2;
    const g = pool[rp];
    let mask = 0;
    for (let s = off; s < off + size; s++) {
      const y = C.parentId[pool[s]];
      pool[s] = y;
      mask |= 1 << L.itemAttr[y];
    }
    if (d === 0 && st.deferring) {
      defer(st, g, mask | (L.itemAttr[i] << 26));
      continue;
    }
    if (rec !== null) {
      // full table, known MSUs (see run)
      if ((rec[g * st.recStride + (mask >>> 5)] >>> (mask & 31)) & 1) continue;
      recordTop(st, g, size + 1, mask | bitI);
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
        const memo = L.memo ?? (L.memo = new ItemsetMemo(st.maxMsuSize));
        let answer = memo.get(pool, off, size);
        if (answer === 0) {
          answer = specialRow(st, L, i, off, size) ? 2 : 1;
          memo.set(pool, off, size, answer === 2);
        }
        if (answer === 2) recordTop(st, g, size + 1, 0);
        continue;
      }
      if (!specialRow(st, L, i, off, size)) continue;
    }
    if (wp !== rp) pool.copyWithin(wp, rp, off + size);
    pool[wp + 1] = size + 1;
    pool[wp + 2 + size] = i;
    wp += S;
  }
  st.poolEnd = d === 0 ? p0 : wp;
}

/**
 * Fills rowMajor (one cache line per record for the special-row scans) from the index: the
 * code of each ranked item of a row, -1 elsewhere. A scan compares a row's code of QI q with
 * the code of a ranked item of q, so a missing value or an item that left the ranking (which
 * no ranked item equals) reads the same as -1.
 */
function buildRowMajor(st: SearchState): Int32Array {
  const m = st.qiCount;
  const { rowStart, rowItems, itemAttr, itemCode } = st.index;
  const rows = rowStart.length - 1;
  const rm = new Int32Array(rows * m).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let p = rowStart[r]; p < rowStart[r + 1]; p++) {
      const j = rowItems[p];
      rm[r * m + itemAttr[j]] = itemCode[j];
    }
  }
  st.rowMajor = rm;
  return rm;
}

/** Builds the buckets of the full table (item -> rows) on the first scan that needs them. */
function topBuckets(st: SearchState): void {
  if (st.topBuckets) return;
  st.cursor = grow(st.cursor, st.topItems);
  st.levels[0].buildBuckets(st.cursor);
  st.topBuckets = true;
}

/**
 * Special-row check at level L: does a row of L that does not contain item i contain
 * every item pool[off .. off+size) (sorted by rank)? Scans the rows of Y's rarest item.
 */
export function specialRow(st: SearchState, L: Level, i: number, off: number, size: number): boolean {
  const pool = st.pool;
  const m = st.qiCount;
  const rm = st.rowMajor ?? buildRowMajor(st);
  if (L === st.levels[0]) topBuckets(st);
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
