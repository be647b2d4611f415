/**
 * `edra analyze`: one analysis spec, as a sequence of named steps. Read the data once
 * (readInput), decide the population frame, form the classes under the missing-value policy,
 * optionally generalize them (--levels), then ask the one verdict (src/risk/verdict) for
 * every measure and threshold line, and assemble the Result.
 */
import type { LoadedSpec } from '../config/loadSpec.js';
import { resolveThresholds } from '../config/thresholds.js';
import { SpecError } from '../errors.js';
import { openDatabase, type Database, type DatabaseOptions } from '../data/database.js';
import type { EncodedData } from '../data/encode.js';
import { writeRecordRisk } from '../data/recordRiskWriter.js';
import type { ClassSizes } from '../model/classSizes.js';
import type { FrequencyTable } from '../model/frequencyTable.js';
import type { TransformationJson } from '../contracts/analysis.js';
import type { AnalysisResult } from '../contracts/analysis.js';
import type { QiContributionJson, SudaSummary } from '../contracts/measures.js';
import { wildcardSums } from '../risk/classSizes.js';
import { qiContributionWith, type NextLevel } from '../risk/qiContribution.js';
import { suda2Parallel } from '../risk/suda/worker.js';
import { scoresFromMsu } from '../risk/suda/disSuda.js';
import type { PopulationFrame } from '../risk/verdict/frame.js';
import { measure, type Verdict, type VerdictInput } from '../risk/verdict/verdict.js';
import { analysisResult } from './analysisResult.js';
import { classesUnderPolicy, sumByClass, type ClassSet } from './classSet.js';
import { frameOf, quasiIdentifierHierarchies } from './generalization.js';
import { readInput, type Input } from './input.js';
import { checkLevelsSpec, generalizeClasses } from './levels.js';
import { groupColumns } from './recordRiskColumns.js';
import { fileDatasetOf } from './remoteDataset.js';
import type { Received } from '../data/clickhouse/client.js';
import { individualRiskWeights } from './search.js';
import { sensitiveClasses } from './sensitive.js';
import { planRelease } from './release.js';
import type { ReleaseJson } from '../contracts/release.js';
import { releasedColumnWarnings } from './releasedColumns.js';

export interface AnalyzeOptions {
  /** Called with a short stage description when a long step starts. */
  onProgress?: (stage: string) => void;
  database?: DatabaseOptions;
  /** Write per-record risks (row, fk, Fk, individualRisk, SUDA scores) to this .csv/.parquet file. */
  recordRisk?: string;
  /** Called with what each query to a remote engine received (bytes, lines: never a record). */
  onReceived?: (r: Received) => void;
  /** Generalize to these hierarchy levels (by QI name; missing QIs stay at 0) before measuring; default: the spec's `levels`. */
  levels?: Record<string, number>;
  /** false: ignore the spec's `levels` (the search reports the data at its optimum, or as read). */
  useSpecLevels?: boolean;
  /**
   * Per-QI contribution (k and uniques with each QI dropped or one level up): always when true
   * (the report asks for it); by default only up to CONTRIBUTION_AUTO_GROUPS classes, since it
   * recodes the table twice per QI (0.8 s at 1M classes, about as long as the analysis).
   */
  qiContribution?: boolean;
}

/** Classes up to which the per-QI contribution is computed without being asked for. */
export const CONTRIBUTION_AUTO_GROUPS = 250_000;

/** Everything one analysis computed: the Result and the encoded spine for later stages. */
export interface Analysis {
  result: AnalysisResult;
  encoded: EncodedData;
  classSizes: ClassSizes;
  /** classOf[g]: class of group g of `encoded.table` (-1: excluded or dropped); absent when classes are the groups. */
  classOf?: Int32Array;
  /** The classes' table (the groups, or the generalized classes). */
  classTable: FrequencyTable;
  /** The run's population frame. */
  frame: PopulationFrame;
  /** Per class: F_k used by the journalist/marketer models. */
  populationSizes: Float64Array;
  /** Per class: individual risk, when computed. */
  individualRisks?: Float64Array;
  /** Per class: SUDA and DIS-SUDA scores, when SUDA2 ran. */
  sudaScores?: { suda: Float64Array; dis: Float64Array };
}

