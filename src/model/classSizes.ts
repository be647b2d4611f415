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
