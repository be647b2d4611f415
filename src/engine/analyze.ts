import path from 'node:path';
import type { LoadedSpec } from '../config/loadSpec.js';
import { resolveThresholds } from '../config/thresholds.js';
import { DataError, SpecError } from '../errors.js';
import { openDatabase, type Database, type DatabaseOptions } from '../data/database.js';
import { openSource, type DataSource } from '../data/source.js';
import { encodeQuasiIdentifiers, type EncodedData } from '../data/encode.js';
import { sha256File } from '../data/fileHash.js';
import { excludeMissing, partitionSizes, wildcardSizes } from '../risk/classSizes.js';
import type { ClassSizes } from '../model/classSizes.js';
import { summarizeClasses } from '../risk/classes.js';
import { adversaryRiskLines } from '../risk/riskLines.js';
import {
  populationSizesFromFraction,
  populationSizesFromTable,
  type PopulationClassSizes,
} from '../risk/populationSizes.js';
import { minSafeClassSize, thresholdLine, verdictOf } from '../risk/thresholds.js';
import { version } from '../version.js';
import { assignRoles } from './columns.js';
import { analyzeSensitive } from './sensitive.js';
import { individualRiskOf, populationUniqueness } from '../risk/population/summary.js';
import { writeRecordRisk, type GroupRiskColumns } from '../data/recordRiskWriter.js';
import { suda2Parallel } from '../risk/suda/worker.js';
import { scoresFromMsu } from '../risk/suda/disSuda.js';
import type { SudaSummary } from '../contracts/measures.js';
import { sensitiveDictionary } from '../data/dictionary.js';
import { nearestName } from '../config/nearestName.js';
import type { AnalysisResult, TransformationJson } from '../contracts/analysis.js';
import { planRelease } from './release.js';
import { qiContribution } from '../risk/qiContribution.js';
import type { FrequencyTable } from '../model/frequencyTable.js';
import { hierarchySummary } from '../hierarchy/summary.js';
import { applyLevels } from '../search/applyLevels.js';
import { requiredClassSize } from '../risk/riskLines.js';
import { levelsFromNames, quasiIdentifierHierarchies, riskSnapshot, samplingFractionOf, sumByClass } from './generalization.js';

export interface AnalyzeOptions {
  /** Called with a short stage description when a long step starts. */
  onProgress?: (stage: string) => void;
  database?: DatabaseOptions;
  /** Write per-record risks (row, fk, Fk, individualRisk, SUDA scores) to this .csv/.parquet file. */
  recordRisk?: string;
  /** Generalize to these hierarchy levels (by QI name; missing QIs stay at 0) before measuring. */
  levels?: Record<string, number>;
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
  /** classOf[g]: class of group g of `encoded.table` (-1: excluded or suppressed); absent when classes are the groups. */
  classOf?: Int32Array;
  /** The classes' table (the groups, or the generalized classes). */
  classTable: FrequencyTable;
  /** Per class: F_k used by the journalist/marketer models. */
  populationSizes: Float64Array;
  /** Per class: individual risk, when computed. */
  individualRisks?: Float64Array;
  /** Per class: SUDA and DIS-SUDA scores, when SUDA2 ran. */
  sudaScores?: { suda: Float64Array; dis: Float64Array };
}

/**
 * Runs one analysis spec: load (DuckDB, streaming), group and encode the QIs in one
 * pass, then compute the class statistics and the adversary-model risks over typed
 * arrays, and check the thresholds.
 */
export async function analyze(loaded: LoadedSpec, options: AnalyzeOptions = {}): Promise<Analysis> {
  const db = await openDatabase(options.database);
  try {
    return await analyzeWith(db, loaded, options);
  } finally {
    db.close();
  }
}

