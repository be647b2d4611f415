/**
 * The first steps of every command that measures data: open the spec's data (and its
 * population table), check the spec against the columns, and read it in one pass into the
 * encoded frequency table (hashing the file meanwhile). Shared by analyze and search.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ClickHouseDataset } from '../config/spec.js';
import type { LoadedSpec } from '../config/loadSpec.js';
import { nearestName } from '../config/nearestName.js';
import { DataError, SpecError } from '../errors.js';
import type { Database } from '../data/database.js';
import { openSource, type DataSource } from '../data/source.js';
import { encodeQuasiIdentifiers, type EncodedData, type EncodeOptions } from '../data/encode.js';
import { checkGroupable, openClickHouseTable, tableFingerprint, type RemoteTable } from '../data/clickhouse/remoteTable.js';
import type { Received } from '../data/clickhouse/client.js';
import { sha256File } from '../data/fileHash.js';
import { columnSuggestion } from '../data/columnNames.js';
import type { ResultColumn, ResultWarning } from '../contracts/analysis.js';
import { assignRoles } from './columns.js';

/** The data of a run, read once. */
export interface Input {
  /** The data file, or the remote table (whose records never come here). */
  source: DataSource | RemoteTable;
  /** The data file as the spec names it, or clickhouse://host/database.table (for messages and the Result). */
  display: string;
  columns: ResultColumn[];
  warnings: ResultWarning[];
  encoded: EncodedData;
  sha256: string;
  /** Sum of the population table's counts, when the spec gives one. */
  populationTotal?: number;
}

export interface InputOptions {
  onProgress?: (stage: string) => void;
  /** Number the groups (per-record outputs join back on them). */
  numbered?: boolean;
  /** Called with what each query to a remote engine received (bytes, lines). */
  onReceived?: (r: Received) => void;
}

/** Opens, checks and reads the spec's data. */
export async function readInput(db: Database, loaded: LoadedSpec, options: InputOptions = {}): Promise<Input> {
  const { spec } = loaded;
  if (spec.dataset.engine === 'clickhouse') return readRemoteInput(db, loaded, spec.dataset, options);
  const progress = options.onProgress ?? (() => {});
  const dataFile = path.resolve(loaded.baseDir, spec.dataset.path);
  const display = spec.dataset.path;
  progress(`opening ${display}`);
  const source = await openSource(db, dataFile, display, spec.dataset.format, spec.dataset.csv);
  const { columns, warnings } = assignRoles(spec, source.columns, display, source.namesMayBeData);
  checkSensitiveSettings(loaded);
  const popSource = await openPopulationTable(db, loaded);
  checkWeightColumn(loaded, source, display);
  progress(`reading and grouping ${display}`);
  // Every step settles before any error is thrown: the database is closed on the way out,
  // and closing it under a running query would hang. A damaged gzip stream comes first, as
  // it explains whatever the read itself reported.
  const [verified, popVerified, encodedR, sha256R] = await Promise.allSettled([
    source.verified,
    popSource?.verified,
    encodeQuasiIdentifiers(db, source, spec.attributes.quasiIdentifiers, encodeOptions(loaded, popSource, options)),
    sha256File(dataFile),
  ]);
  for (const r of [verified, popVerified, encodedR, sha256R]) if (r.status === 'rejected') throw r.reason;
  const encoded = (encodedR as PromiseFulfilledResult<EncodedData>).value;
  const sha256 = (sha256R as PromiseFulfilledResult<string>).value;
  warnings.push(...allMissingWarnings(loaded, encoded, display));
  return { source, display, columns, warnings, encoded, sha256, ...(await populationTotalOf(db, popSource)) };
}

/**
 * The spec's table in ClickHouse: its schema read, the frequency query run there (only the
 * grouped answer comes back) and the table's fingerprint computed there meanwhile; from the
 * encoded frequency table on, the run is the same as for a file.
 */
