/** Assembles the Result of `edra analyze` (the `--json` contract) from the steps' outputs. */
import type { LoadedSpec } from '../config/loadSpec.js';
import type { ResolvedThresholds } from '../config/thresholds.js';
import type { AnalysisResult, ResultWarning, TransformationJson } from '../contracts/analysis.js';
import { presets } from '../config/presets.js';
import type { QiContributionJson, SudaSummary } from '../contracts/measures.js';
import { summarizeClasses } from '../risk/classes.js';
import { minSafeClassSize } from '../risk/adversary/prosecutor.js';
import type { PopulationFrame } from '../risk/verdict/frame.js';
import { requiredClassSize } from '../risk/verdict/requiredSize.js';
import type { Verdict } from '../risk/verdict/verdict.js';
import { reviewWarnings } from '../risk/verdict/warnings.js';
import { applyAcknowledgements, finalVerdict } from '../risk/verdict/review.js';
import { lineSources } from './thresholdSources.js';
import { version } from '../version.js';
import type { ClassSet } from './classSet.js';
import type { Input } from './input.js';
import type { ReleaseJson } from '../contracts/release.js';

export interface ResultParts {
  loaded: LoadedSpec;
  input: Input;
  set: ClassSet;
  frame: PopulationFrame;
  thresholds: ResolvedThresholds;
  verdict: Verdict;
  notes: string[];
  suda?: SudaSummary;
  transformation?: TransformationJson;
  contribution?: QiContributionJson[];
  /** The spec's DP release, planned before the data was read. */
  release?: ReleaseJson;
  /** Review warnings found where the data is (released columns that look like identifiers). */
  dataWarnings?: ResultWarning[];
}

/** The Result: counts and measures only, never a cell value. */
export function analysisResult(p: ResultParts): AnalysisResult {
  const { loaded, input, set, frame, thresholds, verdict } = p;
  const { spec } = loaded;
  const { k, ...classStats } = summarizeClasses(set.classes, thresholds.k);
  const warnings = [...input.warnings];
  const notes = [...p.notes, frameNote(frame)];
  if (frame.source === 'populationTable') {
    if (verdict.inconsistentClasses > 0) {
      notes.push(`population table: ${verdict.inconsistentClasses} classes are missing from it or counted below their sample size; their population size was set to the sample size.`);
    }
    const classes = set.classes.sizes.length;
    if (classes > 0 && verdict.inconsistentClasses > classes / 2) {
      warnings.push({
        rule: 'population.mostClassesMissing',
        message: `${verdict.inconsistentClasses} of ${classes} classes are missing from the population table or counted below their sample size: check that its quasi-identifier columns hold values written as in the data (a number against zero-padded text matches nothing).`,
      });
    }
  }
  warnings.push(
    ...(p.dataWarnings ?? []),
    ...reviewWarnings({
      lines: verdict.lines,
      frame,
      weightColumn: spec.individualRisk?.weight !== undefined,
      uniqueness: verdict.uniqueness?.uniqueness,
      sensitive: verdict.sensitive,
      releaseContext: spec.releaseContext,
      preset: thresholds.preset,
    }),
  );
  const reviewed = applyAcknowledgements(warnings, spec.acknowledgements);
  const populationNotes = [...(verdict.uniqueness?.notes ?? [])];
  if (verdict.uniqueness && !set.classes.partition) populationNotes.push('population uniqueness under the wildcard policy uses the groups of identical QI tuples (classes overlap).');
  const ts = thresholds;
  return {
    edra: version,
    spec: loaded.file,
    ...(spec.name ? { name: spec.name } : {}),
    generatedAt: new Date().toISOString(),
    ...(spec.releaseContext ? { releaseContext: spec.releaseContext } : {}),
    dataset: {
      path: input.display,
      format: input.source.format,
      sha256: input.sha256,
      rows: input.encoded.rows,
      columns: input.columns,
      missingValues: spec.missingValues,
      excludedRecords: set.excluded,
    },
    records: set.classes.n,
    quasiIdentifiers: [...spec.attributes.quasiIdentifiers],
    quasiIdentifierStats: input.encoded.qiStats,
    classes: classStats,
    k,
    adversaryModels: [...spec.adversary],
    risk: verdict.risk,
    sensitive: verdict.sensitive,
    population: {
      size: frame.size,
      samplingFraction: frame.samplingFraction,
      source: frame.source,
      ...(frame.source === 'populationTable' ? { inconsistentClasses: verdict.inconsistentClasses } : {}),
      ...(verdict.uniqueness ? { uniqueness: verdict.uniqueness.uniqueness } : {}),
      notes: populationNotes,
    },
    ...(verdict.individualRisk ? { individualRisk: verdict.individualRisk.json } : {}),
    ...(p.suda ? { suda: p.suda } : {}),
    ...(p.transformation ? { transformation: p.transformation } : {}),
    ...(p.contribution ? { qiContribution: p.contribution } : {}),
    // The DP release the spec declares: parameters only, planned without reading the data.
    ...(p.release ? { release: p.release } : {}),
    thresholdSettings: {
      ...(ts.k !== undefined ? { k: ts.k } : {}),
      ...(ts.highestRisk !== undefined ? { highestRisk: ts.highestRisk, minClassSizeForHighestRisk: minSafeClassSize(ts.highestRisk) } : {}),
      ...(ts.averageRisk !== undefined ? { averageRisk: ts.averageRisk } : {}),
      requiredClassSize: requiredClassSize(spec.adversary, ts, frame),
      riskLevels: ts.riskLevels,
      ...(ts.preset ? { preset: ts.preset, presetContext: presets[ts.preset].context, rationale: ts.rationale } : {}),
      sources: lineSources(verdict.lines, spec, ts),
    },
    thresholds: verdict.lines,
    thresholdsVerdict: verdict.verdict,
    verdict: finalVerdict(verdict.verdict, reviewed.warnings),
    warnings: reviewed.warnings,
    acknowledgements: reviewed.acknowledgements,
    notes,
  };
}

/** How the frame was decided, in one sentence. */
export function frameNote(frame: PopulationFrame): string {
  if (frame.source === 'none') return 'population: none given, so the data is taken as the whole population (F_k = f_k): journalist and marketer risk equal the prosecutor figures.';
  const pi = Number(frame.samplingFraction.toPrecision(6));
  if (frame.source === 'populationTable') return `population: F_k from the population table; N = ${frame.size}, pi = ${frame.rows} / N = ${pi}.`;
  return `population: F_k = f_k / pi with sampling fraction pi = ${pi}, decided once from the spec and all ${frame.rows} records read (each record stands for 1/pi individuals, the Horvitz-Thompson estimate under simple random sampling; excluded or suppressed records do not change it).`;
}
