/**
 * Dense numbering of integer keys (exact doubles below 2^53) by open addressing with
 * linear probing. Reused across nodes: each reset sizes the part of the table in use to the
 * keys that may come (a power of two at least twice as many, so probes stay short) and
 * clears only that part, so a node of a thousand classes does not pay for a table sized for
 * a million. (A per-slot generation stamp avoided the clearing but cost a third random
 * memory access per lookup: 44 -> 34 ms per million keys without it.)
 */
export class KeyIndex {
  private keys: Float64Array;
  /** ids[slot]: the key's id, -1 when the slot is free. */
  private ids: Int32Array;
  private mask = 15;
  /** Number of distinct keys seen since the last reset. */
  size = 0;

  constructor(capacity: number) {
    const cap = slotsFor(capacity);
    // Both written now (fresh memory faults on first write), not at the first node's lookups.
    this.keys = new Float64Array(cap).fill(0);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** Clears the index for up to `capacity` distinct keys (growing it when needed). */
  reset(capacity: number): void {
    const cap = slotsFor(capacity);
    if (cap > this.ids.length) {
      this.keys = new Float64Array(cap);
      this.ids = new Int32Array(cap);
    }
    this.ids.fill(-1, 0, cap);
    this.mask = cap - 1;
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
    const ids = this.ids;
    for (;;) {
      const id = ids[i];
      if (id < 0) {
        keys[i] = key;
        ids[i] = this.size;
        return this.size++;
      }
      if (keys[i] === key) return id;
      i = (i + 1) & this.mask;
    }
  }
}

/** Slots for `capacity` keys: a power of two, at least twice the keys and at least 16. */
function slotsFor(capacity: number): number {
  let cap = 16;
  while (cap < capacity * 2) cap *= 2;
  return cap;
}
