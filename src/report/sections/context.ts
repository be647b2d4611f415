/**
 * What every section builder reads: the result, the report settings and the template's labels;
 * and the facts several sections state alike (the records the figures are over, the class size
 * the thresholds require), computed once here so that the same figure reads the same everywhere.
 */
import type { AnalysisResult } from '../../contracts/analysis.js';
import { Figure, fig } from '../figure.js';
import type { ReportSettings } from '../reportSettings.js';
import type { Labels } from '../templateDir.js';

export interface SectionContext {
  result: AnalysisResult;
  settings: ReportSettings;
  labels: Labels;
}

/**
 * n: the records every class figure and risk is over (`result.records`: after missing-value
 * exclusion and record suppression, masked records included). A result written before that
 * field existed: the rows less the records excluded and the suppressed records dropped.
 */
export function recordsAnalysed(result: AnalysisResult): number {
  if (typeof result.records === 'number') return result.records;
  const t = result.transformation;
  const dropped = t && t.suppressedAs !== 'mask' ? t.suppressed : 0;
  return result.dataset.rows - result.dataset.excludedRecords - dropped;
}

/** Records read from the input: for a released file, the input it was made from. */
export function recordsRead(result: AnalysisResult): number {
  return result.releasedFile?.input.rows ?? result.dataset.rows;
}

/** Records left out for a missing quasi-identifier (for a released file, from its input). */
export function recordsExcluded(result: AnalysisResult): number {
  return result.releasedFile ? result.releasedFile.input.excludedRecords + result.dataset.excludedRecords : result.dataset.excludedRecords;
}

/** Which records the figures are over, and how the others were left out. */
export interface RecordsBasisModel {
  /** n, the records analysed. */
  analysed: Figure;
  /** Records read from the file. */
  read: Figure;
  /** Left out for a missing quasi-identifier (policy `exclude`); null when none. */
  excluded: Figure | null;
  /** Suppressed (dropped or masked); null when none. */
  suppressed: Figure | null;
  /** How the suppressed records were treated; null when none was suppressed. */
  suppressedAs: 'drop' | 'mask' | null;
  /** "of the 30,162 records read: 552 suppressed, dropped from the release because ..." in plain words. */
  text: string;
}

/** The records the report's figures are over, in figures and in words. */
export function recordsBasis({ result, labels }: SectionContext): RecordsBasisModel {
  const read = recordsRead(result);
  const excluded = recordsExcluded(result);
  const t = result.transformation;
  const suppressed = t?.suppressed ?? 0;
  const suppressedAs = suppressed > 0 ? (t?.suppressedAs ?? 'drop') : null;
  const size = String(t?.requiredClassSize ?? requiredClassSize(result) ?? '');
  const parts: string[] = [];
  if (excluded > 0) parts.push(labels.get('records.excluded', { excluded: fig.count(excluded).text }));
  if (suppressedAs) parts.push(labels.get(`records.${suppressedAs === 'mask' ? 'masked' : 'dropped'}`, { suppressed: fig.count(suppressed).text, size }));
  const readText = fig.count(read).text;
  return {
    analysed: fig.count(recordsAnalysed(result)),
    read: fig.count(read),
    excluded: excluded > 0 ? fig.count(excluded) : null,
    suppressed: suppressedAs ? fig.count(suppressed) : null,
    suppressedAs,
    text: parts.length ? labels.get('records.of', { read: readText, parts: parts.join('; ') }) : labels.get('records.all', { read: readText }),
  };
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