/** Runs one analysis spec (DuckDB opened and closed here). */
export async function analyze(loaded: LoadedSpec, options: AnalyzeOptions = {}): Promise<Analysis> {
  // The DP release the spec declares is planned (and refused when invalid) before any data is read.
  const release = loaded.spec.release ? planRelease(loaded) : undefined;
  const db = await openDatabase(options.database);
  try {
    return await analyzeWith(db, loaded, options, release);
  } finally {
    db.close();
  }
}

async function analyzeWith(db: Database, loaded: LoadedSpec, options: AnalyzeOptions, release: ReleaseJson | undefined): Promise<Analysis> {
  const { spec } = loaded;
  const progress = options.onProgress ?? (() => {});
  const levels = options.levels ?? (options.useSpecLevels === false ? undefined : spec.levels);
  if (levels) checkLevelsSpec(loaded);
  if (options.recordRisk !== undefined) fileDatasetOf(loaded, 'the per-record risk file (--record-risk)');
  const input = await readInput(db, loaded, { onProgress: progress, numbered: options.recordRisk !== undefined, onReceived: options.onReceived });
  progress('computing risk');
  const frame = frameOf(loaded, input.encoded.rows, input.populationTotal);
  const thresholds = resolveThresholds(spec.thresholds, { populationKnown: frame.source !== 'none' });
  if (thresholds.populationUniqueness !== undefined && frame.source === 'none') {
    throw new SpecError(`${loaded.file}: thresholds.populationUniqueness needs population.size, samplingFraction or table [rule: spec.populationMissing]`, {
      file: loaded.file,
      path: 'thresholds.populationUniqueness',
      rule: 'spec.populationMissing',
    });
  }
  let set = classesUnderPolicy(input.encoded.table, spec.missingValues, input.display);
  const notes = [...set.notes];

  // Hierarchies are resolved when declared (per-QI contribution) or when levels are applied.
  const wantHierarchies = spec.missingValues !== 'wildcard' && (levels !== undefined || Object.keys(spec.hierarchies).length > 0);
  const hierarchies = wantHierarchies ? await quasiIdentifierHierarchies(db, loaded) : undefined;
  let transformation: TransformationJson | undefined;
  // Per-QI contribution: each QI dropped, or one level up from where the classes stand.
  let next: (NextLevel | undefined)[] = (hierarchies ?? []).map((h) => (h.height >= 1 && h.maps.length > 1 ? { level: 1, map: h.maps[1] } : undefined));
  if (levels) {
    progress('generalizing');
    const raw = set;
    const g = generalizeClasses(loaded, set, hierarchies!, levels, frame, thresholds, input.display);
    set = g.set;
    transformation = g.transformation;
    next = g.next;
    notes.push(g.note);
    // The extract as read, before the transformation: its lines say why it could not be released.
    const rawSensitive = await sensitiveClasses(db, loaded, input.encoded, raw.classOf ? { classOf: raw.classOf, count: raw.classes.sizes.length } : undefined);
    const before = measure({ ...verdictInput(loaded, input, raw, frame, thresholds, rawSensitive, undefined), full: false });
    transformation.beforeLines = before.lines;
    transformation.beforeVerdict = before.verdict;
  }
  const contribution = perQiContribution(set, options, next, notes);

  if (input.encoded.sensitive.length > 0) {
    progress('computing attribute disclosure');
    if (spec.missingValues === 'wildcard') {
      notes.push('sensitive attributes under the wildcard policy: measured over the groups of identical QI tuples (missing values as their own value), since wildcard classes overlap.');
    }
  }
  const sensitive = await sensitiveClasses(db, loaded, input.encoded, set.classOf ? { classOf: set.classOf, count: set.classes.sizes.length } : undefined);
  const suda = spec.suda ? await runSuda(loaded, set.table, progress) : undefined;
  if (frame.source !== 'none') progress('estimating population uniqueness');
  const verdict = measure(verdictInput(loaded, input, set, frame, thresholds, sensitive, suda?.summary));
  if (verdict.lines.length === 0) notes.push('no thresholds are configured: the verdict is "pass" by default; set thresholds (or a preset) for a determination.');

  const dataWarnings = await releasedColumnWarnings(db, input, transformation?.levels);
  const result = analysisResult({ loaded, input, set, frame, thresholds, verdict, notes, suda: suda?.summary, transformation, contribution, release, dataWarnings });
  if (options.recordRisk) {
    progress(`writing per-record risks to ${options.recordRisk}`);
    const recordFk = verdictWeights(input, set) ?? verdict.populationSizes;
    if (input.source.kind !== 'file') throw new Error('per-record risks of a remote table'); // refused above
    await writeRecordRisk(db, input.source, spec.attributes.quasiIdentifiers, groupColumns(input.encoded.table.counts.length, set, recordFk, verdict.individualRisk?.risks, suda?.scores), options.recordRisk);
  }
  return {
    result,
    encoded: input.encoded,
    classSizes: set.classes,
    classOf: set.classOf,
    classTable: set.table,
    frame,
    populationSizes: verdict.populationSizes,
    individualRisks: verdict.individualRisk?.risks,
    sudaScores: suda?.scores,
  };
}

