/**
 * What every section builder reads: the result, the report settings and the template's labels;
 * and the facts several sections state alike (the records the figures are over, the class size
 * the thresholds require), computed once here so that the same figure reads the same everywhere.
 */
import type { AnalysisResult } from '../../contracts/analysis.js';
import type { ReportSettings } from '../reportSettings.js';
import type { Labels } from '../templateDir.js';

export interface SectionContext {
  result: AnalysisResult;
  settings: ReportSettings;
  labels: Labels;
}

/** Records that take part in the classes: rows less the records left out (missing-value policy `exclude`). */
export function recordsAnalysed(result: AnalysisResult): number {
  return result.dataset.rows - result.dataset.excludedRecords;
}

/**
 * The size every class must reach for the class-size thresholds to hold (k, and highestRisk
 * under each adversary model asked for): `thresholdSettings.requiredClassSize`. A result
 * written before that field existed: k and the prosecutor's size for highestRisk (the
 * journalist's size was not recorded). Undefined when no class-size threshold is set.
 */
export function requiredClassSize(result: AnalysisResult): number | undefined {
  const ts = result.thresholdSettings;
  if (typeof ts.requiredClassSize === 'number') {
    return ts.k !== undefined || ts.requiredClassSize > 1 ? ts.requiredClassSize : undefined;
  }
  const fromRisk = result.risk.prosecutor ? ts.minClassSizeForHighestRisk : undefined;
  if (ts.k === undefined) return fromRisk;
  return fromRisk === undefined ? ts.k : Math.max(ts.k, fromRisk);
}
