/**
 * One generalization search (`edra search`): load and encode the data once, resolve the
 * hierarchies, then search the lattice of hierarchy levels for the transformation that meets
 * every threshold with the least information loss (src/search/strategy.ts).
 */
import { availableParallelism } from 'node:os';
import type { LoadedSpec } from '../config/loadSpec.js';
import { resolveThresholds } from '../config/thresholds.js';
import { SpecError } from '../errors.js';
import { openDatabase, type Database, type DatabaseOptions } from '../data/database.js';
import type { DataSource } from '../data/source.js';
import type { EncodedData } from '../data/encode.js';
import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import type { SearchJson } from '../contracts/search.js';
import { hierarchySummary } from '../hierarchy/summary.js';
import type { PopulationFrame } from '../risk/verdict/frame.js';
import { requiredClassSize } from '../risk/verdict/requiredSize.js';
import { applyLevels, groupCodesOf } from '../search/applyLevels.js';
import { utilityOf } from './levels.js';
import { searchWarnings } from './searchWarnings.js';
import { NodeEvaluator, type NodeOutcome, type SearchModels, type SearchPayload } from '../search/evaluator.js';
import { Lattice } from '../search/lattice.js';
import { createNodePool, type WorkerPool } from '../search/pool.js';
import { paretoFront, searchLattice } from '../search/strategy.js';
import { levelLowerBound } from '../search/utility.js';
import { classesUnderPolicy, sumByClass } from './classSet.js';
import { frameOf, quasiIdentifierHierarchies } from './generalization.js';
import { readInput, type Input } from './input.js';
import type { RemoteTable } from '../data/clickhouse/remoteTable.js';
import { sensitiveClasses, sensitiveThresholdsOf } from './sensitive.js';

export interface SearchOptions {
  /** Worker threads (default: the spec's search.threads, else one per core). */
  threads?: number;
  database?: DatabaseOptions;
  /** A long step starts. */
  onProgress?: (stage: string) => void;
  /** After each batch of nodes: checked so far, lattice size. */
  onNodes?: (checked: number, total: number) => void;
  /** Worker threads started once (startWorkerPool) and reused by every search given them; left running. */
  workers?: WorkerPool;
}

/** The data of a search: the encoded table (after exclusion) with its hierarchies and models. */
export interface PreparedSearch {
  payload: SearchPayload;
  hierarchies: ResolvedHierarchy[];
  table: FrequencyTable;
  encoded: EncodedData;
  source: DataSource | RemoteTable;
  /** classOf[g] for the encoded groups when records were excluded (-1: excluded). */
  classOf?: Int32Array;
  notes: string[];
  /** The data as read (columns, hash, warnings). */
  input: Input;
  /** The run's population frame. */
  frame: PopulationFrame;
}

/** Below this many groups the search runs on the calling thread unless threads are asked for. */
export const SMALL_TABLE = 50_000;

/** Where individual risk's F_k comes from, as the verdict names it (the same words as `edra analyze`). */
export function individualRiskWeights(loaded: LoadedSpec, frame: PopulationFrame, hasWeights: boolean): string {
  if (hasWeights) return `column "${loaded.spec.individualRisk?.weight}"`;
  if (frame.source === 'none') return 'none (every record weighs 1: F_k = f_k)';
  return `1 / samplingFraction = ${Number((1 / frame.samplingFraction).toPrecision(6))} per record`;
}

/**
 * The models and settings a node must satisfy under a spec: the adversary models, the
 * thresholds (populationUniqueness dropped when no population is known), the required class
 * size, the suppression limit over `records` (the searched table's n), the suppression mode,
 * the weights' label for individual risk and the metric. `edra explore` re-derives them
 * when the thresholds or the suppression limit are edited.
 */
export function searchSettings(loaded: LoadedSpec, frame: PopulationFrame, records: number, hasWeights: boolean): SearchModels {
  const { spec } = loaded;
  const thresholds = resolveThresholds(spec.thresholds, { populationKnown: frame.source !== 'none' });
  const limit = spec.search?.suppressionLimit ?? 0;
  return {
    models: [...spec.adversary],
    thresholds: frame.source === 'none' ? { ...thresholds, populationUniqueness: undefined } : thresholds,
    frame,
    requiredSize: requiredClassSize(spec.adversary, thresholds, frame),
    maxSuppressed: Math.floor(limit * records),
    suppressed: spec.search?.suppressed ?? 'drop',
    ...(spec.individualRisk
      ? { individualRisk: individualRiskWeights(loaded, frame, hasWeights) }
      : {}),
    metric: spec.search?.metric ?? 'loss',
  };
}

