/**
 * The Result: plain, PHI-free JSON, the contract of `edra analyze --json` and the only
 * input of the report. It holds counts and measures, never a cell value.
 */
import type { MissingValuePolicy, AdversaryModel } from '../config/spec.js';
import type { PresetName, ReleaseContextKind } from '../config/presets.js';
import type { ClassSummary } from './measures.js';
import type { RecordRiskSummary, JournalistRisk, MarketerRisk } from './measures.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import type { PopulationSource } from './measures.js';
import type { QuasiIdentifierStats } from './measures.js';
import type { SensitiveResult } from './measures.js';
import type { IndividualRiskJson, PopulationUniquenessJson } from './measures.js';
import type { SudaSummary } from './measures.js';
import type { SearchJson } from './search.js';
import type { ReleaseJson } from './release.js';
import type { QiContributionJson, HierarchyJson, RiskSnapshot } from './measures.js';
import type { UtilityJson } from './utility.js';
import type { ReleasedFileJson } from './releasedFile.js';
import type { ChangesJson } from './diff.js';

export type ColumnRole = 'identifying' | 'quasiIdentifier' | 'sensitive' | 'insensitive';

export interface ResultColumn {
  name: string;
  type: string;
  role: ColumnRole;
  /** True when the spec does not name the column (it is then treated as insensitive). */
  unlisted?: boolean;
}

export interface ResultWarning {
  rule: string;
  message: string;
  /** What the warning names (a column, a threshold line, a sensitive attribute), for acknowledgements. */
  subject?: string;
  /**
   * A review warning: it makes a passing verdict "needsReview" unless the spec acknowledges it
   * (src/risk/verdict/warnings.ts). Other warnings inform.
   */
  review?: boolean;
  /** The reason the spec's acknowledgement gives, when it acknowledges this warning. */
  acknowledged?: string;
}

/** An acknowledgement of the spec, and how many warnings it matched (0: stale, a warning says so). */
export interface AcknowledgementJson {
  rule: string;
  subject?: string;
  reason: string;
  matched: number;
}

/**
 * The verdict: `fail` when a threshold is not met; `needsReview` when every threshold is met
 * but a review warning is not acknowledged; `pass` otherwise.
 */
export type VerdictJson = 'pass' | 'fail' | 'needsReview';

export interface AnalysisResult {
  /** edra version that produced the result. */
  edra: string;
  /** Spec file path, as given. */
  spec: string;
  name?: string;
  generatedAt: string;
  /** The release context the spec states (absent: not stated). */
  releaseContext?: ReleaseContextKind;
  dataset: {
    path: string;
    format: string;
    sha256: string;
    rows: number;
    columns: ResultColumn[];
    missingValues: MissingValuePolicy;
    /** Records left out of the classes (missing-value policy `exclude`). */
    excludedRecords: number;
  };
  /** n: the records every class figure and risk is over (after exclusion and suppression; masked records included). */
  records: number;
  quasiIdentifiers: string[];
  quasiIdentifierStats: QuasiIdentifierStats[];
  classes: Omit<ClassSummary, 'k'>;
  k: number;
  adversaryModels: AdversaryModel[];
  risk: {
    prosecutor?: RecordRiskSummary;
    journalist?: JournalistRisk;
    marketer?: MarketerRisk;
  };
  /** Attribute disclosure per sensitive attribute (empty when none is named). */
  sensitive: Record<string, SensitiveResult>;
  population: {
    size: number;
    samplingFraction: number;
    /** How F_k was obtained. */
    source: PopulationSource;
    /** Classes whose population-table count was missing or below the sample count. */
    inconsistentClasses?: number;
    /** Population uniqueness estimators (when N or pi is known). */
    uniqueness?: PopulationUniquenessJson;
    /** Why an estimator is undefined, and other remarks on the estimates. */
    notes: string[];
  };
  /** Individual risk with sampling weights (when `individualRisk` is in the spec). */
  individualRisk?: IndividualRiskJson;
  /** SUDA2 special uniques and DIS-SUDA scores (when `suda` is in the spec). */
  suda?: SudaSummary;
  thresholdSettings: {
    k?: number;
    highestRisk?: number;
    averageRisk?: number;
    /** Smallest class size whose record risk meets highestRisk. */
    minClassSizeForHighestRisk?: number;
    /** The size every class must reach for the class-size thresholds to hold (k, and highestRisk under each model asked for). */
    requiredClassSize: number;
    riskLevels: number[];
    preset?: PresetName;
    /** The release context the preset's precedent was set for. */
    presetContext?: ReleaseContextKind;
    rationale?: string;
    /** Where each threshold line's limit comes from, by line name (preset precedent, the spec's `thresholds.sources`, or "set in the spec"). */
    sources?: Record<string, string>;
  };
  thresholds: ThresholdLine[];
  /** The verdict of the threshold lines alone. */
  thresholdsVerdict?: 'pass' | 'fail';
  verdict: VerdictJson;
  warnings: ResultWarning[];
  /** The spec's acknowledgements of review warnings. */
  acknowledgements?: AcknowledgementJson[];
  notes: string[];
  /** The generalization applied before measuring (analyze --levels, or the search optimum). */
  transformation?: TransformationJson;
  /** The generalization search (edra search), when it ran. */
  search?: SearchJson;
  /** The differentially private release planned or produced by the spec's `release` section. */
  release?: ReleaseJson;
  /** How much each QI contributes to re-identification: k and uniques when it is dropped or generalized one level. */
  qiContribution?: QiContributionJson[];
  /** The spec file's text, verbatim (it holds no data values): the report echoes it and reads its `report` section. */
  specText?: string;
  /** The command line that produced the result (e.g. `edra analyze analyses/encounters.yaml --report r.html`). */
  commandLine?: string;
  /** The file anonymize wrote, when this result measures it (anonymize --report). */
  releasedFile?: ReleasedFileJson;
  /** What changed since a previous determination (analyze --previous). */
  changes?: ChangesJson;
}



export interface TransformationJson {
  /** Level per QI (0 = original values). */
  levels: Record<string, number>;
  heights: Record<string, number>;
  hierarchies: HierarchyJson[];
  /** Records suppressed because their class stayed below the required size. */
  suppressed: number;
  /** Suppressed records dropped, or masked (kept as one class with every QI "*"). */
  suppressedAs: 'drop' | 'mask';
  /** The class size every class must reach (k, and highestRisk under the models). */
  requiredClassSize: number;
  /** Fraction of records that may be suppressed. */
  suppressionLimit: number;
  before: RiskSnapshot;
  after: RiskSnapshot;
  /** The threshold lines of the data before the transformation (the raw extract), and their verdict. */
  beforeLines?: ThresholdLine[];
  beforeVerdict?: 'pass' | 'fail';
  /** Information loss: the five metrics, per QI, and the suppressed records by class size. */
  utility?: UtilityJson;
}
