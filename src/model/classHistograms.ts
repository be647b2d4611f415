/**
 * The input of every attribute-disclosure measure: per equivalence class, the histogram of
 * one sensitive attribute in CSR layout (src/risk/sensitive/classHistograms.ts builds and checks it).
 */
/** Per equivalence class, the histogram of one sensitive attribute S (CSR layout). */
export interface ClassHistograms {
  /** m: number of distinct S values (codes 0..m-1). For ordered distance, code order = value order. */
  readonly valueCount: number;
  /** offsets[k]..offsets[k+1] index the entries of class k; length K+1. */
  readonly offsets: Int32Array;
  /** value code of each entry (distinct within a class). */
  readonly values: Int32Array;
  /** record count of each entry (>= 1). */
  readonly counts: Int32Array;
}
