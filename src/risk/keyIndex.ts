/**
 * Dense numbering of integer keys (exact doubles below 2^53) by open addressing with
 * linear probing. Reused across nodes: a slot is live when its stamp is the current
 * generation, so `reset` costs O(1) instead of clearing the table.
 */
export class KeyIndex {
  private keys: Float64Array;
  private ids: Int32Array;
  private stamps: Uint32Array;
  private generation = 0;
  private mask: number;
  /** Number of distinct keys seen since the last reset. */
  size = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.ids = new Int32Array(cap);
    this.stamps = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  /** Clears the index, growing it when `capacity` keys may come. */
  reset(capacity: number): void {
    if (capacity * 2 > this.keys.length) {
      let cap = this.keys.length;
      while (cap < capacity * 2) cap *= 2;
      this.keys = new Float64Array(cap);
      this.ids = new Int32Array(cap);
      this.stamps = new Uint32Array(cap);
      this.mask = cap - 1;
      this.generation = 0;
    }
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
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
    const stamps = this.stamps;
    const gen = this.generation;
    for (;;) {
      if (stamps[i] !== gen) {
        stamps[i] = gen;
        keys[i] = key;
        const id = this.size++;
        this.ids[i] = id;
        return id;
      }
      if (keys[i] === key) return this.ids[i];
      i = (i + 1) & this.mask;
    }
  }
}
