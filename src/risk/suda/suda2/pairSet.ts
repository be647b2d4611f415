/**
 * PairSet: the MSUs of one sub-table found so far, as (record, QI mask) pairs. It replaces
 * the special-row scan of Manning, Haglin & Keane (2008, section 4) by a lookup in large
 * sub-tables (see specialRow.ts).
 */

/**
 * Set of (record, QI mask) pairs: the MSUs of one sub-table found so far (a record has at
 * most one itemset per QI set, so the pair names the itemset). Open addressing.
 */
export class PairSet {
  private cap = 0;
  private used = 0;
  private groups = new Int32Array(0);
  private masks = new Int32Array(0);
  /** 0 = empty. */
  private full = new Uint8Array(0);
  private slots = new Int32Array(0);

  constructor() {
    this.resize(1 << 6);
  }

  private resize(cap: number): void {
    const { groups, masks, full } = this;
    const old = this.cap;
    this.cap = cap;
    this.groups = new Int32Array(cap);
    this.masks = new Int32Array(cap);
    this.full = new Uint8Array(cap);
    this.slots = new Int32Array(cap);
    this.used = 0;
    for (let s = 0; s < old; s++) if (full[s]) this.add(groups[s], masks[s]);
  }

  private find(g: number, mask: number): number {
    let h = Math.imul(g, 0x9e3779b1) ^ Math.imul(mask, 0x85ebca6b);
    h ^= h >>> 15;
    const m = this.cap - 1;
    for (let slot = h & m; ; slot = (slot + 1) & m) {
      if (!this.full[slot] || (this.groups[slot] === g && this.masks[slot] === mask)) return slot;
    }
  }

  has(g: number, mask: number): boolean {
    return this.full[this.find(g, mask)] === 1;
  }

  add(g: number, mask: number): void {
    if ((this.used + 1) * 2 > this.cap) this.resize(this.cap * 2);
    const slot = this.find(g, mask);
    if (this.full[slot]) return;
    this.full[slot] = 1;
    this.groups[slot] = g;
    this.masks[slot] = mask;
    this.slots[this.used++] = slot;
  }

  clear(): void {
    for (let u = 0; u < this.used; u++) this.full[this.slots[u]] = 0;
    this.used = 0;
  }
}
