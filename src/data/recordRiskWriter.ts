import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { forgetTempFile, registerTempFile, removeTempFile, sweepStale, tempFileFor, writeFailure } from './tempFiles.js';
import path from 'node:path';
import type { Database } from './database.js';
import type { DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent, quoteString } from './sql.js';
import { SpecError } from '../errors.js';

/** Per-group values of the per-record file, indexed by gid (NaN = not computed for that group). */
export interface GroupRiskColumns {
  fk: Int32Array;
  Fk: Float64Array;
  individualRisk?: Float64Array;
  sudaScore?: Float64Array;
  disSudaScore?: Float64Array;
}

/**
 * Writes one row per input record, in input order: `row` (1-based data row number), `fk`,
 * `Fk`, `individualRisk`, and `sudaScore`, `disSudaScore` when SUDA2 ran. No QI value is
 * written, so only the data owner can join it back. The per-group values go to DuckDB, a
 * second pass numbers the records in file order (insertion order preserved) and joins them
 * to their group; COPY writes a temporary file beside the target, renamed when complete.
 * Records outside the classes (missing QI under `exclude`) get empty values.
 *
 * DuckDB compares column names case-insensitively, so it cannot name two columns `fk` and
 * `Fk`: the CSV header is written by edra with the exact names; in Parquet the population
 * class size is named `F_k`.
 */
export async function writeRecordRisk(
  db: Database,
  source: DataSource,
  qis: readonly string[],
  groups: GroupRiskColumns,
  target: string,
): Promise<void> {
  const ext = path.extname(target).toLowerCase();
  const format = ext === '.parquet' ? 'parquet' : ext === '.csv' ? 'csv' : undefined;
  if (!format) {
    throw new SpecError(`--record-risk ${target}: the file must end in .csv or .parquet [rule: cli.recordRisk]`, { file: target, rule: 'cli.recordRisk' });
  }
  const cols: [string, Int32Array | Float64Array][] = [
    ['fk', groups.fk],
    ['Fk', groups.Fk],
  ];
  if (groups.individualRisk) cols.push(['individualRisk', groups.individualRisk]);
  if (groups.sudaScore) cols.push(['sudaScore', groups.sudaScore]);
  if (groups.disSudaScore) cols.push(['disSudaScore', groups.disSudaScore]);
  await db.exec(
    `CREATE OR REPLACE TABLE edra_group_risk (gid INTEGER, ${cols.map(([, a], i) => `c${i} ${a instanceof Int32Array ? 'INTEGER' : 'DOUBLE'}`).join(', ')})`,
  );
  const appender = await db.connection.createAppender('edra_group_risk');
  const K = groups.fk.length;
  for (let g = 0; g < K; g++) {
    appender.appendInteger(g);
    for (const [, a] of cols) {
      const v = a[g];
      if (a instanceof Int32Array) {
        if (v < 0) appender.appendNull();
        else appender.appendInteger(v);
      } else if (Number.isNaN(v)) appender.appendNull();
      else appender.appendDouble(v);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();

  const abs = path.resolve(target);
  sweepStale(path.dirname(abs));
  const tmp = tempFileFor(abs);
  const body = `${tmp}.body`;
  if (format === 'csv') registerTempFile(body);
  const on = qis.map((_, i) => `r.q${i} IS NOT DISTINCT FROM g.q${i}`).join(' AND ');
  const select = qis.map((name, i) => `${quoteIdent(name)} AS q${i}`).join(', ');
  await db.exec('SET preserve_insertion_order = true');
  try {
    await db.exec(
      `COPY (SELECT r.row, ${cols.map(([n], i) => `k.c${i} AS ${quoteIdent(n === 'Fk' ? 'F_k' : n)}`).join(', ')}
             FROM (SELECT row_number() OVER () AS row, ${select} FROM ${source.relation(qis)}) r
             LEFT JOIN edra_groups g ON ${on}
             LEFT JOIN edra_group_risk k ON k.gid = g.gid
             ORDER BY r.row) TO ${quoteString(format === 'csv' ? body : tmp)} (FORMAT ${format}${format === 'csv' ? ', HEADER false' : ', COMPRESSION zstd'})`,
    );
    if (format === 'csv') prependLine(body, tmp, ['row', ...cols.map(([n]) => n)].join(','));
    renameSync(tmp, abs);
    forgetTempFile(tmp);
  } catch (e) {
    removeTempFile(tmp);
    removeTempFile(body);
    const why = writeFailure(e);
    if (why !== undefined) {
      throw new SpecError(`--record-risk ${target}: cannot write the file: ${why} [rule: cli.recordRisk]`, { file: target, rule: 'cli.recordRisk' });
    }
    throw readerError(e, source.display, source.format, source);
  } finally {
    await db.exec('SET preserve_insertion_order = false');
  }
}

/** Writes `line` and then the content of `from` into `to`, and removes `from`. */
function prependLine(from: string, to: string, line: string): void {
  const out = openSync(to, 'wx');
  const input = openSync(from, 'r');
  try {
    writeSync(out, `${line}\n`);
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(input, buf, 0, buf.length, null);
      if (n === 0) break;
      writeSync(out, buf, 0, n);
    }
  } finally {
    closeSync(input);
    closeSync(out);
    removeTempFile(from);
  }
}
