/**
 * Differentially private release of aggregate tables (spec `release`, `edra release`).
 *
 * planRelease: data-free; checks the release, calibrates the noise and states the budget
 * (the report's DP section). runRelease: the same plan, then one grouped pass over the data per
 * table (src/data/aggregate.ts), exact noise (src/dp), post-processing, and an atomic write.
 * Everything that can refuse the release (budget, domains, columns, output path) is checked
 * before the first noise draw, so a refused release writes nothing.
 */
import path from 'node:path';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { ReleaseSpec } from '../config/releaseSpec.js';
import { nearestName } from '../config/nearestName.js';
import { DataError, SpecError } from '../errors.js';
import { fileDatasetOf } from './remoteDataset.js';
import { openDatabase, type DatabaseOptions } from '../data/database.js';
import { openSource, readIntact, type DataSource } from '../data/source.js';
import { columnSuggestion } from '../data/columnNames.js';
import { aggregateForRelease, type AggregateRow } from '../data/aggregate.js';
import { releaseFileFormat, writeReleaseFile, type ReleaseRow } from '../data/releaseTableWriter.js';
import { generalizerFor } from '../hierarchy/resolve.js';
import type { Generalizer } from '../hierarchy/generalizer.js';
import type { HierarchySpec } from '../config/hierarchySpec.js';
import { cryptoRandomSource, type RandomSource } from '../dp/randomSource.js';
import { planReleaseSpec, type HierarchyDomains, type ReleasePlan, type ReleaseTablePlan } from '../dp/releasePlan.js';
import { addNoise, type CellTotals, type NoisyTable } from '../dp/noisyTable.js';
import { clampNonNegative, coverValues, makeConsistent, roundValues, totalsFromParts } from '../dp/postProcess.js';
import type { DomainValue } from '../dp/domain.js';
import { toNumber } from '../dp/rational.js';
import type { ReleaseJson } from '../contracts/release.js';

export interface ReleaseOptions {
  /** Output file (.csv or .parquet), written atomically. */
  out: string;
  /** Random source of the noise; default node:crypto. A seeded source marks the output unsafe. */
  random?: RandomSource;
  /** Include custodian-only, non-private diagnostics (clamped and dropped record counts). */
  showValues?: boolean;
  onProgress?: (stage: string) => void;
  database?: DatabaseOptions;
}

function releaseOf(loaded: LoadedSpec): ReleaseSpec {
  const release = loaded.spec.release;
  if (release === undefined) {
    throw new SpecError(`${loaded.file}: the spec has no release section [rule: release.missing]`, { file: loaded.file, path: 'release', rule: 'release.missing' });
  }
  return release;
}

/** The spec's hierarchies as the planner sees them (built lazily, once per column). */
function hierarchyAccess(loaded: LoadedSpec): HierarchyDomains & { generalizer(column: string): Generalizer } {
  const specs: Readonly<Record<string, HierarchySpec | undefined>> = loaded.spec.hierarchies ?? {};
  const cache = new Map<string, Generalizer>();
  const generalizer = (column: string): Generalizer => {
    let g = cache.get(column);
    if (!g) {
      const spec = specs[column];
      if (spec === undefined) throw new RangeError(`no hierarchy for ${column}`);
      g = generalizerFor(spec, column, { baseDir: loaded.baseDir, specFile: loaded.file });
      cache.set(column, g);
    }
    return g;
  };
  return {
    has: (column) => specs[column] !== undefined,
    height: (column) => generalizer(column).height,
    domain: (column, level) => generalizer(column).domain(level),
    generalizer,
  };
}

