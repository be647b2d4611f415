/**
 * Dense numbering of integer keys (exact doubles below 2^53) by open addressing with
 * linear probing. Reused across nodes: `reset` clears it in O(capacity).
 */
export class KeyIndex {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  /** Number of distinct keys seen since the last reset. */
  size = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap).fill(-1);
    this.ids = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Clears the index, growing it when `capacity` keys may come. */
  reset(capacity: number): void {
    if (capacity * 2 > this.keys.length) {
      let cap = this.keys.length;
      while (cap < capacity * 2) cap *= 2;
      this.keys = new Float64Array(cap);
      this.ids = new Int32Array(cap);
      this.mask = cap - 1;
    }
    this.keys.fill(-1);
    this.size = 0;
  }

  /** The dense id of `key` (>= 0, integral, < 2^53), numbering new keys 0, 1, 2, ... */
  idOf(key: number): number {
    // ToInt32 takes the key modulo 2^32; the high part is exact since 2^32 is a power of two.
    const lo = key | 0;
    const hi = (key / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
    h ^= h >>> 15;
    let i = h & this.mask;
    const keys = this.keys;
    for (;;) {
      const k = keys[i];
      if (k === key) return this.ids[i];
      if (k === -1) {
        keys[i] = key;
        const id = this.size++;
        this.ids[i] = id;
        return id;
      }
      i = (i + 1) & this.mask;
    }
  }
}
