/**
 * The report's settings, read from the spec text the result carries (so that `edra report
 * results.json` renders the same report without the spec file or the data).
 */
import { parse } from 'yaml';
import { reportSchema, type ReportSpec } from '../config/reportSpec.js';
import { SpecError } from '../errors.js';
import type { AnalysisResult } from '../contracts/analysis.js';

export interface ReportSettings {
  report: ReportSpec;
  /** The spec's `description`, when it has one. */
  description: string | null;
  /** True when the spec lists its own controls (false: the standard list applies). */
  controlsGiven: boolean;
  /** False when the result carries no spec text (then the defaults apply and the report says so). */
  specRecorded: boolean;
}

/**
 * The `report` section of the result's spec, defaults applied. Only that section is validated,
 * so a result written by an older edra still renders.
 * Throws SpecError [rule: report.settings] when the section is invalid.
 */
export function reportSettingsOf(result: AnalysisResult): ReportSettings {
  if (typeof result.specText !== 'string') return { report: reportSchema.parse({}), description: null, controlsGiven: false, specRecorded: false };
  let doc: unknown;
  try {
    doc = parse(result.specText);
  } catch {
    throw new SpecError(`${result.spec}: the spec text recorded in the result is not valid YAML/JSON [rule: report.settings]`, { file: result.spec, rule: 'report.settings' });
  }
  const obj = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const parsed = reportSchema.safeParse(obj.report ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['report', ...issue.path.map(String)].join('.');
    throw new SpecError(`${result.spec}: spec ${where}: ${issue.message} [rule: report.settings]`, { file: result.spec, path: where, rule: 'report.settings' });
  }
  return {
    report: parsed.data,
    description: typeof obj.description === 'string' ? obj.description : null,
    controlsGiven: typeof obj.report === 'object' && obj.report !== null && 'controls' in obj.report,
    specRecorded: true,
  };
}
