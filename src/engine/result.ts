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

/** Hierarchy facts (no labels): how it was built, its height, groups per level over the data. */
export interface HierarchyJson {
  attribute: string;
  kind: 'file' | 'mask' | 'intervals' | 'dates' | 'groups' | 'none';
  height: number;
  sizes: number[];
}

export interface TransformationJson {
  /** Level per QI (0 = original values). */
  levels: Record<string, number>;
  heights: Record<string, number>;
  hierarchies: HierarchyJson[];
  /** Records suppressed (removed) because their class stayed below the required size. */
  suppressed: number;
  /** Fraction of records that may be suppressed. */
  suppressionLimit: number;
  before: RiskSnapshot;
  after: RiskSnapshot;
}

export type UtilityMetric = 'precision' | 'discernibility' | 'aecs' | 'loss' | 'entropy';

/** `edra search --json` (issue contract) plus the settings it ran with. */
export interface SearchJson {
  lattice: { nodes: number; checked: number; heights: Record<string, number> };
  /** Each QI's hierarchy: kind, height and groups per level over the data (sizes; no labels). */
  hierarchies: HierarchyJson[];
  optimum: {
    levels: Record<string, number>;
    metric: UtilityMetric;
    utility: number;
    suppressed: number;
    classes: number;
    k: number;
    /** Other feasible nodes with the same utility (ties broken by the lower sum of levels). */
    tiedWith: number;
  } | null;
  /** Feasible nodes not dominated in (highest risk, utility loss), by ascending loss. */
  front: { levels: Record<string, number>; utility: number; highestRisk: number }[];
  metric: UtilityMetric;
  suppressionLimit: number;
  /** Privacy models the search enforced (e.g. "k >= 5", "entropy l-diversity of diagnosis >= 2"). */
  models: string[];
  threads: number;
  elapsedMs: number;
  /** What the search did not enforce, exclusions, and other remarks. */
  notes: string[];
}

/** A planned or produced DP release: parameters only, no cell values. */
export interface ReleaseJson {
  neighbours: 'addRemove' | 'replace';
  budget: { unit: 'epsilon' | 'rho'; spent: number; total: number; delta?: number; epsilonEquivalent?: number };
  tables: {
    name: string;
    groupBy: string[];
    statistic: 'count' | 'sum' | 'mean';
    cells: number;
    mechanism: 'discreteLaplace' | 'discreteGaussian';
    /** Noise scale (Laplace t or Gaussian sigma) in the statistic's units. */
    scale: number;
    epsilon?: number;
    rho?: number;
    /** Half-width of the 95% interval of one cell's noise. */
    interval95: number;
    postProcessing: string[];
    /** Hierarchy level per group-by column (0 = the value itself). */
    levels?: Record<string, number>;
    /** l1 and l2 sensitivity of the table, in the statistic's units (mean: of its sum). */
    sensitivity?: { l1: number; l2: number };
    /** The exact noise distribution, e.g. "Lap_Z(2)" or "N_Z(0, 25/2)", in integer units (grid steps for sums). */
    noise?: string;
    /** E|noise| of one cell, in the statistic's units (mean: of its sum). */
    expectedAbsoluteError?: number;
    /** expectedAbsoluteError over the average released cell (a mean adds its count's); produced releases only, from released values. */
    expectedRelativeError?: number;
    /** Sum and mean: the declared clamping bounds and the grid the values are rounded to. */
    bounds?: { column: string; lower: number; upper: number; granularity: number };
    /** Mean: noise scale and 95% half-width of the count of values. */
    countScale?: number;
    countInterval95?: number;
    /** Custodian-only, with --show-values: records clamped (not differentially private). */
    clampedRecords?: number;
    /** Custodian-only, with --show-values: records outside the declared domain (not differentially private). */
    droppedRecords?: number;
  }[];
  /** True when a seeded (unsafe, test-only) random source was used. */
  unsafeSeed: boolean;
  /** True once the noisy tables were written (false: planned only). */
  produced: boolean;
  /** Whose privacy is protected: a person column with a record cap, or one record (column null). */
  privacyUnit?: { column: string | null; maxRecords: number };
  /** How the budget was composed, with the exact rationals when the rule is exact. */
  accounting?: { composition: string; exactSpent?: string; exactTotal?: string };
  /** Where the random bits came from. */
  randomSource?: string;
  /** The file written (produced releases). */
  output?: { file: string; format: 'csv' | 'parquet'; rows: number };
  /** Data-independent statements: privacy unit, domain rule, clamping. */
  notes?: string[];
}

export interface QiContributionJson {
  attribute: string;
  /** k and sample uniques with this QI removed. */
  dropped: { k: number; sampleUniques: number };
  /** k and sample uniques with this QI one hierarchy level up (when a hierarchy is declared). */
  generalized?: { level: number; k: number; sampleUniques: number };
}