/** ReleaseJson of a plan (no data). */
function releaseJson(plan: ReleasePlan, produced: boolean, unsafeSeed: boolean): ReleaseJson {
  return {
    neighbours: plan.neighbours,
    budget: {
      unit: plan.budget.unit,
      spent: plan.budget.spent,
      total: plan.budget.total,
      ...(plan.budget.delta !== undefined ? { delta: plan.budget.delta } : {}),
      ...(plan.budget.epsilonEquivalent !== undefined ? { epsilonEquivalent: plan.budget.epsilonEquivalent } : {}),
    },
    tables: plan.tables.map((t) => {
      const unit = t.unit;
      const entry: ReleaseJson['tables'][number] = {
        name: t.name,
        groupBy: t.groupBy,
        statistic: t.statistic,
        cells: t.domain.size,
        mechanism: t.mechanism,
        scale: t.noise.scale * unit,
        ...(t.charge.epsilon ? { epsilon: toNumber(t.charge.epsilon) } : { rho: toNumber(t.charge.rho!) }),
        interval95: t.noise.quantile95 * unit,
        postProcessing: postProcessingOf(t, plan),
        levels: t.levels,
        sensitivity: { l1: Number(t.sensitivity.l1) * unit, l2: Math.sqrt(Number(t.sensitivity.l2Squared)) * unit },
        noise: t.noise.describe,
        expectedAbsoluteError: t.noise.meanAbs * unit,
      };
      if (t.bounds) entry.bounds = { column: t.bounds.column, lower: t.bounds.lower, upper: t.bounds.upper, granularity: toNumber(t.bounds.granularity) };
      if (t.countNoise) {
        entry.countScale = t.countNoise.scale;
        entry.countInterval95 = t.countNoise.quantile95;
      }
      return entry;
    }),
    unsafeSeed,
    produced,
    privacyUnit: plan.privacyUnit,
    accounting: {
      composition: plan.budget.composition,
      ...(plan.budget.exact ? { exactSpent: plan.budget.exact.spent, exactTotal: plan.budget.exact.total } : {}),
    },
    notes: [...plan.notes],
  };
}

function postProcessingOf(t: ReleaseTablePlan, plan: ReleasePlan): string[] {
  const out: string[] = [];
  const totalOf = plan.tables.find((u) => u.postProcess.consistentWith === t.name);
  if (t.postProcess.consistentWith) out.push(`totals made consistent with the parts in ${t.postProcess.consistentWith} (least squares; then the sum of the parts)`);
  if (totalOf) out.push(`parts made consistent with the totals in ${totalOf.name} (least squares)`);
  if (t.postProcess.nonNegative) out.push('negative values set to 0');
  if (t.postProcess.round !== undefined) out.push(`rounded to ${t.postProcess.round} decimal(s)`);
  else if (totalOf && t.statistic === 'count') out.push('rounded to whole counts');
  if (t.statistic === 'mean') out.push('mean = noisy sum / noisy count, clamped to the bounds (midpoint when the noisy count is below 1)');
  return out;
}

/**
 * The release the spec declares, planned without touching the data (`produced: false`):
 * budget statement, mechanisms, scales, intervals. SpecError when it is invalid or over budget.
 */
export function planRelease(loaded: LoadedSpec): ReleaseJson {
  const plan = planReleaseSpec(releaseOf(loaded), hierarchyAccess(loaded));
  return releaseJson(plan, false, false);
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(.*\))?)$/i;

function checkColumns(plan: ReleasePlan, source: DataSource): void {
  const names = source.columns.map((c) => c.name);
  const need = (column: string, where: string) => {
    if (names.includes(column)) return;
    const s = columnSuggestion(column, names, source.namesMayBeData);
    throw new SpecError(`spec ${where}: column "${column}" is not in ${source.display}${s.hint} [rule: release.unknownColumn]`, {
      file: source.display,
      path: where,
      column,
      rule: 'release.unknownColumn',
    }, s.detail);
  };
  if (plan.privacyUnit.column !== null) need(plan.privacyUnit.column, 'release.privacyUnit.column');
  for (const t of plan.tables) {
    t.groupBy.forEach((c) => need(c, `release.tables.${t.index}.groupBy`));
    if (t.bounds) {
      need(t.bounds.column, `release.tables.${t.index}.bounds.column`);
      const type = source.columns.find((c) => c.name === t.bounds!.column)!.type;
      if (!NUMERIC_TYPE.test(type)) {
        throw new SpecError(
          `spec release.tables.${t.index}.bounds.column: column "${t.bounds.column}" of ${source.display} is ${type}, not numeric (set dataset.csv.types for it) [rule: release.nonNumeric]`,
          { file: source.display, path: `release.tables.${t.index}.bounds.column`, column: t.bounds.column, rule: 'release.nonNumeric' },
        );
      }
    }
  }
}

/** Per group-by column: raw value (text) -> position in the domain, or -1 when outside it. */
function positionMaps(t: ReleaseTablePlan, hierarchies: ReturnType<typeof hierarchyAccess>): ((raw: string | null) => number)[] {
  return t.groupBy.map((column, j) => {
    const index = new Map<DomainValue, number>();
    t.domain.values[j].forEach((v, k) => index.set(v, k));
    const level = t.levels[column];
    const gen = level > 0 ? hierarchies.generalizer(column) : undefined;
    const memo = new Map<string | null, number>();
    return (raw) => {
      let pos = memo.get(raw);
      if (pos === undefined) {
        const label: DomainValue | undefined = gen === undefined || raw === null ? raw : gen.generalize(raw)?.[level - 1];
        pos = label === undefined ? -1 : (index.get(label) ?? -1);
        memo.set(raw, pos);
      }
      return pos;
    };
  });
}

