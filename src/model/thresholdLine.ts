/** A pass/fail line of the verdict: a measure, its limit and the comparison that must hold. */

export type Comparison = '>=' | '<=' | '<';

/** One pass/fail line of the output. */
export interface ThresholdLine {
  /** e.g. `k`, `prosecutor.highestRisk`, `marketer.expected`. */
  name: string;
  limit: number;
  value: number;
  comparison: Comparison;
  pass: boolean;
}
