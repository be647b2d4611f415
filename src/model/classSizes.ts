/**
 * Groups of records with the equivalence-class size their records see.
 *
 * When classes partition the records (missing values as their own value, or excluded)
 * a group is a class and `sizes` equals `records`. Under the wildcard policy a missing
 * value matches any value, classes overlap, and the size a record sees is the number of
 * records compatible with it (sdcMicro's freqCalc); then `sizes[g] >= records[g]`.
 */
export interface ClassSizes {
  /** records[g]: records in group g. */
  readonly records: Int32Array;
  /** sizes[g]: f_k, the class size seen by the records of group g. */
  readonly sizes: Int32Array;
  /** n: records in all groups. */
  readonly n: number;
  /** True when the groups partition the records into classes (sizes = records). */
  readonly partition: boolean;
}

/**
 * Groups of classes that share a (records, size) pair, each standing for `classes[g]` such
 * classes (1 each when absent): the run-length form of ClassSizes. The record-risk measures
 * (prosecutor, journalist, marketer) depend on the classes only through these pairs, so over a
 * partition they can be computed from the frequency of class sizes (a few hundred distinct
 * sizes) instead of class by class (a million classes), with the same correctly rounded sums.
 * Every ClassSizes is a RiskGroups with one class per group.
 */
export interface RiskGroups {
  /** records[g]: records in each class of group g. */
  readonly records: Int32Array;
  /** sizes[g]: the class size seen by those records. */
  readonly sizes: Int32Array;
  /** n: records in all the classes. */
  readonly n: number;
  /** classes[g]: classes group g stands for (absent: 1 for every group). */
  readonly classes?: Float64Array;
}
