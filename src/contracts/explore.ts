/**
 * The JSON of `edra explore`: what the local web page receives from its server. Types only.
 * Counts and measures, QI names and hierarchy sizes: never a cell value, a label or a record.
 */
import type { AdversaryRisks, ClassSummary, HierarchyJson, IndividualRiskJson, PopulationUniquenessJson, QiContributionJson, SensitiveResult, NodeUtilityJson } from './measures.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import type { VerdictJson } from './analysis.js';
import type { SearchJson, UtilityMetric } from './search.js';

/** One lattice node measured in full: the output's verdict, every measure and the loss. */
export interface NodeMeasuresJson {
  /** Level per QI (spec order). */
  levels: Record<string, number>;
  /** The node's index in the lattice (mixed radix, first QI slowest). */
  node: number;
  /** The search's test of the node: every enforced model holds and the suppressed records fit the limit. */
  feasible: boolean;
  /** Every threshold line passes (as `edra analyze --levels` says). */
  verdict: 'pass' | 'fail';
  /** Records of the output (suppressed ones dropped; masked ones kept as one class). */
  records: number;
  /** Records of the table the lattice is over (after exclusion, before suppression). */
  inputRecords: number;
  suppressed: number;
  suppressedAs: 'drop' | 'mask';
  /** Records in classes below the required size, suppressed or not. */
  belowRequired: number;
  /** True when they are more than the limit allows (nothing is suppressed then). */
  overLimit: boolean;
  /** floor(suppressionLimit x inputRecords). */
  maxSuppressed: number;
  requiredClassSize: number;
  /** Classes of the node before suppression. */
  classesBefore: number;
  /** The output's classes (no class is named, only counted). */
  classes: Omit<ClassSummary, 'k'>;
  k: number;
  risk: AdversaryRisks;
  sensitive: Record<string, SensitiveResult>;
  uniqueness?: PopulationUniquenessJson;
  individualRisk?: IndividualRiskJson;
  thresholds: ThresholdLine[];
  utility: NodeUtilityJson;
  notes: string[];
}

/** What raising one QI by one level from a node would give ("what to generalize next"). */
export interface NextStepJson {
  attribute: string;
  /** The search's evaluation of the node with this QI one level up (absent at the top of its hierarchy). */
  up?: { level: number; k: number; belowRequired: number; feasible: boolean; utility: number; highestRisk: number; metric: UtilityMetric };
  /** k and sample uniques of this node's output with the QI dropped, or one level up (src/risk/qiContribution.ts). */
  contribution: QiContributionJson;
}

/** "What to generalize next" for a node, or why it was not computed without being asked. */
export interface NextJson {
  steps?: NextStepJson[];
  /** Set when the node has more classes than are done unasked (the page offers to compute them). */
  skipped?: { classes: number; limit: number };
}

/** Records and classes whose class size lies in [from, to] (to null: no upper bound). */
export interface SizeBandJson {
  from: number;
  to: number | null;
  classes: number;
  records: number;
}

/** A node as the page receives it: the histogram in bands of class size (no single size is listed). */
export type NodeWireJson = Omit<NodeMeasuresJson, 'classes'> & {
  classes: Omit<ClassSummary, 'k' | 'sizeHistogram'> & { bands: SizeBandJson[] };
  /** Time the server took to measure the node. */
  elapsedMs: number;
};

/** The session: the data's shape and the settings being explored. */
export interface SessionJson {
  name?: string;
  /** The spec file as given on the command line. */
  spec: string;
  dataset: { path: string; format: string; rows: number; records: number; excludedRecords: number };
  quasiIdentifiers: HierarchyJson[];
  adversaryModels: string[];
  metric: UtilityMetric;
  /** The editable settings as they stand (the spec's, with the page's edits). */
  settings: SettingsJson;
  /** Whether the settings differ from the spec file's. */
  edited: boolean;
  /** The spec's levels when it has them, else the bottom node. */
  startLevels: Record<string, number>;
  latticeSize: number;
  /** Where "save as spec", the report and the released file are written. */
  outputDir: string;
  notes: string[];
}

/** The editable settings: the spec's thresholds (as written) and its suppression settings. */
export interface SettingsJson {
  thresholds: Record<string, number | string | undefined>;
  suppressionLimit: number;
  suppressed: 'drop' | 'mask';
}

/** One node evaluated by the search, for the lattice view. */
export interface LatticeNodeJson {
  levels: number[];
  feasible: boolean;
  utility: number;
  highestRisk: number;
  k: number;
  suppressed: number;
  levelSum: number;
}

/** A long job (search, report, release) as the page polls it. */
export interface JobJson {
  id: number;
  kind: 'search' | 'report' | 'anonymize';
  state: 'running' | 'done' | 'failed';
  stage: string;
  /** Search: nodes checked so far, and the lattice size. */
  checked?: number;
  total?: number;
  /** The error's message (PHI-free, as the CLI prints it). */
  error?: string;
  /** Search: the JSON of `edra search` and every node it evaluated. */
  search?: { json: SearchJson; nodes: LatticeNodeJson[] };
  /** Report or release: the files written and the verdict. */
  written?: string[];
  verdict?: VerdictJson;
}

/** Pinned nodes side by side: one row per measure, one value per node. */
export interface ComparisonJson {
  nodes: Record<string, number>[];
  rows: { group: string; name: string; values: (number | string | boolean | null)[]; pass?: (boolean | null)[] }[];
}
