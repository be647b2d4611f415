/**
 * The released file of `edra anonymize --report` (types only): what was written, from what,
 * and whether the verdict measured again on the bytes written equals the one certified.
 */
import type { ThresholdLine } from '../model/thresholdLine.js';

export interface ReleasedFileJson {
  /** The file written, as given on the command line. */
  path: string;
  format: string;
  /** SHA-256 of the bytes written. */
  sha256: string;
  /** Records written. */
  rows: number;
  /** The input it was made from: its records, and those left out for a missing QI (not written). */
  input: { path: string; sha256: string; rows: number; excludedRecords: number };
  /** Columns of the input removed before writing (the direct identifiers). */
  removedColumns: string[];
  /** Hierarchy level per QI applied. */
  levels: Record<string, number>;
  /** The threshold lines certified on the transformed classes before writing. */
  certified: ThresholdLine[];
  /** True when the lines measured on the written file equal the certified ones (values and verdicts). */
  remeasuredEqual: boolean;
}
