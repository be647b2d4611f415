/**
 * Writes released (noisy) tables to CSV or Parquet, atomically: the file appears complete
 * under its name or not at all. Rows hold only released values: labels of the declared
 * domains, the noisy value and its interval.
 */
import { renameSync } from 'node:fs';
import { forgetTempFile, removeTempFile, sweepStale, tempFileFor, writeFailure } from './tempFiles.js';
import path from 'node:path';
import { SpecError } from '../errors.js';
import { writeFileAtomic } from './atomicWrite.js';
import type { Database } from './database.js';
import { quoteIdent, quoteString } from './sql.js';

/** One output row: labels (null = empty) then value, lower, upper. */
export interface ReleaseRow {
  labels: readonly (string | null)[];
  value: number;
  lower: number;
  upper: number;
}

export type ReleaseFileFormat = 'csv' | 'parquet';

/** The output format from the file name; SpecError `cli.out` for another extension. */
export function releaseFileFormat(target: string): ReleaseFileFormat {
  const ext = path.extname(target).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.parquet') return 'parquet';
  throw new SpecError(`--out ${target}: the file must end in .csv or .parquet [rule: cli.out]`, { file: target, rule: 'cli.out' });
}

/** A number as text: integers as they are, others to 15 significant digits (3 x 0.1 prints 0.3). */
export function formatReleaseNumber(x: number): string {
  if (Object.is(x, -0)) return '0';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(15)));
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cannotWrite(target: string, e: unknown): SpecError {
  const why = writeFailure(e);
  return new SpecError(`cannot write ${target}${why ? `: ${why}` : ''} [rule: cli.out]`, { file: target, rule: 'cli.out' });
}

/** The first column of every row of a release drawn from a seeded source, and its value. */
export const UNSAFE_SEED_COLUMN = 'unsafe_seed';
export const UNSAFE_SEED_VALUE = 'NOT PRIVATE';

/** How the release was drawn, as the file must say. */
export interface ReleaseFileOptions {
  /** The noise came from --unsafe-seed: every row, and the Parquet metadata, say so. */
  unsafeSeed?: boolean;
}

/**
 * Writes `rows` under the header `labelColumns` + value, lower, upper. CSV is built in memory
 * and written atomically; Parquet goes through DuckDB (an appender, then COPY to a temporary
 * file beside the target, renamed when complete). A seeded (unsafe) release gets a first
 * column `unsafe_seed` = `NOT PRIVATE` on every row, and in Parquet the key-value metadata
 * `edra_unsafe_seed` = `true` with an explanation, so the mark survives any reader.
 */
export async function writeReleaseFile(db: Database, target: string, labelColumns: readonly string[], rows: Iterable<ReleaseRow>, options: ReleaseFileOptions = {}): Promise<void> {
  const format = releaseFileFormat(target);
  const unsafe = options.unsafeSeed === true;
  const header = [...(unsafe ? [UNSAFE_SEED_COLUMN] : []), ...labelColumns, 'value', 'lower', 'upper'];
  if (format === 'csv') {
    const parts: string[] = [header.map(csvField).join(',') + '\n'];
    const mark = unsafe ? [UNSAFE_SEED_VALUE] : [];
    for (const r of rows) {
      parts.push(
        [...mark, ...r.labels.map((l) => (l === null ? '' : csvField(l))), formatReleaseNumber(r.value), formatReleaseNumber(r.lower), formatReleaseNumber(r.upper)].join(',') + '\n',
      );
    }
    try {
      writeFileAtomic(target, parts.join(''));
    } catch (e) {
      throw cannotWrite(target, e);
    }
    return;
  }
  const table = 'edra_release_out';
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${table} (${['i BIGINT', ...labelColumns.map((_, j) => `c${j} VARCHAR`), 'value DOUBLE', 'lower DOUBLE', 'upper DOUBLE'].join(', ')})`,
  );
  const appender = await db.connection.createAppender(table);
  let i = 0;
  for (const r of rows) {
    appender.appendBigInt(BigInt(i++));
    for (const l of r.labels) {
      if (l === null) appender.appendNull();
      else appender.appendVarchar(l);
    }
    appender.appendDouble(r.value);
    appender.appendDouble(r.lower);
    appender.appendDouble(r.upper);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  const abs = path.resolve(target);
  sweepStale(path.dirname(abs));
  const tmp = tempFileFor(abs);
  const select = [
    ...(unsafe ? [`${quoteString(UNSAFE_SEED_VALUE)} AS ${quoteIdent(UNSAFE_SEED_COLUMN)}`] : []),
    ...labelColumns.map((name, j) => `c${j} AS ${quoteIdent(name)}`),
    'value',
    'lower',
    'upper',
  ].join(', ');
  const metadata = unsafe
    ? `, KV_METADATA { edra_unsafe_seed: 'true', edra_note: ${quoteString('UNSAFE: drawn with edra release --unsafe-seed; the noise can be recomputed from the seed; NOT private, tests only')} }`
    : '';
  // COPY keeps the ORDER BY only while insertion order is preserved (off by default in edra).
  await db.exec('SET preserve_insertion_order = true');
  try {
    await db.exec(`COPY (SELECT ${select} FROM ${table} ORDER BY i) TO ${quoteString(tmp)} (FORMAT parquet, COMPRESSION zstd${metadata})`);
    renameSync(tmp, abs);
    forgetTempFile(tmp);
  } catch (e) {
    removeTempFile(tmp);
    throw cannotWrite(target, e);
  } finally {
    await db.exec('SET preserve_insertion_order = false');
    await db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}