/** The exact per-cell totals of a table from its grouped rows. */
function cellTotals(t: ReleaseTablePlan, rows: readonly AggregateRow[], hierarchies: ReturnType<typeof hierarchyAccess>, display: string) {
  const maps = positionMaps(t, hierarchies);
  const n = t.domain.size;
  const totals: CellTotals = { values: new BigInt64Array(n), counts: t.statistic === 'mean' ? new BigInt64Array(n) : undefined };
  const positions = new Array<number>(t.groupBy.length);
  let dropped = 0n;
  let clamped = 0n;
  const max = (1n << 62n);
  for (const r of rows) {
    let inside = true;
    for (let j = 0; j < maps.length && inside; j++) {
      positions[j] = maps[j](r.keys[j]);
      inside = positions[j] >= 0;
    }
    if (!inside) {
      dropped += r.records;
      continue;
    }
    const cell = t.domain.cellOf(positions);
    const add = t.statistic === 'count' ? r.records : r.sumUnits;
    const next = totals.values[cell] + add;
    if (next > max || next < -max) {
      throw new DataError(`${display}: the sum of table "${t.name}" overflows 62 bits; use a coarser granularity [rule: release.overflow]`, {
        file: display,
        rule: 'release.overflow',
      });
    }
    totals.values[cell] = next;
    if (totals.counts) totals.counts[cell] += r.valueCount;
    clamped += r.clamped;
  }
  return { totals, dropped, clamped };
}

/** The final values of every table: noise, then post-processing in dependency order. */
function postProcess(plan: ReleasePlan, noisy: Map<string, NoisyTable>): void {
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  const partMaps = new Map<string, Int32Array>();
  // 1. Consistency (least squares) of each total with its parts.
  for (const total of plan.tables) {
    const partsName = total.postProcess.consistentWith;
    if (!partsName) continue;
    const parts = byName.get(partsName)!;
    const map = partToTotalMap(total, parts);
    partMaps.set(total.name, map);
    const variance = (t: ReleaseTablePlan) => t.noise.variance * t.unit * t.unit;
    makeConsistent(noisy.get(total.name)!, variance(total), noisy.get(partsName)!, variance(parts), map);
  }
  // 2. Per table (the totals follow their parts).
  const isParts = new Set(plan.tables.map((t) => t.postProcess.consistentWith).filter((x): x is string => x !== undefined));
  for (const t of plan.tables) {
    if (t.postProcess.consistentWith) continue;
    const table = noisy.get(t.name)!;
    if (t.postProcess.nonNegative) clampNonNegative(table);
    if (t.postProcess.round !== undefined) roundValues(table, t.postProcess.round);
    else if (isParts.has(t.name) && t.statistic === 'count') roundValues(table, 0);
  }
  for (const total of plan.tables) {
    if (!total.postProcess.consistentWith) continue;
    totalsFromParts(noisy.get(total.name)!, noisy.get(total.postProcess.consistentWith)!, partMaps.get(total.name)!);
  }
  for (const t of plan.tables) coverValues(noisy.get(t.name)!);
}

/** For each cell of `parts`, the cell of `total` it sums into (shared columns have equal domains). */
function partToTotalMap(total: ReleaseTablePlan, parts: ReleaseTablePlan): Int32Array {
  const map = new Int32Array(parts.domain.size);
  const cols = total.groupBy.map((c) => parts.groupBy.indexOf(c));
  const positions = new Array<number>(cols.length);
  for (let i = 0; i < parts.domain.size; i++) {
    const labels = parts.domain.labelsOf(i);
    cols.forEach((k, j) => {
      positions[j] = total.domain.values[j].indexOf(labels[k]);
    });
    map[i] = total.domain.cellOf(positions);
  }
  return map;
}

/**
 * Expected relative error of a table: E|noise| over the magnitude of the average released
 * cell (at least one unit). For a mean, the first-order error of a ratio: the sum's relative
 * error plus the count's, from the average noisy sum and count. Computed from released
 * values only (post-processing).
 */