async function analyzeWith(db: Database, loaded: LoadedSpec, options: AnalyzeOptions): Promise<Analysis> {
  const { spec } = loaded;
  const progress = options.onProgress ?? (() => {});
  const dataFile = path.resolve(loaded.baseDir, spec.dataset.path);
  const display = spec.dataset.path;
  progress(`opening ${display}`);
  const source = await openSource(db, dataFile, display, spec.dataset.format, spec.dataset.csv);
  const { columns, warnings } = assignRoles(spec, source.columns, display);
  const notes: string[] = [];
  for (const name of Object.keys(spec.sensitive)) {
    if (!spec.attributes.sensitive.includes(name)) {
      const near = nearestName(name, spec.attributes.sensitive);
      throw new SpecError(`spec sensitive.${name}: "${name}" is not listed in attributes.sensitive${near ? `; did you mean "${near}"?` : ''} [rule: spec.unknownSensitive]`, {
        path: `sensitive.${name}`,
        rule: 'spec.unknownSensitive',
      });
    }
  }

  let popSource: DataSource | undefined;
  const popSpec = spec.population?.table;
  if (popSpec) {
    popSource = await openSource(db, path.resolve(loaded.baseDir, popSpec.path), popSpec.path, popSpec.format, popSpec.csv);
    const missing = spec.attributes.quasiIdentifiers.filter((q) => !popSource!.columns.some((c) => c.name === q));
    if (missing.length > 0) {
      throw new SpecError(`population table ${popSpec.path} lacks the quasi-identifier column "${missing[0]}" [rule: spec.populationColumns]`, {
        file: popSpec.path,
        column: missing[0],
        rule: 'spec.populationColumns',
      });
    }
    if (popSpec.count && !popSource.columns.some((c) => c.name === popSpec.count)) {
      throw new SpecError(`population table ${popSpec.path} has no count column "${popSpec.count}" [rule: spec.unknownColumn]`, {
        file: popSpec.path,
        column: popSpec.count,
        rule: 'spec.unknownColumn',
      });
    }
  }

  const weightColumn = spec.individualRisk?.weight;
  if (weightColumn !== undefined && !source.columns.some((c) => c.name === weightColumn)) {
    const near = nearestName(weightColumn, source.columns.map((c) => c.name));
    throw new SpecError(`spec individualRisk.weight: column "${weightColumn}" is not in ${display}${near ? `; did you mean "${near}"?` : ''} [rule: spec.unknownColumn]`, {
      file: display,
      path: 'individualRisk.weight',
      column: weightColumn,
      rule: 'spec.unknownColumn',
    });
  }
  progress(`reading and grouping ${display}`);
  const qis = spec.attributes.quasiIdentifiers;
  const [encoded, sha256] = await Promise.all([
    encodeQuasiIdentifiers(db, source, qis, {
      population: popSource ? { relation: popSource.relation(qis), count: popSpec?.count } : undefined,
      sensitive: spec.attributes.sensitive,
      weight: spec.individualRisk?.weight,
      numbered: options.recordRisk !== undefined,
    }),
    sha256File(dataFile),
  ]);

  progress('computing risk');
  let excluded = 0;
  let cs: ClassSizes;
  let classOf: Int32Array | undefined;
  let classTable = encoded.table;
  if (spec.missingValues === 'exclude') {
    const ex = excludeMissing(encoded.table);
    classTable = ex.table;
    excluded = ex.excluded;
    cs = partitionSizes(ex.table);
    classOf = new Int32Array(encoded.table.counts.length).fill(-1);
    ex.kept.forEach((g, i) => (classOf![g] = i));
    if (cs.n === 0) {
      throw new DataError(`${display}: every record has a missing quasi-identifier value: nothing is left under missingValues: exclude [rule: data.allExcluded]`, {
        file: display,
        rule: 'data.allExcluded',
      });
    }
    notes.push(`missing values: ${excluded} records with a missing quasi-identifier were excluded from the classes (policy "exclude").`);
  } else if (spec.missingValues === 'wildcard') {
    cs = wildcardSizes(encoded.table);
    notes.push('missing values: a missing quasi-identifier value matches any value (policy "wildcard", as sdcMicro freqCalc); classes overlap, and a record\'s class size is the number of records compatible with it.');
  } else {
    cs = partitionSizes(encoded.table);
    if (encoded.qiStats.some((s) => s.missing > 0)) notes.push('missing values: a missing quasi-identifier value is a value of its own (policy "ownValue", as ARX).');
  }

  const thresholds = resolveThresholds(spec.thresholds);
  let transformation: TransformationJson | undefined;
  // Hierarchies are resolved when declared (per-QI contribution) or when levels are applied.
  const hierarchies =
    spec.missingValues !== 'wildcard' && (options.levels || Object.keys(spec.hierarchies).length > 0) ? await quasiIdentifierHierarchies(db, loaded) : undefined;
  if (options.levels) {
    if (spec.missingValues === 'wildcard') {
      throw new SpecError(`${loaded.file}: --levels needs missingValues ownValue or exclude (wildcard classes overlap) [rule: spec.levelsWildcard]`, {
        file: loaded.file,
        rule: 'spec.levelsWildcard',
      });
    }
    if (popSource) {
      throw new SpecError(`${loaded.file}: --levels cannot use a population table (its counts are per original QI combination) [rule: spec.levelsPopulationTable]`, {
        file: loaded.file,
        rule: 'spec.levelsPopulationTable',
      });
    }
    progress('generalizing');
    const levels = levelsFromNames(options.levels, hierarchies!.map((h) => ({ name: h.attribute, height: h.height })), loaded.file);
    const fraction = samplingFractionOf(spec, cs.n);
    const required = requiredClassSize(spec.adversary, thresholds, fraction);
    const limit = spec.search?.suppressionLimit ?? 0;
    const applied = applyLevels(classTable, hierarchies!, levels, required, Math.floor(limit * cs.n));
    const before = riskSnapshot(cs, fraction, spec.adversary);
    classTable = applied.table;
    cs = partitionSizes(classTable);
    classOf = classOf ? Int32Array.from(classOf, (c) => (c < 0 ? -1 : applied.classOf[c])) : applied.classOf;
    transformation = {
      levels: Object.fromEntries(qis.map((q, i) => [q, levels[i]])),
      heights: Object.fromEntries(hierarchies!.map((h) => [h.attribute, h.height])),
      hierarchies: hierarchies!.map(hierarchySummary),
      suppressed: applied.suppressed,
      suppressionLimit: limit,
      before,
      after: riskSnapshot(cs, fraction, spec.adversary),
    };
    notes.push(
      `generalized to levels ${qis.map((q, i) => `${q}=${levels[i]}`).join(', ')}${applied.suppressed ? `; ${applied.suppressed} records in classes below ${required} were suppressed` : ''}: the measures below are those of the transformed data.`,
    );
    if (cs.n === 0) {
      throw new DataError(`${display}: every record was suppressed [rule: data.allSuppressed]`, { file: display, rule: 'data.allSuppressed' });
    }
  }
  const classes = summarizeClasses(cs, thresholds.k);
  // How much each QI contributes to uniqueness: k and uniques with it dropped, or one level up
  // (from the original values only: after --levels the table holds generalized codes).
  const wantContribution = options.qiContribution ?? classTable.counts.length <= CONTRIBUTION_AUTO_GROUPS;
  const contribution = cs.partition && wantContribution ? qiContribution(classTable, options.levels ? undefined : hierarchies) : undefined;
  if (cs.partition && !wantContribution) {
    notes.push(`per-QI contribution not computed for ${classTable.counts.length} classes (it takes about as long as the analysis); --report computes it.`);
  }
  const { k, ...classStats } = classes;

  // Population: N and pi from the spec, or from the population table.
  const n = cs.n;
  let population: PopulationClassSizes;
  if (popSource && encoded.populationSizes) {
    const counts = classOf ? sumByClass(encoded.populationSizes, classOf, cs.sizes.length) : encoded.populationSizes;
    let total = 0;
    const totalRows = await db.rows(`SELECT coalesce(sum(pf), 0)::DOUBLE AS t FROM edra_population`);
    total = Number(totalRows[0].t);
    population = populationSizesFromTable(cs, counts, spec.population?.size ?? total);
    if (population.inconsistentGroups > 0) {
      notes.push(`population table: ${population.inconsistentGroups} classes are missing from it or counted below their sample size; their population size was set to the sample size.`);
    }
  } else {
    let fraction = 1;
    if (spec.population?.size !== undefined) {
      if (spec.population.size < n) {
        throw new SpecError(`${loaded.file}: spec population.size (${spec.population.size}) is smaller than the ${n} records analysed [rule: spec.populationSize]`, {
          file: loaded.file,
          path: 'population.size',
          rule: 'spec.populationSize',
        });
      }
      fraction = n / spec.population.size;
    } else if (spec.population?.samplingFraction !== undefined) fraction = spec.population.samplingFraction;
    population = populationSizesFromFraction(cs, fraction);
    if (spec.population?.size !== undefined) population.populationSize = spec.population.size;
    if (population.source === 'none') {
      notes.push('population: none given, so the data is taken as the whole population (F_k = f_k): journalist and marketer risk equal the prosecutor figures.');
    } else {
      notes.push(`population: F_k = f_k / pi with sampling fraction pi = ${round(fraction)} (each record stands for 1/pi individuals; the Horvitz-Thompson estimate under simple random sampling).`);
    }
  }
  const N = population.populationSize;

  const levels = thresholds.riskLevels;
  const populationNotes: string[] = [];
  let uniqueness: AnalysisResult['population']['uniqueness'];
  let individualRisk: AnalysisResult['individualRisk'];
  const models = spec.adversary;
  const { risk, lines } = adversaryRiskLines(cs, population.sizes, N, k, models, thresholds);
  const sensitive: AnalysisResult['sensitive'] = {};
  if (encoded.sensitive.length > 0) {
    progress('computing attribute disclosure');
    if (spec.missingValues === 'wildcard') {
      notes.push('sensitive attributes under the wildcard policy: measured over the groups of identical QI tuples (missing values as their own value), since wildcard classes overlap.');
    }
    for (let j = 0; j < encoded.sensitive.length; j++) {
      const out = await analyzeSensitive(
        spec,
        loaded.baseDir,
        { data: encoded.sensitive[j], dictionary: () => sensitiveDictionary(db, j) },
        classOf ? { classOf, count: cs.sizes.length } : undefined,
      );
      sensitive[encoded.sensitive[j].name] = out.result;
      lines.push(...out.lines);
    }
  }
  // Population uniqueness (needs N) and individual risk (needs weights or pi).
  if (population.source !== 'none') {
    progress('estimating population uniqueness');
    const pu = populationUniqueness(cs.partition ? cs.sizes : encoded.table.counts, N);
    populationNotes.push(...pu.notes);
    uniqueness = pu.uniqueness;
    if (!cs.partition) populationNotes.push('population uniqueness under the wildcard policy uses the groups of identical QI tuples (classes overlap).');
    if (thresholds.populationUniqueness !== undefined) {
      const f = pu.uniqueness.dankar.fraction;
      const line = thresholdLine('population.uniqueness', f ?? Number.NaN, '<=', thresholds.populationUniqueness);
      if (f === null) line.pass = false;
      lines.push(line);
    }
  } else if (thresholds.populationUniqueness !== undefined) {
    throw new SpecError(`${loaded.file}: thresholds.populationUniqueness needs population.size, samplingFraction or table [rule: spec.populationMissing]`, {
      file: loaded.file,
      path: 'thresholds.populationUniqueness',
      rule: 'spec.populationMissing',
    });
  }
  let individualRisks: Float64Array | undefined;
  // F_k of the per-record file: the weight sums when individual risk used them.
  let recordFk = population.sizes;
  if (spec.individualRisk) {
    progress('computing individual risk');
    let weightSums = population.sizes;
    let weights = population.source === 'none' ? 'none (every record weighs 1: F_k = f_k)' : `1 / samplingFraction = ${round(N / n)} per record`;
    if (encoded.weightSums) {
      weightSums = classOf ? sumByClass(encoded.weightSums, classOf, cs.sizes.length) : encoded.weightSums;
      weights = `column "${spec.individualRisk.weight}"`;
    }
    recordFk = weightSums;
    const ir = individualRiskOf(cs.sizes, weightSums, levels, weights);
    individualRisk = ir.json;
    individualRisks = ir.risks;
    if (thresholds.individualRisk !== undefined) lines.push(thresholdLine('individualRisk.max', ir.json.max, '<=', thresholds.individualRisk));
    if (thresholds.globalRisk !== undefined) lines.push(thresholdLine('individualRisk.global', ir.json.global, '<=', thresholds.globalRisk));
  }
  let suda: SudaSummary | undefined;
  let sudaScores: Analysis['sudaScores'];
  if (spec.suda) {
    const m = qis.length;
    const maxMsuSize = spec.suda.maxMsuSize ?? m;
    if (maxMsuSize > m) {
      throw new SpecError(`${loaded.file}: spec suda.maxMsuSize (${maxMsuSize}) exceeds the ${m} quasi-identifiers [rule: spec.sudaSize]`, {
        file: loaded.file,
        path: 'suda.maxMsuSize',
        rule: 'spec.sudaSize',
      });
    }
    progress('searching minimal sample uniques (SUDA2)');
    // Classes here are the groups of identical QI tuples; a missing value is never part of an MSU (sdcMicro).
    const msu = await suda2Parallel(classTable, { maxMsuSize });
    const scores = scoresFromMsu(classTable, msu, spec.suda.disFraction);
    suda = scores.summary;
    sudaScores = { suda: scores.sudaScore, dis: scores.disScore };
    if (thresholds.disSuda !== undefined) lines.push(thresholdLine('suda.maxDisScore', suda.maxDisScore, '<=', thresholds.disSuda));
  }
  if (lines.length === 0) notes.push('no thresholds are configured: the verdict is "pass" by default; set thresholds (or a preset) for a determination.');

  const result: AnalysisResult = {
    edra: version,
    spec: loaded.file,
    ...(spec.name ? { name: spec.name } : {}),
    generatedAt: new Date().toISOString(),
    dataset: {
      path: display,
      format: source.format,
      sha256,
      rows: encoded.rows,
      columns,
      missingValues: spec.missingValues,
      excludedRecords: excluded,
    },
    quasiIdentifiers: [...qis],
    quasiIdentifierStats: encoded.qiStats,
    classes: classStats,
    k,
    adversaryModels: [...models],
    risk,
    sensitive,
    population: {
      size: N,
      samplingFraction: n / N,
      source: population.source,
      ...(population.source === 'populationTable' ? { inconsistentClasses: population.inconsistentGroups } : {}),
      ...(uniqueness ? { uniqueness } : {}),
      notes: populationNotes,
    },
    ...(individualRisk ? { individualRisk } : {}),
    ...(suda ? { suda } : {}),
    ...(transformation ? { transformation } : {}),
    ...(contribution ? { qiContribution: contribution } : {}),
    // The DP release the spec declares: parameters only, planned without reading the data.
    ...(spec.release ? { release: planRelease(loaded) } : {}),
    thresholdSettings: {
      ...(thresholds.k !== undefined ? { k: thresholds.k } : {}),
      ...(thresholds.highestRisk !== undefined
        ? { highestRisk: thresholds.highestRisk, minClassSizeForHighestRisk: minSafeClassSize(thresholds.highestRisk) }
        : {}),
      ...(thresholds.averageRisk !== undefined ? { averageRisk: thresholds.averageRisk } : {}),
      riskLevels: levels,
      ...(thresholds.preset ? { preset: thresholds.preset, rationale: thresholds.rationale } : {}),
    },
    thresholds: lines,
    verdict: verdictOf(lines),
    warnings,
    notes,
  };
  if (options.recordRisk) {
    progress(`writing per-record risks to ${options.recordRisk}`);
    await writeRecordRisk(db, source, qis, groupColumns(encoded.table.counts.length, classOf, cs, recordFk, individualRisks, sudaScores), options.recordRisk);
  }
  return { result, encoded, classSizes: cs, classOf, classTable, populationSizes: population.sizes, individualRisks, sudaScores };
}

