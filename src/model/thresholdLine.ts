/** A pass/fail line of the verdict: a measure, its limit and the comparison that must hold. */

export type Comparison = '>=' | '<=' | '<';

/**
 * What a threshold line measures. The table of kinds, with their sources and their
 * monotonicity under generalization and suppression, is src/risk/verdict/lineKinds.ts.
 */
export type LineKind =
  | 'k'
  | 'highestRisk'
  | 'averageRisk'
  | 'marketerExpected'
  | 'distinctL'
  | 'entropyL'
  | 'recursiveCL'
  | 'tCloseness'
  | 'betaLikeness'
  | 'enhancedBetaLikeness'
  | 'deltaDisclosure'
  | 'individualRiskMax'
  | 'globalRisk'
  | 'populationUniqueness'
  | 'disSuda';

/** One pass/fail line of the output. */
export interface ThresholdLine {
  /** e.g. `k`, `prosecutor.highestRisk`, `marketer.expected`, `sensitive.diagnosis.t`. */
  name: string;
  /** What the line measures. */
  kind: LineKind;
  /** The adversary model of a risk line (prosecutor, journalist, marketer). */
  model?: 'prosecutor' | 'journalist' | 'marketer';
  /** The sensitive attribute of an attribute-disclosure line. */
  attribute?: string;
  limit: number;
  value: number;
  comparison: Comparison;
  pass: boolean;
}
