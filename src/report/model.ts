/**
 * The report model: everything the template shows, built from the PHI-free AnalysisResult
 * alone (never from the data). Figures carry both their value (for the JSON twin) and their
 * text (for the page); charts are SVG strings built here too.
 */
import path from 'node:path';
import type { AnalysisResult } from '../contracts/analysis.js';
import { formatDateTime } from './figure.js';
import type { ReportSettings } from './reportSettings.js';
import type { SafeHtml } from './safeHtml.js';
import type { Labels } from './templateDir.js';
import { adversarySection, type AdversaryModel } from './sections/adversary.js';
import type { SectionContext } from './sections/context.js';
import { controlsSection, type ControlsModel } from './sections/controls.js';
import { dataSection, type DataModel } from './sections/data.js';
import { methodsSection, type MethodsModel } from './sections/methods.js';
import { reproducibilitySection, type ReproducibilityModel } from './sections/reproducibility.js';
import { resultsSection, type ResultsModel } from './sections/results.js';
import { signOffSection, type SignOffModel } from './sections/signOff.js';
import { summarySection, type SummaryModel } from './sections/summary.js';
import { transformationSection, type TransformationModel } from './sections/transformation.js';
import { utilitySection, type UtilityModel } from './sections/utility.js';
import { changesSection, type ChangesModel } from './sections/changes.js';

export interface ReportMeta {
  /** The analysis name (spec `name`), else the data file's name. */
  title: string;
  /** The data file's name (the running header of printed pages). */
  datasetName: string;
  /** Report id and body digest ('' while the body is being digested): for the head and print header. */
  reportId: string;
  bodySha256: string;
  /** The same inside the body: spans whose content the digest leaves out. */
  reportIdSlot: SafeHtml;
  bodySha256Slot: SafeHtml;
  edraVersion: string;
  runDate: string;
  passed: boolean;
  template: string;
}

/** The whole report, section by section, in the order the report shows them. */
export interface ReportModel {
  meta: ReportMeta;
  summary: SummaryModel;
  data: DataModel;
  adversary: AdversaryModel;
  methods: MethodsModel;
  results: ResultsModel;
  /** null: no transformation was applied (values released as they are). */
  transformation: TransformationModel | null;
  /** What the recipient loses (null: no transformation). */
  utility: UtilityModel | null;
  controls: ControlsModel;
  /** Changes since the last determination (null: no previous result given). */
  changes: ChangesModel | null;
  reproducibility: ReproducibilityModel;
  signOff: SignOffModel;
}

/** Inputs of the model besides the result. */
export interface ModelInputs {
  settings: ReportSettings;
  labels: Labels;
  template: string;
  /** The report id and body digest, or '' in the first rendering pass. */
  reportId: string;
  bodySha256: string;
  /** Markup of the digest slots inside the body (see render.ts). */
  slots: { reportId: SafeHtml; bodySha256: SafeHtml };
}

/** Builds the report model from a result. */
export function buildReportModel(result: AnalysisResult, inputs: ModelInputs): ReportModel {
  const ctx: SectionContext = { result, settings: inputs.settings, labels: inputs.labels };
  const datasetName = path.basename(result.dataset.path);
  return {
    meta: {
      title: result.name ?? datasetName,
      datasetName,
      reportId: inputs.reportId,
      bodySha256: inputs.bodySha256,
      reportIdSlot: inputs.slots.reportId,
      bodySha256Slot: inputs.slots.bodySha256,
      edraVersion: result.edra,
      runDate: formatDateTime(result.generatedAt),
      passed: result.verdict === 'pass',
      template: inputs.template,
    },
    summary: summarySection(ctx),
    data: dataSection(ctx),
    adversary: adversarySection(ctx),
    methods: methodsSection(ctx),
    results: resultsSection(ctx),
    transformation: transformationSection(ctx),
    utility: utilitySection(ctx),
    controls: controlsSection(ctx),
    changes: changesSection(ctx),
    reproducibility: reproducibilitySection(ctx, inputs.template),
    signOff: signOffSection(ctx),
  };
}
