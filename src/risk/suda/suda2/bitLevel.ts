/**
 * BitLevel: one table of the bit-parallel SUDA2 search (tables of at most 32 rows, a row =
 * a bit), and popcount32. The recursion is Manning, Haglin & Keane's (2008); the bit
 * layout is edra's. The search over BitLevels is in bitKernel.ts.
 */

/**
 * One table of the bit-parallel search (at most 32 rows): item k is carried by the
 * rows whose bits are set in mask[k]. Same recursion as `Level`, but building T_i is one AND
 * per item and the special-row check is an AND over Y's masks.
 */
export class BitLevel {
  n = 0;
  mask = new Int32Array(0);
  /** Weighted support (weight-2 rows count twice). */
  sup = new Int32Array(0);
  attr = new Int32Array(0);
  /** Id of the item in the parent bit level (identity at the root: ids of the Level). */
  parent = new Int32Array(0);
  suffixQis = new Int32Array(1);

  ensure(n: number): void {
    if (this.mask.length >= n) return;
    const cap = Math.max(n, this.mask.length * 2, 16);
    this.mask = new Int32Array(cap);
    this.sup = new Int32Array(cap);
    this.attr = new Int32Array(cap);
    this.parent = new Int32Array(cap);
    this.suffixQis = new Int32Array(cap + 1);
  }

  buildSuffixQis(stamp: Int32Array, tick: number): void {
    let distinct = 0;
    this.suffixQis[this.n] = 0;
    for (let j = this.n - 1; j >= 0; j--) {
      if (stamp[this.attr[j]] !== tick) {
        stamp[this.attr[j]] = tick;
        distinct++;
      }
      this.suffixQis[j] = distinct;
    }
  }
}

/** Number of set bits of a 32-bit int. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