/** Runs the search of a spec. */
export async function search(loaded: LoadedSpec, options: SearchOptions = {}): Promise<SearchJson> {
  const db = await openDatabase(options.database);
  try {
    const started = performance.now();
    const prepared = await prepareSearch(db, loaded, options);
    return await runPreparedSearch(loaded, prepared, options, started);
  } finally {
    db.close();
  }
}

/** Searches prepared data; the JSON of `edra search`. */
export async function runPreparedSearch(loaded: LoadedSpec, prepared: PreparedSearch, options: SearchOptions, started = performance.now()): Promise<SearchJson> {
  return (await searchPrepared(loaded, prepared, options, started)).json;
}

/** A search's JSON and every node it evaluated (for `edra explore`'s lattice view). */
export interface SearchWithNodes {
  json: SearchJson;
  /** The evaluated nodes, in the order of their index. */
  evaluated: NodeOutcome[];
  lattice: Lattice;
}

/**
 * The threads a search of `prepared` uses unless told otherwise: the spec's `search.threads`,
 * else every core on a table of SMALL_TABLE groups or more, else the calling thread alone
 * (workers pay for themselves only when a node costs more than a message).
 */
export function defaultSearchThreads(loaded: LoadedSpec, prepared: PreparedSearch): number {
  return loaded.spec.search?.threads ?? (prepared.payload.counts.length >= SMALL_TABLE ? availableParallelism() : 1);
}

/** Searches prepared data; the JSON and every evaluated node. */
export async function searchPrepared(loaded: LoadedSpec, prepared: PreparedSearch, options: SearchOptions, started = performance.now()): Promise<SearchWithNodes> {
  const { payload, hierarchies } = prepared;
  const lattice = new Lattice(payload.heights);
  const threads = Math.max(1, Math.min(options.threads ?? defaultSearchThreads(loaded, prepared), lattice.size));
  options.onProgress?.(`searching ${lattice.size} nodes on ${threads} thread${threads > 1 ? 's' : ''}`);
  const pool = await createNodePool(payload, lattice, threads, options.workers);
  const local = new NodeEvaluator(payload);
  let outcome;
  try {
    outcome = await searchLattice(lattice, pool.evaluate, {
      parallelism: pool.threads,
      levelBound: local.utility.separable ? (x) => levelLowerBound(local.utility, lattice.levels(x)) : undefined,
      onProgress: options.onNodes,
    });
  } finally {
    await pool.close();
  }
  const names = hierarchies.map((h) => h.attribute);
  const best = outcome.optimum;
  // The lines of the optimum, or of the bottom node when there is none (evaluated only then:
  // at a million groups the bottom node is the costliest of the lattice).
  const shownAt = best ? best.node : 0;
  const models = describeModels(local.evaluate(shownAt, lattice.levels(shownAt), true).lines ?? [], payload.settings, payload.settings.maxSuppressed);
  const metric = payload.settings.metric;
  const notes = loaded.spec.levels ? [...prepared.notes, 'the spec\'s levels are not used by the search, which explores every node (analyze and anonymize apply them).'] : prepared.notes;
  const limit = loaded.spec.search?.suppressionLimit ?? 0;
  let detail: { utility: ReturnType<typeof utilityOf>; warnings: ReturnType<typeof searchWarnings>; released: { releasedClasses: number; releasedRecords: number } } | undefined;
  if (best) {
    const s = payload.settings;
    const at = lattice.levels(best.node);
    const applied = applyLevels(prepared.table, hierarchies, at, s.requiredSize, s.maxSuppressed, s.suppressed);
    const utility = utilityOf(prepared.table, hierarchies, at, applied, s.requiredSize, s.suppressed);
    // The output table's rows are the released classes (suppressed ones removed, or masked into one).
    const released = { releasedClasses: applied.table.counts.length, releasedRecords: applied.table.records };
    detail = { utility, warnings: searchWarnings(prepared, lattice, local, at, utility, limit), released };
  }
  const json: SearchJson = {
    lattice: { nodes: lattice.size, checked: outcome.evaluated.size, heights: Object.fromEntries(hierarchies.map((h) => [h.attribute, h.height])) },
    hierarchies: hierarchies.map(hierarchySummary),
    optimum: best
      ? {
          levels: lattice.named(best.node, names),
          metric,
          utility: best.utility,
          suppressed: best.suppressed,
          classes: best.classes,
          ...detail!.released,
          k: best.k,
          tiedWith: outcome.ties,
          utilityDetail: detail!.utility,
        }
      : null,
    front: paretoFront(outcome.evaluated.values()).map((o) => ({ levels: lattice.named(o.node, names), utility: o.utility, highestRisk: o.highestRisk })),
    metric,
    suppressionLimit: limit,
    models,
    threads: pool.threads,
    elapsedMs: Math.round(performance.now() - started),
    notes,
    warnings: detail?.warnings ?? [],
  };
  return { json, evaluated: [...outcome.evaluated.values()].sort((a, b) => a.node - b.node), lattice };
}