/**
 * F_k from the weight column per class when individual risk uses one: summed by class, or
 * under the wildcard policy over the records that match each group (sdcMicro freqCalc).
 */
function verdictWeights(input: Input, set: ClassSet): Float64Array | undefined {
  const w = input.encoded.weightSums;
  if (!w) return undefined;
  if (!set.classes.partition) return wildcardSums(input.encoded.table, w);
  return set.classOf ? sumByClass(w, set.classOf, set.classes.sizes.length) : w;
}

/** What the verdict is asked about the analysed classes. */
function verdictInput(
  loaded: LoadedSpec,
  input: Input,
  set: ClassSet,
  frame: PopulationFrame,
  thresholds: VerdictInput['thresholds'],
  sensitive: VerdictInput['sensitive'],
  suda: SudaSummary | undefined,
): VerdictInput & { perClass?: true } {
  const { spec } = loaded;
  const pop = input.encoded.populationSizes;
  const weightSums = verdictWeights(input, set);
  const weights = individualRiskWeights(loaded, frame, weightSums !== undefined);
  return {
    classes: set.classes,
    frame,
    models: spec.adversary,
    thresholds,
    ...(pop ? { populationCounts: set.classOf ? sumByClass(pop, set.classOf, set.classes.sizes.length) : pop } : {}),
    ...(spec.individualRisk ? { individualRisk: { weightSums, weights } } : {}),
    // Under the wildcard policy the estimators take the groups of identical QI tuples.
    ...(set.classes.partition ? {} : { uniquenessSizes: set.table.counts }),
    sensitive,
    ...(suda ? { maxDisScore: suda.maxDisScore } : {}),
  };
}

/** Per-QI contribution, when asked for or cheap enough (a note says when it was skipped). */
function perQiContribution(set: ClassSet, options: AnalyzeOptions, next: readonly (NextLevel | undefined)[], notes: string[]): QiContributionJson[] | undefined {
  if (!set.classes.partition) return undefined;
  const groups = set.table.counts.length;
  if (options.qiContribution ?? groups <= CONTRIBUTION_AUTO_GROUPS) return qiContributionWith(set.table, next);
  notes.push(`per-QI contribution not computed for ${groups} classes (it takes about as long as the analysis); --report computes it.`);
  return undefined;
}

/** SUDA2 special uniques and DIS-SUDA scores over the groups of identical QI tuples. */
async function runSuda(loaded: LoadedSpec, table: FrequencyTable, progress: (stage: string) => void): Promise<{ summary: SudaSummary; scores: { suda: Float64Array; dis: Float64Array } }> {
  const { spec } = loaded;
  const m = spec.attributes.quasiIdentifiers.length;
  const maxMsuSize = spec.suda!.maxMsuSize ?? m;
  if (maxMsuSize > m) {
    throw new SpecError(`${loaded.file}: spec suda.maxMsuSize (${maxMsuSize}) exceeds the ${m} quasi-identifiers [rule: spec.sudaSize]`, {
      file: loaded.file,
      path: 'suda.maxMsuSize',
      rule: 'spec.sudaSize',
    });
  }
  progress('searching minimal sample uniques (SUDA2)');
  // A missing value is never part of an MSU (sdcMicro's convention).
  const msu = await suda2Parallel(table, { maxMsuSize });
  const scores = scoresFromMsu(table, msu, spec.suda!.disFraction);
  return { summary: scores.summary, scores: { suda: scores.sudaScore, dis: scores.disScore } };
}

export type { Verdict };
