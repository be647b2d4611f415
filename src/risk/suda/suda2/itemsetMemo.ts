/**
 * ItemsetMemo: memoized special-row answers of the full table, for the fallback of the
 * SUDA2 search above the memory budget of the per-record known-MSU bits (see specialRow.ts).
 * The special-row test is the paper's (Manning, Haglin & Keane 2008, section 4); the memo
 * is edra's.
 */

/**
 * Memo of special-row answers of one table T, keyed by the itemset Y (sorted local ids).
 * The answer only depends on Y, not on i: Y is unique in T_i, held by one record r, so a
 * record of T outside T_i contains Y iff supp_T(Y) >= 2. The same Y comes back from many
 * sub-tables (measured: ~12 checks per distinct Y at the full table, 300k x 8 random data).
 * Open addressing with linear probing; keys stored in a flat array with a fixed stride.
 */
export class ItemsetMemo {
  private cap = 0;
  private used = 0;
  private keys = new Int32Array(0);
  /** 0 = empty slot, else 1 + size of the key. */
  private sizes = new Uint8Array(0);
  private values = new Uint8Array(0);
  /** Occupied slots, for a cheap clear. */
  private slots = new Int32Array(0);

  constructor(private readonly stride: number) {
    this.resize(1 << 6);
  }

  /** Empties the memo (cost: number of entries). */
  clear(): void {
    for (let u = 0; u < this.used; u++) this.sizes[this.slots[u]] = 0;
    this.used = 0;
  }

  private resize(cap: number): void {
    const { keys, sizes, values } = this;
    const old = this.cap;
    this.cap = cap;
    this.keys = new Int32Array(cap * this.stride);
    this.sizes = new Uint8Array(cap);
    this.values = new Uint8Array(cap);
    this.slots = new Int32Array(cap);
    let used = 0;
    for (let s = 0; s < old; s++) {
      if (!sizes[s]) continue;
      const slot = this.find(keys, s * this.stride, sizes[s] - 1);
      this.slots[used++] = slot;
      this.keys.set(keys.subarray(s * this.stride, s * this.stride + sizes[s] - 1), slot * this.stride);
      this.sizes[slot] = sizes[s];
      this.values[slot] = values[s];
    }
  }

  /** Slot of the key src[off .. off+size) (sorted), or of the empty slot where it goes. */
  private find(src: Int32Array, off: number, size: number): number {
    let h = size;
    for (let s = 0; s < size; s++) h = Math.imul(h ^ src[off + s], 0x9e3779b1) ^ (h >>> 15);
    const mask = this.cap - 1;
    for (let slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const z = this.sizes[slot];
      if (z === 0) return slot;
      if (z !== size + 1) continue;
      const k = slot * this.stride;
      let s = 0;
      while (s < size && this.keys[k + s] === src[off + s]) s++;
      if (s === size) return slot;
    }
  }

  /** 0 = unknown, 1 = false, 2 = true. */
  get(src: Int32Array, off: number, size: number): number {
    const slot = this.find(src, off, size);
    return this.sizes[slot] ? this.values[slot] : 0;
  }

  set(src: Int32Array, off: number, size: number, value: boolean): void {
    if ((this.used + 1) * 2 > this.cap) this.resize(this.cap * 2);
    const slot = this.find(src, off, size);
    if (!this.sizes[slot]) this.slots[this.used++] = slot;
    this.keys.set(src.subarray(off, off + size), slot * this.stride);
    this.sizes[slot] = size + 1;
    this.values[slot] = value ? 2 : 1;
  }
}