function relativeError(t: ReleaseTablePlan, table: NoisyTable): number {
  const average = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / Math.max(1, a.length);
  if (t.statistic !== 'mean' || !table.parts) return (t.noise.meanAbs * t.unit) / Math.max(t.unit, Math.abs(average(table.values)));
  const sums = Math.max(t.unit, Math.abs(average(table.parts.sums)));
  const counts = Math.max(1, average(table.parts.counts));
  return (t.noise.meanAbs * t.unit) / sums + t.countNoise!.meanAbs / counts;
}

/**
 * Plans, reads, adds noise, post-processes and writes the release. The output file is
 * written atomically; on any error nothing is written. Returns the ReleaseJson with
 * `produced: true`.
 */
export async function runRelease(loaded: LoadedSpec, options: ReleaseOptions): Promise<ReleaseJson> {
  const hierarchies = hierarchyAccess(loaded);
  const plan = planReleaseSpec(releaseOf(loaded), hierarchies);
  const format = releaseFileFormat(options.out);
  const random = options.random ?? cryptoRandomSource();
  const progress = options.onProgress ?? (() => {});
  const { spec } = loaded;
  const db = await openDatabase(options.database);
  try {
    const dataset = fileDatasetOf(loaded, 'a differentially private release');
    const display = dataset.path;
    progress(`opening ${display}`);
    const source = await openSource(db, path.resolve(loaded.baseDir, dataset.path), display, dataset.format, dataset.csv);
    checkColumns(plan, source);
    const cap =
      plan.privacyUnit.column !== null
        ? { column: plan.privacyUnit.column, maxRecords: plan.privacyUnit.maxRecords, key: (BigInt(random.uint32()) << 32n) | BigInt(random.uint32()) }
        : undefined;
    const json = releaseJson(plan, true, random.unsafe);
    const noisy = new Map<string, NoisyTable>();
    const diagnostics = new Map<string, { dropped: bigint; clamped: bigint }>();
    for (const t of plan.tables) {
      progress(`aggregating table ${t.name}`);
      const b = t.bounds;
      const rows = await readIntact(
        source,
        aggregateForRelease(
          db,
          source,
          t.groupBy,
          b ? { column: b.column, lower: b.lower, upper: b.upper, granularityN: b.granularity.n, granularityD: b.granularity.d, lowerUnits: b.lowerUnits, upperUnits: b.upperUnits } : undefined,
          cap,
        ),
      );
      const { totals, dropped, clamped } = cellTotals(t, rows, hierarchies, display);
      diagnostics.set(t.name, { dropped, clamped });
      progress(`adding noise to ${t.name} (${t.domain.size} cells)`);
      const table = addNoise(t, totals, random);
      noisy.set(t.name, table);
    }
    postProcess(plan, noisy);
    plan.tables.forEach((t, k) => {
      const entry = json.tables[k];
      entry.expectedRelativeError = relativeError(t, noisy.get(t.name)!);
      if (options.showValues) {
        const d = diagnostics.get(t.name)!;
        entry.droppedRecords = Number(d.dropped);
        if (t.bounds) entry.clampedRecords = Number(d.clamped);
      }
    });

    progress(`writing ${options.out}`);
    const multi = plan.tables.length > 1;
    const labelColumns: string[] = multi ? ['table'] : [];
    for (const t of plan.tables) for (const c of t.groupBy) if (!labelColumns.includes(c)) labelColumns.push(c);
    const rowCount = plan.tables.reduce((s, t) => s + t.domain.size, 0);
    await writeReleaseFile(db, options.out, labelColumns, releaseRows(plan, noisy, labelColumns, multi), { unsafeSeed: random.unsafe });
    json.output = { file: options.out, format, rows: rowCount };
    json.randomSource = random.label;
    if (random.unsafe) json.notes!.push('UNSAFE: a seeded random source was used (--unsafe-seed): the noise can be recomputed from the seed and protects nobody. For tests only.');
    return json;
  } finally {
    db.close();
  }
}

function* releaseRows(plan: ReleasePlan, noisy: Map<string, NoisyTable>, labelColumns: readonly string[], multi: boolean): Generator<ReleaseRow> {
  for (const t of plan.tables) {
    const table = noisy.get(t.name)!;
    const where = labelColumns.map((c) => t.groupBy.indexOf(c));
    for (let i = 0; i < t.domain.size; i++) {
      const labels = t.domain.labelsOf(i);
      const out = where.map((k) => (k >= 0 ? labels[k] : null));
      if (multi) out[0] = t.name;
      yield { labels: out, value: table.values[i], lower: table.lower[i], upper: table.upper[i] };
    }
  }
}
