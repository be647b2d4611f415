/**
 * Renders the determination report (one self-contained HTML file) and its JSON twin from an
 * AnalysisResult. The body (between the `<!--edra:body-->` markers) is digested with SHA-256;
 * the digest and the report id derived from it are shown in slots whose content the digest
 * leaves out, so anyone can check a report: `bodyDigest(html)` must equal the digest it shows.
 * Rendering is deterministic: the same result and template give the same bytes.
 */
import { createHash } from 'node:crypto';
import type { AnalysisResult } from '../contracts/analysis.js';
import { SpecError } from '../errors.js';
import { buildReportModel, type ReportModel } from './model.js';
import { reportSettingsOf } from './reportSettings.js';
import { SafeHtml } from './safeHtml.js';
import { loadReportTemplate } from './templateDir.js';

/** A JSON value (the twin's model: Figures become numbers, charts are left out). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The result without the custodian-only counts of a DP release (records clamped or dropped,
 * present only with --show-values): they are not differentially private, so neither the report
 * nor its twin, both meant to travel, carries them.
 */
export function withoutCustodianCounts(result: AnalysisResult): AnalysisResult {
  if (!result.release) return result;
  return {
    ...result,
    release: {
      ...result.release,
      tables: result.release.tables.map((t) => {
        const copy = { ...t };
        delete copy.clampedRecords;
        delete copy.droppedRecords;
        return copy;
      }),
    },
  };
}

/** The JSON twin written beside the report: every number of the report, and the result it came from. */
export interface ReportTwin {
  format: 'edra-report/1';
  reportId: string;
  bodySha256: string;
  template: string;
  /** The report model: every figure as a number, every list and text the report shows. */
  report: JsonValue;
  /** The analysis result the report was rendered from (`edra report` re-renders it). */
  result: AnalysisResult;
}

export interface RenderedReport {
  html: string;
  twin: ReportTwin;
  reportId: string;
  bodySha256: string;
}

export interface RenderOptions {
  /** A template directory (`--template`); files it lacks come from the default template. */
  templateDir?: string;
}

const bodyStart = '<!--edra:body-->';
const bodyEnd = '<!--/edra:body-->';
const slotPattern = /(<span\b[^>]*\bdata-edra-slot="[\w-]+"[^>]*>)[^<]*(<\/span>)/g;

const slot = (name: string, text: string): SafeHtml => new SafeHtml(`<span class="digest" data-edra-slot="${name}">${text}</span>`);

/**
 * SHA-256 (hex) of a report's body: the text between `<!--edra:body-->` and `<!--/edra:body-->`,
 * with the content of every `data-edra-slot` span removed. Null when the markers are missing.
 */
export function bodyDigest(html: string): string | null {
  const start = html.indexOf(bodyStart);
  const end = html.indexOf(bodyEnd, start);
  if (start === -1 || end === -1) return null;
  const body = html.slice(start + bodyStart.length, end).replace(slotPattern, '$1$2');
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The report id shown in the running header: EDRA- and the first 12 hex digits of the body digest. */
export function reportIdOf(digest: string): string {
  const h = digest.slice(0, 12).toUpperCase();
  return `EDRA-${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
}

/**
 * Renders the report and its twin. Throws SpecError for an invalid template or report settings.
 */
export function renderReport(result: AnalysisResult, options: RenderOptions = {}): RenderedReport {
  const template = loadReportTemplate(options.templateDir);
  const settings = reportSettingsOf(result);
  const model = (reportId: string, bodySha256: string): ReportModel =>
    buildReportModel(result, {
      settings,
      labels: template.labels,
      template: template.name,
      reportId,
      bodySha256,
      slots: { reportId: slot('report-id', reportId), bodySha256: slot('body-sha256', bodySha256) },
    });
  const draft = template.render(model('', ''));
  const digest = bodyDigest(draft);
  if (digest === null) {
    throw new SpecError(`template ${template.name}: report.html must wrap the sections in ${bodyStart} and ${bodyEnd} [rule: template.markers]`, {
      file: 'report.html',
      rule: 'template.markers',
    });
  }
  const reportId = reportIdOf(digest);
  const final = model(reportId, digest);
  const html = template.render(final);
  if (bodyDigest(html) !== digest) {
    throw new SpecError(
      `template ${template.name}: the body shows the report id or digest outside a slot (use reproducibility.reportIdSlot / bodySha256Slot) [rule: template.markers]`,
      { file: 'report.html', rule: 'template.markers' },
    );
  }
  return {
    html,
    reportId,
    bodySha256: digest,
    twin: {
      format: 'edra-report/1',
      reportId,
      bodySha256: digest,
      template: template.name,
      report: JSON.parse(JSON.stringify(final)) as JsonValue,
      result: withoutCustodianCounts(result),
    },
  };
}
