/**
 * The JSON shapes of the measures (types only): what src/risk computes and the Result,
 * the report and the library API carry. No cell value fits in any of them.
 */
import type { TDistance } from '../config/spec.js';
import type { UtilityMetric } from './search.js';

/** Risk figures shared by the prosecutor and journalist models. */
export interface RecordRiskSummary {
  /** Highest record risk, max_g 1/f_g (1/F_g for the journalist). */
  highest: number;
  /** Lowest record risk, min_g 1/f_g. */
  lowest: number;
  /** Average risk; see each model. */
  average: number;
  /** Records whose risk equals the highest risk (the records of the smallest classes). */
  recordsAtHighest: number;
  /** Records whose risk equals the lowest risk (the records of the largest classes). */
  recordsAtLowest: number;
  /** For each risk level t, the records whose risk exceeds t (1/f > t). */
  recordsAbove: Record<string, number>;
}

export interface JournalistRisk extends RecordRiskSummary {
  /** N, the population size the risk refers to. */
  populationSize: number;
}

export interface MarketerRisk {
  /** Expected fraction of records correctly re-identified. */
  expected: number;
}

/** Risk under each adversary model that was asked for. */
export interface AdversaryRisks {
  prosecutor?: RecordRiskSummary;
  journalist?: JournalistRisk;
  marketer?: MarketerRisk;
}

/** Equivalence-class statistics (the JSON `classes` object, plus k). */
export interface ClassSummary {
  /** K: number of equivalence classes (groups of identical QI tuples). */
  count: number;
  minSize: number;
  maxSize: number;
  /** n / K under a partition; under the wildcard policy, the record-weighted mean class size. */
  meanSize: number;
  /** Sample uniques: records alone in their class (f_k = 1). */
  uniques: number;
  /** uniques / n. */
  uniqueFraction: number;
  /** [size, number of classes of that size], ascending by size. */
  sizeHistogram: [number, number][];
  /** Records in classes smaller than the configured k (absent when none configured). */
  recordsBelowK?: number;
  /** k-anonymity: the smallest class size (Sweeney 2002). */
  k: number;
}

/** Attribute-disclosure results of one sensitive attribute (the JSON `sensitive.<name>`). */
export interface SensitiveResult {
  type: string;
  /** Distinct values considered (m). */
  values: number;
  /** Records whose value is missing. */
  missing: number;
  missingValues: 'ownValue' | 'exclude';
  /** Records left out of this attribute's measures (missing values under `exclude`). */
  excludedRecords: number;
  distinctL: number;
  /** min over classes of exp(H); null when there is no class. */
  entropyL: number | null;
  /** Smallest c (supremum) for the given l; any c above passes. null when unattainable (a class with < l values). */
  recursiveCL: { l: number; c: number | null };
  tCloseness: { measure: TDistance; t: number };
  /** basic; enhanced (null when no beta satisfies the -ln p cap of the enhanced model). */
  betaLikeness: { basic: number; enhanced: number | null };
  deltaDisclosure: number;
}

/** One estimator's answer in the JSON: null count and fraction when undefined. */
export interface EstimateJson {
  count: number | null;
  fraction: number | null;
  valid: boolean;
  note?: string;
  [parameter: string]: number | string | boolean | null | undefined;
}

export interface PopulationUniquenessJson {
  pitman: EstimateJson;
  zayatz: EstimateJson;
  snb: EstimateJson;
  dankar: EstimateJson;
  dankarModel: DankarModel | null;
}

export interface IndividualRiskJson {
  global: number;
  expectedReidentifications: number;
  max: number;
  recordsAbove: Record<string, number>;
  /** Where F_k came from: the weight column, or 1 / samplingFraction per record. */
  weights: string;
  /** Classes whose weights sum to at most their sample size (risk 1/f_k used). */
  classesAtSampleSize: number;
}

/** Which estimate Dankar et al.'s rule reported. 'none': c_1 = 0 (0 by the rule itself). */
export type DankarModel = 'pitman' | 'zayatz' | 'snb' | 'none';

/** File-level summary of the SUDA scores. Means are over all records (scores 0 included). */
export interface SudaSummary {
  readonly maxMsuSize: number;
  readonly disFraction: number;
  /** Records holding at least one MSU (each is a sample unique). */
  readonly recordsWithMsu: number;
  readonly maxSudaScore: number;
  readonly meanSudaScore: number;
  readonly maxDisScore: number;
  readonly meanDisScore: number;
  /** [upper bound, records] pairs over DIS_HISTOGRAM_BOUNDS. */
  readonly disScoreHistogram: [number, number][];
  /** msuBySize[k - 1] = number of MSUs of size k in the file. */
  readonly msuBySize: number[];
}

/** Where the population class sizes F_k came from. */
export type PopulationSource = 'samplingFraction' | 'populationTable' | 'none';

/** Per-QI facts from the class pass (counts only, no values). */
export interface QuasiIdentifierStats {
  name: string;
  /** Distinct values, the missing value counted as one when present. */
  distinct: number;
  /** Records with the value missing. */
  missing: number;
}

export interface QiContributionJson {
  attribute: string;
  /** k and sample uniques with this QI removed. */
  dropped: { k: number; sampleUniques: number };
  /** k and sample uniques with this QI one hierarchy level up (when a hierarchy is declared). */
  generalized?: { level: number; k: number; sampleUniques: number };
}

/** Hierarchy facts (no labels): how it was built, its height, groups per level over the data. */
export interface HierarchyJson {
  attribute: string;
  kind: 'file' | 'mask' | 'intervals' | 'dates' | 'groups' | 'none';
  height: number;
  sizes: number[];
}

/** Risk figures of one node, for side-by-side before/after tables. */
export interface RiskSnapshot {
  k: number;
  classes: number;
  /** Records in classes of size 1. */
  sampleUniques: number;
  prosecutorHighest: number;
  prosecutorAverage: number;
  journalistHighest?: number;
  marketerExpected?: number;
}

/**
 * Information loss of one node's output (lower is better), every metric of the search
 * (docs/search.md), and per QI the parts that decompose: precision (level / height, a
 * suppressed record counting 1), Iyengar's loss L_d and the non-uniform entropy in bits.
 */
export interface NodeUtilityJson {
  /** The metric the search minimises (the spec's search.metric). */
  metric: UtilityMetric;
  values: Record<UtilityMetric, number>;
  /** Records suppressed (they count as fully generalized). */
  suppressed: number;
  perQi: { attribute: string; level: number; height: number; precision: number; loss: number; entropy: number }[];
}
