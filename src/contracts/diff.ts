/**
 * What changed between two analyses (`edra diff`, and a report's "changes since the last
 * determination"), types only. Counts, measures, settings and the spec text: never a value.
 */
import type { Comparison, LineKind, ThresholdLine } from '../model/thresholdLine.js';

/** One side of a comparison. */
export interface DiffSide {
  generatedAt: string;
  spec: string;
  name?: string;
  dataSha256: string;
  rows: number;
  verdict: string;
  /** The report id, when the side was read from a report twin. */
  reportId?: string;
}

/** A threshold line before and after (absent on a side where it was not configured). */
export interface ThresholdChange {
  name: string;
  kind: LineKind;
  model?: ThresholdLine['model'];
  attribute?: string;
  comparison: Comparison;
  before?: { limit: number; value: number; pass: boolean };
  after?: { limit: number; value: number; pass: boolean };
  status: 'added' | 'removed' | 'changed' | 'same';
}

/** A figure before and after (null: not computed on that side). */
export interface FigureChange {
  key: string;
  before: number | null;
  after: number | null;
}

export interface DiffJson {
  before: DiffSide;
  after: DiffSide;
  /** The data file's SHA-256 differs. */
  dataChanged: boolean;
  /** The spec text, line by line ('=' kept, '-' only before, '+' only after); empty when equal. */
  spec: { changed: boolean; lines: { op: '=' | '-' | '+'; text: string }[] };
  /** Every threshold line of either side. */
  thresholds: ThresholdChange[];
  /** Key figures (records, k, classes, uniques, risks, population uniqueness, individual risk). */
  figures: FigureChange[];
  /** Classes of each size where the count differs. */
  classSizes: { size: number; before: number; after: number }[];
  /** Hierarchy levels per QI (0 when no transformation). */
  levels: { attribute: string; before: number; after: number }[];
  /** Information-loss metrics (null on a side without a transformation). */
  utility: FigureChange[];
  /** Warnings by rule and subject: raised only after, only before. */
  warnings: { added: string[]; removed: string[] };
  /** Number of differences (threshold lines changed, figures, class sizes, levels, utility, warnings, spec, data). */
  differences: number;
}

/** A diff embedded in a result: against the previous determination. */
export type ChangesJson = DiffJson;
