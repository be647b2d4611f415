/**
 * The QI groups and their sensitive histograms from the fine groups (one row per distinct
 * tuple of QI and sensitive values, with its record count f), read in the order of their QI
 * codes: consecutive rows with the same QI codes form one group, numbered in that order, and
 * each sensitive attribute's (code, count) entries of a group land next to each other, which
 * is the CSR layout of ClassHistograms once the group's entries are merged (the same code can
 * come from several fine rows, which differ in another sensitive attribute) and sorted by
 * code. Pure typed-array work: no per-group JS object or array.
 */
import type { ClassHistograms } from '../model/classHistograms.js';

/** What {@link FineRowGrouper.finish} returns. */
export interface FineGroups {
  /** codes[i][g]: code of QI i in group g. */
  codes: Int32Array[];
  /** counts[g]: records of group g (sum of f over its fine rows). */
  counts: Int32Array;
  /** Per sensitive attribute, its histogram per group (codes ascending within a group). */
  histograms: ClassHistograms[];
}

/** Entries of a group up to which its codes are sorted by insertion rather than through a dense scan. */
const INSERTION_MAX = 24;

/**
 * Consumes fine rows chunk by chunk, sorted by their QI codes (rows of one QI tuple
 * contiguous; their order among themselves is free). `capacity` bounds the rows (and so the
 * groups and entries); `valueCounts[j]` is the number of codes of sensitive attribute j.
 */
export class FineRowGrouper {
  private readonly m: number;
  private readonly codes: Int32Array[];
  private readonly counts: Int32Array;
  private readonly offsets: Int32Array[];
  private readonly values: Int32Array[];
  private readonly entryCounts: Int32Array[];
  /** Per attribute: a dense count per code (zero between groups) and the codes touched. */
  private readonly acc: Int32Array[];
  private readonly touched: Int32Array[];
  /** Per attribute: next free entry. */
  private readonly end: Int32Array;
  private groups = 0;
  private rows = 0;
  private readonly valueCounts: readonly number[];

  constructor(qiCount: number, valueCounts: readonly number[], private readonly capacity: number) {
    this.m = qiCount;
    this.valueCounts = valueCounts;
    this.codes = Array.from({ length: qiCount }, () => new Int32Array(capacity));
    this.counts = new Int32Array(capacity);
    this.offsets = valueCounts.map(() => new Int32Array(capacity + 1));
    this.values = valueCounts.map(() => new Int32Array(capacity));
    this.entryCounts = valueCounts.map(() => new Int32Array(capacity));
    this.acc = valueCounts.map((v) => new Int32Array(Math.max(1, v)));
    this.touched = valueCounts.map((v) => new Int32Array(Math.max(1, v)));
    this.end = new Int32Array(valueCounts.length);
  }

  /** The current group's sort key (two 32-bit words), when rows come with one. */
  private keyLo = 0;
  private keyHi = 0;

  /**
   * Adds n rows: qi[i][r] the code of QI i, s[j][r] the code of sensitive attribute j, f[r]
   * the row's record count; `key`, when given, the rows' 64-bit sort keys as pairs of 32-bit
   * words (equal exactly when the QI codes are), compared instead of the m codes. The arrays
   * are read during the call only.
   */
  push(qi: readonly Int32Array[], s: readonly Int32Array[], f: Int32Array, n: number, key?: Int32Array): void {
    if (this.rows + n > this.capacity) throw new RangeError(`more than the expected ${this.capacity} fine rows`);
    const m = this.m;
    const nS = s.length;
    const codes = this.codes;
    const counts = this.counts;
    const end = this.end;
    let g = this.groups - 1;
    let lo = this.keyLo;
    let hi = this.keyHi;
    for (let r = 0; r < n; r++) {
      let same = g >= 0;
      if (key !== undefined) {
        const l = key[2 * r];
        const h = key[2 * r + 1];
        same = same && l === lo && h === hi;
        lo = l;
        hi = h;
      } else {
        for (let i = 0; same && i < m; i++) same = codes[i][g] === qi[i][r];
      }
      const c = f[r];
      if (!same) {
        if (g >= 0) this.close(g);
        g++;
        for (let i = 0; i < m; i++) codes[i][g] = qi[i][r];
        for (let j = 0; j < nS; j++) this.offsets[j][g] = end[j];
      }
      counts[g] += c;
      for (let j = 0; j < nS; j++) {
        const e = end[j]++;
        this.values[j][e] = s[j][r];
        this.entryCounts[j][e] = c;
      }
    }
    this.groups = g + 1;
    this.keyLo = lo;
    this.keyHi = hi;
    this.rows += n;
  }

