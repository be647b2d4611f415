/**
 * The Result: plain, PHI-free JSON, the contract of `edra analyze --json` and the only
 * input of the report. It holds counts and measures, never a cell value.
 */
import type { MissingValuePolicy, AdversaryModel } from '../config/spec.js';
import type { ReleaseContext } from '../config/presets.js';
import type { ClassSummary } from '../risk/classes.js';
import type { RecordRiskSummary, JournalistRisk, MarketerRisk } from '../risk/adversary.js';
import type { ThresholdLine } from '../risk/thresholds.js';
import type { PopulationSource } from '../risk/populationSizes.js';
import type { QuasiIdentifierStats } from '../data/encode.js';
import type { SensitiveResult } from './sensitive.js';
import type { IndividualRiskJson, PopulationUniquenessJson } from './population.js';
import type { SudaSummary } from '../risk/suda/disSuda.js';

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
}

export interface AnalysisResult {
  /** edra version that produced the result. */
  edra: string;
  /** Spec file path, as given. */
  spec: string;
  name?: string;
  generatedAt: string;
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
    riskLevels: number[];
    preset?: ReleaseContext;
    rationale?: string;
  };
  thresholds: ThresholdLine[];
  verdict: 'pass' | 'fail';
  warnings: ResultWarning[];
  notes: string[];
}
