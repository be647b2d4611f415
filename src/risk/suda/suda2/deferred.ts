/**
 * The deferred (chunked) run mode of SUDA2, edra's split of the search of Manning, Haglin
 * & Keane (2008) for the worker pool (../worker.ts). Phase A (`runDeferred`, one chunk of
 * top-level items from `planChunks` per task) runs the whole recursion below its items
 * except the last special-row check at the full table, which depends on MSUs found in
 * other chunks; those candidates come back as (row, QI mask of Y, QI of i). Phase B
 * (`resolveDeferred`, `assembleDeferred`) decides them row by row by increasing size: Y + i
 * is an MSU iff Y is not itself an MSU of the row. The result equals `suda2` exactly.
 */
import { grow } from './arrays.js';
import { popcount32 } from './bitLevel.js';
import { summarizeMsuCounts, type Suda2Result } from './result.js';
import type { SearchState } from './state.js';
import { processTop } from './topBatches.js';

/** Largest QI count of the deferred (parallel) mode: a code packs mask | attr << 26. */
export const DEFERRED_MAX_QIS = 26;

/** What phase A returns for its chunk: candidates and size-2 MSUs by top row. */
export interface DeferredPart {
  rows: Int32Array;
  codes: Int32Array;
}

/**
 * Splits the top-level items into `chunks` contiguous ranges of similar estimated work
 * (ids after the item summed over its rows, plus its rows). Deterministic: every worker
 * computes the same ranges. Returns chunks + 1 boundaries.
 */
export function planChunks(st: SearchState, chunks: number): Int32Array {
  const n = st.topItems;
  const top = st.levels[0];
  let total = 0;
  for (let i = 0; i < n; i++) total += st.itemsAfter[i] + top.itemRows[i];
  const bounds = new Int32Array(chunks + 1);
  let acc = 0;
  let c = 1;
  for (let i = 0; i < n && c < chunks; i++) {
    acc += st.itemsAfter[i] + top.itemRows[i];
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
export function runDeferred(st: SearchState, from: number, to: number): DeferredPart {
  if (st.qiCount > DEFERRED_MAX_QIS) {
    throw new RangeError(`deferred SUDA2 supports at most ${DEFERRED_MAX_QIS} QIs`);
  }
  st.defRows = new Int32Array(1024);
  st.defCodes = new Int32Array(1024);
  st.defN = 0;
  st.deferring = true;
  processTop(st, Math.max(0, from), Math.min(to, st.topItems), false);
  st.deferring = false;
  // views, not copies: the buffers are dropped from the state below
  const out = { rows: st.defRows.subarray(0, st.defN), codes: st.defCodes.subarray(0, st.defN) };
  st.defRows = new Int32Array(0);
  st.defCodes = new Int32Array(0);
  return out;
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
  parts: readonly DeferredPart[],
): Int32Array {
  const out = new Int32Array(rows * maxMsuSize);
  resolveInto(rows, maxMsuSize, parts, out, null);
  return out;
}

/**
 * resolveDeferred, adding the counts of top row r at out[at(r) * maxMsuSize + k - 1] with
 * at(r) = groupOf[r] (or r when groupOf is null). Per row, the candidates are bucketed by
 * |Y| (counting sort into a scratch buffer), then decided by increasing size in one pass.
 */
function resolveInto(
  rows: number,
  maxMsuSize: number,
  parts: readonly DeferredPart[],
  out: Int32Array,
  groupOf: Int32Array | null,
): void {
  const K = maxMsuSize;
  const start = new Int32Array(rows + 1);
  for (const part of parts) for (const r of part.rows) start[r + 1]++;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const cur = start.slice(0, rows);
  const codes = new Int32Array(start[rows]);
  for (const part of parts) {
    const pr = part.rows;
    const pc = part.codes;
    for (let k = 0; k < pr.length; k++) codes[cur[pr[k]]++] = pc[k];
  }
  const maskBits = (1 << 26) - 1;
  let known = new Int32Array(64);
  let bySize = new Int32Array(64);
  const sizeStart = new Int32Array(K + 1);
  for (let r = 0; r < rows; r++) {
    const a = start[r];
    const b = start[r + 1];
    if (a === b) continue;
    // bucket the row's candidates by |Y| (1 .. K-1), keeping their order within a size
    sizeStart.fill(0);
    for (let p = a; p < b; p++) sizeStart[popcount32(codes[p] & maskBits)]++;
    let acc = 0;
    for (let size = 0; size <= K; size++) {
      const c = sizeStart[size];
      sizeStart[size] = acc;
      acc += c;
    }
    if (bySize.length < b - a) bySize = new Int32Array(Math.max(b - a, bySize.length * 2));
    for (let p = a; p < b; p++) {
      const c = codes[p];
      bySize[sizeStart[popcount32(c & maskBits)]++] = c;
    }
    // sizeStart[size] is now the end of bucket `size`
    const o = (groupOf === null ? r : groupOf[r]) * K;
    let nKnown = 0;
    let prevStart = 0;
    for (let size = 1; size < K; size++) {
      const firstOfSize = nKnown;
      const from = sizeStart[size - 1];
      const to = sizeStart[size];
      for (let p = from; p < to; p++) {
        const c = bySize[p];
        const maskY = c & maskBits;
        if (size >= 2) {
          // is Y itself an MSU of r? (its MSUs of size `size` came from the previous pass)
          let hit = false;
          for (let t = prevStart; t < firstOfSize && !hit; t++) hit = known[t] === maskY;
          if (hit) continue;
        }
        out[o + size]++;
        if (size + 1 < K) {
          if (nKnown === known.length) known = grow(known, nKnown * 2);
          known[nKnown++] = maskY | (1 << (c >>> 26));
        }
      }
      prevStart = firstOfSize;
    }
  }
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
  parts: readonly DeferredPart[],
): Suda2Result {
  const K = maxMsuSize;
  const counts = new Int32Array(groups * K);
  for (const g of oneMsus) counts[g * K]++;
  // a top row is one group: its counts of sizes >= 2 go straight to the group
  resolveInto(topRowGroups.length, K, parts, counts, topRowGroups);
  return summarizeMsuCounts(qiCount, K, counts);
}