/** Spreads per-class arrays back over all groups (groups outside the classes get no value). */
function groupColumns(
  groups: number,
  classOf: Int32Array | undefined,
  cs: ClassSizes,
  populationSizes: Float64Array,
  individualRisks: Float64Array | undefined,
  suda: Analysis['sudaScores'],
): GroupRiskColumns {
  const fk = new Int32Array(groups).fill(-1);
  const Fk = new Float64Array(groups).fill(Number.NaN);
  const ir = individualRisks ? new Float64Array(groups).fill(Number.NaN) : undefined;
  const ss = suda ? new Float64Array(groups).fill(Number.NaN) : undefined;
  const ds = suda ? new Float64Array(groups).fill(Number.NaN) : undefined;
  for (let g = 0; g < groups; g++) {
    const i = classOf ? classOf[g] : g;
    if (i < 0) continue;
    fk[g] = cs.sizes[i];
    Fk[g] = populationSizes[i];
    if (ir) ir[g] = individualRisks![i];
    if (ss && ds) {
      ss[g] = suda!.suda[i];
      ds[g] = suda!.dis[i];
    }
  }
  return { fk, Fk, ...(ir ? { individualRisk: ir } : {}), ...(ss && ds ? { sudaScore: ss, disSudaScore: ds } : {}) };
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}