/** "k >= 5", "prosecutor.highestRisk <= 0.2", ... and the suppression rule. */
function describeModels(lines: readonly ThresholdLine[], settings: SearchModels, maxSuppressed: number): string[] {
  const out = lines.map((l) => `${l.name} ${l.comparison} ${l.limit}`);
  if (settings.requiredSize > 1) {
    out.push(
      maxSuppressed > 0
        ? `records in classes below ${settings.requiredSize} suppressed, at most ${maxSuppressed}`
        : `no record suppression: every class has at least ${settings.requiredSize} records`,
    );
  }
  return out;
}

/**
 * The prepared data under another version of its spec (`edra explore`: thresholds,
 * suppression limit or mode edited): the same groups, hierarchies and frame, the settings
 * and the sensitive attributes' thresholds re-derived from `loaded` as prepareSearch would.
 */
export function withSpecSettings(prepared: PreparedSearch, loaded: LoadedSpec): PreparedSearch {
  const { payload } = prepared;
  const settings = searchSettings(loaded, prepared.frame, prepared.table.records, payload.weights !== undefined);
  const sensitive = payload.sensitive.map((s) => ({ ...s, model: { ...s.model, thresholds: sensitiveThresholdsOf(loaded.spec, s.model.name) } }));
  return { ...prepared, payload: { ...payload, settings, sensitive } };
}

/**
 * Loads, encodes and prepares a spec for the search: hierarchies, sensitive models,
 * thresholds, the population frame and the suppression rule, as a payload the evaluators
 * (and workers) take.
 */
export async function prepareSearch(db: Database, loaded: LoadedSpec, options: Pick<SearchOptions, 'onProgress'> = {}): Promise<PreparedSearch> {
  const { spec } = loaded;
  const progress = options.onProgress ?? (() => {});
  if (spec.population?.table) {
    throw new SpecError(`${loaded.file}: the search cannot use a population table (its counts are per original QI combination); give population.size or samplingFraction [rule: spec.searchPopulationTable]`, {
      file: loaded.file,
      rule: 'spec.searchPopulationTable',
    });
  }
  if (spec.missingValues === 'wildcard') {
    throw new SpecError(`${loaded.file}: the search needs missingValues ownValue or exclude (wildcard classes overlap) [rule: spec.searchWildcard]`, {
      file: loaded.file,
      rule: 'spec.searchWildcard',
    });
  }
  const input = await readInput(db, loaded, { onProgress: progress, numbered: true });
  progress('resolving hierarchies');
  const hierarchies = await quasiIdentifierHierarchies(db, loaded);
  const set = classesUnderPolicy(input.encoded.table, spec.missingValues, input.display);
  const notes = [...set.notes];
  const table = set.table;
  const groups = table.counts.length;
  const sensitive = await sensitiveClasses(db, loaded, input.encoded, set.classOf ? { classOf: set.classOf, count: groups } : undefined);
  let weights = input.encoded.weightSums;
  if (weights && set.classOf) weights = sumByClass(weights, set.classOf, groups);

  const frame = frameOf(loaded, input.encoded.rows);
  const thresholds = resolveThresholds(spec.thresholds, { populationKnown: frame.source !== 'none' });
  if (thresholds.disSuda !== undefined) notes.push('thresholds.disSuda is not enforced by the search (SUDA2 per node is too costly): check the optimum with edra analyze --levels.');
  if (thresholds.populationUniqueness !== undefined && frame.source === 'none') notes.push('thresholds.populationUniqueness is not enforced: no population is given.');
  const settings = searchSettings(loaded, frame, table.records, weights !== undefined);
  const payload: SearchPayload = {
    ...groupCodesOf(table, hierarchies),
    distinct: true, // the encode pass's groups (GROUP BY the QIs), excluded ones dropped
    heights: hierarchies.map((h) => h.height),
    shares: hierarchies.map((h) => [...h.shares]),
    leaves: hierarchies.map((h) => h.leaves),
    ...(weights ? { weights } : {}),
    sensitive,
    settings,
  };
  return { payload, hierarchies, table, encoded: input.encoded, source: input.source, classOf: set.classOf, notes, input, frame };
}