  /** Merges and sorts the entries of group g of each attribute (its entries run from offsets[j][g] to end[j]). */
  private close(g: number): void {
    for (let j = 0; j < this.values.length; j++) {
      const a = this.offsets[j][g];
      const b = this.end[j];
      if (b - a > 1) this.end[j] = a + this.mergeSorted(j, a, b);
    }
  }

  /** Entries a..b of attribute j, merged by code and written back sorted from a; returns how many remain. */
  private mergeSorted(j: number, a: number, b: number): number {
    const values = this.values[j];
    const counts = this.entryCounts[j];
    const acc = this.acc[j];
    const touched = this.touched[j];
    let t = 0;
    for (let e = a; e < b; e++) {
      const v = values[e];
      if (acc[v] === 0) touched[t++] = v;
      acc[v] += counts[e];
    }
    const mj = this.valueCounts[j];
    if (t > INSERTION_MAX && t * 16 >= mj) {
      // Many of the attribute's codes: scan the dense counts in code order.
      let x = a;
      for (let v = 0; v < mj; v++) {
        if (acc[v] !== 0) {
          values[x] = v;
          counts[x] = acc[v];
          acc[v] = 0;
          x++;
        }
      }
      return t;
    }
    if (t <= INSERTION_MAX) insertionSort(touched, t);
    else heapSort(touched, t);
    for (let x = 0; x < t; x++) {
      const v = touched[x];
      values[a + x] = v;
      counts[a + x] = acc[v];
      acc[v] = 0;
    }
    return t;
  }

  /** The groups and histograms (arrays trimmed to their length). */
  finish(): FineGroups {
    const G = this.groups;
    if (G > 0) this.close(G - 1);
    for (let j = 0; j < this.values.length; j++) this.offsets[j][G] = this.end[j];
    return {
      codes: this.codes.map((c) => trim(c, G)),
      counts: trim(this.counts, G),
      histograms: this.values.map((values, j) => ({
        valueCount: Math.max(1, this.valueCounts[j]),
        offsets: trim(this.offsets[j], G + 1),
        values: trim(values, this.end[j]),
        counts: trim(this.entryCounts[j], this.end[j]),
      })),
    };
  }
}

/** The first n elements: a view when they fill most of the array, else a copy (so the rest is freed). */
function trim(a: Int32Array, n: number): Int32Array {
  return n >= a.length * 0.875 ? a.subarray(0, n) : a.slice(0, n);
}

/** Sorts a[0..n) ascending in place. */
function insertionSort(a: Int32Array, n: number): void {
  for (let x = 1; x < n; x++) {
    const v = a[x];
    let y = x - 1;
    while (y >= 0 && a[y] > v) {
      a[y + 1] = a[y];
      y--;
    }
    a[y + 1] = v;
  }
}

/** Moves a[root] down the max-heap a[0..size). */
function sift(a: Int32Array, root: number, size: number): void {
  const v = a[root];
  let i = root;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && a[c + 1] > a[c]) c++;
    if (a[c] <= v) break;
    a[i] = a[c];
    i = c;
  }
  a[i] = v;
}

/** Sorts a[0..n) ascending in place, O(n log n) without allocating. */
function heapSort(a: Int32Array, n: number): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) sift(a, i, n);
  for (let end = n - 1; end > 0; end--) {
    const top = a[0];
    a[0] = a[end];
    a[end] = top;
    sift(a, 0, end);
  }
}
