/**
 * What every section builder reads: the result, the report settings and the template's labels.
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
