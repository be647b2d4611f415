/**
 * The JSON of a transformation's information loss (types only): what the recipient loses,
 * overall and per quasi-identifier. Counts and shares only, never a value.
 */
import type { UtilityMetric } from './search.js';

/** What one quasi-identifier loses. */
export interface QiUtilityJson {
  attribute: string;
  /** The hierarchy level applied (0 = original values) and the hierarchy's height. */
  level: number;
  height: number;
  /** Distinct values among the records before the transformation (after missing-value exclusion). */
  distinctBefore: number;
  /** Distinct values released: labels of the records kept, the masked records' "*" counted once. */
  distinctAfter: number;
  /** Records whose released value differs from the original: generalized, or suppressed (dropped or masked). */
  recordsChanged: number;
  /** recordsChanged / records before suppression. */
  changedFraction: number;
  /** Generalization height of this QI, level / height (0 without a hierarchy). */
  precision: number;
  /** Iyengar's loss of this QI alone, L_d (a suppressed record counts 1). */
  loss: number;
  /**
   * Share of the QI's information removed: its non-uniform entropy over its maximum,
   * sum_records log2(count(label) / count(value)) / (n H), H the entropy (bits) of its original
   * values; equal to 1 - H(released) / H(original) without suppression. 0 when H = 0.
   */
  informationRemoved: number;
}

/** Information loss of one transformation (src/search/qiUtility.ts:transformationUtility). */
export interface UtilityJson {
  /** n: the records before suppression the metrics are over. */
  records: number;
  /** Records suppressed (dropped or masked). */
  suppressed: number;
  /** The five search metrics at this transformation (lower is better; docs/search.md). */
  metrics: Record<UtilityMetric, number>;
  qis: QiUtilityJson[];
  /** [class size, classes, records] of the classes whose records were suppressed, ascending by size. */
  suppressedByClassSize: [number, number, number][];
}
