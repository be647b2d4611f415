/**
 * The bit-parallel kernel of SUDA2: the recursion of Manning, Haglin & Keane (2008,
 * section 4) on tables of at most 32 rows, a row = a bit. Building T_i is one AND per item,
 * supports are popcounts (weight-2 rows counted twice), and the special-row check is an
 * AND over the masks of Y's items. Its MSUs go to the pool in the ids of the Level it
 * started from, as the Level search would put them (descend, recursion.ts, lifts them).
 */
import { grow } from './arrays.js';
import { BitLevel, popcount32 } from './bitLevel.js';
import type { Level } from './level.js';
import type { SearchState } from './state.js';

/**
 * MSUs of sizes 2..maxK of the small table C (at most 32 rows), bit-parallel; they are
 * appended to the pool in C's item ids, as the Level search would.
 */
export function bitRoot(st: SearchState, C: Level, maxK: number): void {
  if (st.bitLevels.length === 0) st.bitLevels.push(new BitLevel());
  const B = st.bitLevels[0];
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
    st.bitRowsG[r] = C.rowsG[r];
    if (C.rowW[r] === 2) heavy |= bit;
    if (C.eligible[r]) holders |= bit;
    for (let p = C.rowStart[r]; p < C.rowStart[r + 1]; p++) B.mask[C.rowItems[p]] |= bit;
  }
  for (let k = 0; k < n; k++) B.sup[k] = popcount32(B.mask[k]) + popcount32(B.mask[k] & heavy);
  st.bitHeavy = heavy;
  st.bitHolders = holders;
  B.buildSuffixQis(st.stamp, ++st.tick);
  for (let i = 0; i < n; i++) bitVisit(st, 0, i, maxK);
}

/** Bit-parallel counterpart of expand + descend + lift for item i of bit level e. */
function bitVisit(st: SearchState, e: number, i: number, maxK: number): void {
  const B = st.bitLevels[e];
  const mi = B.mask[i];
  if ((mi & st.bitHolders) === 0) return;
  let limit = maxK - 1;
  const rows = popcount32(mi);
  if (rows - 1 < limit) limit = rows - 1;
  if (B.suffixQis[i + 1] < limit) limit = B.suffixQis[i + 1];
  if (limit < 1) return;
  if (st.bitLevels.length <= e + 1) st.bitLevels.push(new BitLevel());
  const Cb = st.bitLevels[e + 1];
  Cb.ensure(B.n - i);
  const heavy = st.bitHeavy;
  const totalW = B.sup[i];
  let na = 0;
  for (let j = i + 1; j < B.n; j++) {
    const m = B.mask[j] & mi;
    if (m === 0) continue;
    const s = popcount32(m) + popcount32(m & heavy);
    if (s === 1) {
      // 1-MSU {j} of T_i -> MSU {i, j} of this table
      const at = st.poolEnd;
      st.pool = grow(st.pool, at + st.stride);
      st.pool[at] = st.bitRowsG[31 - Math.clz32(m)];
      st.pool[at + 1] = 2;
      st.pool[at + 2] = j;
      st.pool[at + 3] = i;
      st.poolEnd = at + st.stride;
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
  Cb.buildSuffixQis(st.stamp, ++st.tick);
  const p0 = st.poolEnd;
  for (let j = 0; j < na; j++) bitVisit(st, e + 1, j, limit);
  // Lift with the special-row check: Y + i is an MSU iff some row outside T_i has Y.
  const S = st.stride;
  let wp = p0;
  for (let rp = p0; rp < st.poolEnd; rp += S) {
    const pool = st.pool;
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
  st.poolEnd = wp;
}
