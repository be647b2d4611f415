/**
 * Where the MSUs of the full table go, in the three run modes of the SUDA2 search
 * (Manning, Haglin & Keane 2008; the modes are edra's): counted per record with a bit per
 * (record, QI set) for the later special-row lookups (`run` within the memory budget),
 * handed to the sink (`run` above the budget), or deferred as candidates for phase B
 * (`runDeferred`, the chunks of the worker pool).
 */
import { grow } from './arrays.js';
import type { SearchState } from './state.js';

/**
 * Reports an MSU of the full table held by top row r (in `run`: counts it, and remembers
 * it when a larger MSU may ask).
 */
export function recordTop(st: SearchState, r: number, size: number, mask: number): void {
  const rec = st.rec;
  if (rec === null) {
    st.sink(st.groupOf[r], size);
    return;
  }
  const at = r * st.recStride;
  rec[at + st.recWords + size - 1]++;
  if (size < st.maxMsuSize) rec[at + (mask >>> 5)] |= 1 << (mask & 31);
}

/** Appends a deferred top-level entry (runDeferred). */
export function defer(st: SearchState, r: number, code: number): void {
  const n = st.defN;
  if (n === st.defRows.length) {
    st.defRows = grow(st.defRows, n * 2);
    st.defCodes = grow(st.defCodes, n * 2);
  }
  st.defRows[n] = r;
  st.defCodes[n] = code;
  st.defN = n + 1;
}