async function readRemoteInput(db: Database, loaded: LoadedSpec, dataset: ClickHouseDataset, options: InputOptions): Promise<Input> {
  const { spec } = loaded;
  const progress = options.onProgress ?? (() => {});
  const source = await openClickHouseTable(dataset, options.onReceived);
  const display = source.display;
  progress(`opening ${display}`);
  const { columns, warnings } = assignRoles(spec, source.columns, display, false);
  checkSensitiveSettings(loaded);
  checkGroupable(source, spec.attributes.quasiIdentifiers, 'a quasi-identifier');
  checkGroupable(source, spec.attributes.sensitive, 'a sensitive attribute');
  const popSource = await openPopulationTable(db, loaded);
  checkWeightColumn(loaded, source, display);
  progress(`grouping ${display} in ClickHouse`);
  const [popVerified, encodedR, fingerprintR] = await Promise.allSettled([
    popSource?.verified,
    encodeQuasiIdentifiers(db, source, spec.attributes.quasiIdentifiers, encodeOptions(loaded, popSource, options)),
    tableFingerprint(source),
  ]);
  for (const r of [popVerified, encodedR, fingerprintR]) if (r.status === 'rejected') throw r.reason;
  const encoded = (encodedR as PromiseFulfilledResult<EncodedData>).value;
  const fingerprint = (fingerprintR as PromiseFulfilledResult<{ rows: number; hash: string }>).value;
  if (fingerprint.rows !== encoded.rows) {
    throw new DataError(`${display}: the table changed while it was read (${encoded.rows} records grouped, ${fingerprint.rows} fingerprinted) [rule: clickhouse.changed]`, {
      file: display,
      rule: 'clickhouse.changed',
    });
  }
  warnings.push(...allMissingWarnings(loaded, encoded, display));
  return { source, display, columns, warnings, encoded, sha256: remoteTableDigest(fingerprint), ...(await populationTotalOf(db, popSource)) };
}

/**
 * A quasi-identifier whose every value is missing. Under the exclude policy that leaves no
 * record to measure: a DataError [rule: qi.allMissing]. Otherwise the missing value is a value
 * of its own (or a wildcard) and the column is constant: it distinguishes no record, which is
 * harmless to the verdict but usually means a wrong column or csv.nullStrings, or a column
 * suppressed throughout (a file edra wrote, analysed again): a review warning, acknowledged
 * with a reason when it is meant.
 */
function allMissingWarnings(loaded: LoadedSpec, encoded: EncodedData, display: string): ResultWarning[] {
  const out: ResultWarning[] = [];
  for (const s of encoded.qiStats) {
    if (s.missing < encoded.rows) continue;
    if (loaded.spec.missingValues === 'exclude') {
      throw new DataError(`${display}: quasi-identifier "${s.name}" has only missing values, so the exclude policy leaves no record [rule: qi.allMissing]`, {
        file: display,
        column: s.name,
        rule: 'qi.allMissing',
      });
    }
    out.push({
      rule: 'qi.allMissing',
      subject: s.name,
      review: true,
      message: `quasi-identifier "${s.name}" has only missing values: it distinguishes no record. Check the column and dataset.csv.nullStrings, or acknowledge it with a reason if it was suppressed on purpose.`,
    });
  }
  return out;
}

/**
 * The digest the Result states for the spec's data, computed afresh without measuring: the
 * file's SHA-256, or the remote table's fingerprint digest (one aggregate query). For
 * `edra verify --spec`: has the data the report measured changed since?
 */
