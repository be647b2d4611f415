/** The JSON contract of `edra search --json`: types only. */
import type { HierarchyJson } from './measures.js';
import type { ResultWarning } from './analysis.js';
import type { UtilityJson } from './utility.js';

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
    /** Records suppressed (in classes below the required size; dropped or masked). */
    suppressed: number;
    /** Classes of the generalized data before suppression. */
    classes: number;
    /** Classes of the output, after suppression (masked records count as one class): the classes `edra analyze --levels` measures at the optimum. */
    releasedClasses: number;
    /** Records of the output: the records analysed less those dropped (masked records stay). */
    releasedRecords: number;
    /** Smallest class of the output. */
    k: number;
    /** Other feasible nodes with the same utility (ties broken by the lower sum of levels). */
    tiedWith: number;
    /** What the recipient loses at the optimum: the five metrics, per QI, suppressed records by class size. */
    utilityDetail?: UtilityJson;
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
  /** The optimum suppresses a QI completely, or removes more than half of its information (src/engine/searchWarnings.ts). */
  warnings?: ResultWarning[];
}