export async function datasetDigest(loaded: LoadedSpec): Promise<{ display: string; sha256: string }> {
  const { dataset } = loaded.spec;
  if (dataset.engine === 'clickhouse') {
    const table = await openClickHouseTable(dataset);
    return { display: table.display, sha256: remoteTableDigest(await tableFingerprint(table)) };
  }
  const file = path.resolve(loaded.baseDir, dataset.path);
  try {
    return { display: dataset.path, sha256: await sha256File(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(`${dataset.path}: cannot read the spec's data file (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}) [rule: dataset.unreadable]`, { file: dataset.path, rule: 'dataset.unreadable' });
  }
}

/**
 * What stands for a remote table's SHA-256 in the result: the SHA-256 of its fingerprint
 * (record count and the order-free sum of per-record CityHash64s, computed by ClickHouse).
 * The same content gives the same digest on any server or shard layout; `edra verify --spec`
 * and `edra diff` compare it as they compare a file's.
 */
export function remoteTableDigest(fingerprint: { rows: number; hash: string }): string {
  return createHash('sha256').update(`edra clickhouse fingerprint v1\n${fingerprint.rows}\n${fingerprint.hash}\n`).digest('hex');
}

function encodeOptions(loaded: LoadedSpec, popSource: DataSource | undefined, options: InputOptions): EncodeOptions {
  const { spec } = loaded;
  const popSpec = spec.population?.table;
  return {
    population: popSource ? { relation: popSource.relation(spec.attributes.quasiIdentifiers), count: popSpec?.count, display: popSource.display, format: popSource.format } : undefined,
    sensitive: spec.attributes.sensitive,
    weight: spec.individualRisk?.weight,
    numbered: options.numbered,
  };
}

async function populationTotalOf(db: Database, popSource: DataSource | undefined): Promise<{ populationTotal?: number }> {
  if (!popSource) return {};
  const rows = await db.rows(`SELECT coalesce(sum(pf), 0)::DOUBLE AS t FROM edra_population`);
  return { populationTotal: Number(rows[0].t) };
}

/** Settings for a sensitive attribute the spec does not list as sensitive are a spec error. */
function checkSensitiveSettings(loaded: LoadedSpec): void {
  const { spec } = loaded;
  for (const name of Object.keys(spec.sensitive)) {
    if (spec.attributes.sensitive.includes(name)) continue;
    const near = nearestName(name, spec.attributes.sensitive);
    throw new SpecError(`spec sensitive.${name}: "${name}" is not listed in attributes.sensitive${near ? `; did you mean "${near}"?` : ''} [rule: spec.unknownSensitive]`, {
      path: `sensitive.${name}`,
      rule: 'spec.unknownSensitive',
    });
  }
}

/** Opens the population table and checks it has every QI and its count column. */
async function openPopulationTable(db: Database, loaded: LoadedSpec): Promise<DataSource | undefined> {
  const popSpec = loaded.spec.population?.table;
  if (!popSpec) return undefined;
  const pop = await openSource(db, path.resolve(loaded.baseDir, popSpec.path), popSpec.path, popSpec.format, popSpec.csv, { specPath: 'population.table.csv' });
  const missing = loaded.spec.attributes.quasiIdentifiers.filter((q) => !pop.columns.some((c) => c.name === q));
  if (missing.length > 0) {
    throw new SpecError(`${popSpec.path}:1: the population table has no column "${missing[0]}" (a quasi-identifier) [rule: spec.populationColumns]`, {
      file: popSpec.path,
      line: 1,
      column: missing[0],
      rule: 'spec.populationColumns',
    });
  }
  if (popSpec.count && !pop.columns.some((c) => c.name === popSpec.count)) {
    const s = columnSuggestion(popSpec.count, pop.columns.map((c) => c.name), pop.namesMayBeData);
    throw new SpecError(`spec population.table.count: population table ${popSpec.path} has no count column "${popSpec.count}"${s.hint} [rule: spec.unknownColumn]`, {
      file: popSpec.path,
      path: 'population.table.count',
      column: popSpec.count,
      rule: 'spec.unknownColumn',
    }, s.detail);
  }
  return pop;
}

function checkWeightColumn(loaded: LoadedSpec, source: DataSource | RemoteTable, display: string): void {
  const weightColumn = loaded.spec.individualRisk?.weight;
  if (weightColumn === undefined || source.columns.some((c) => c.name === weightColumn)) return;
  const s = columnSuggestion(weightColumn, source.columns.map((c) => c.name), source.namesMayBeData);
  throw new SpecError(`spec individualRisk.weight: column "${weightColumn}" is not in ${display}${s.hint} [rule: spec.unknownColumn]`, {
    file: display,
    path: 'individualRisk.weight',
    column: weightColumn,
    rule: 'spec.unknownColumn',
  }, s.detail);
}
