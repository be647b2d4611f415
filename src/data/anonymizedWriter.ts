import { renameSync } from 'node:fs';
import { forgetTempFile, removeTempFile, sweepStale, tempFileFor, writeFailure } from './tempFiles.js';
import path from 'node:path';
import type { Database } from './database.js';
import type { DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent, quoteString } from './sql.js';
import { SpecError } from '../errors.js';

/** The generalized QI labels of each encoded group (gid), or null when the group is not written. */
export interface GroupLabels {
  /** labels[g][q]: the label of QI q for group g (null: the missing value); labels[g] null: the group's records are dropped. */
  labels: ((string | null)[] | null)[];
}

/**
 * Writes the transformed data: every input record in file order, identifying columns
 * removed, each QI replaced by its group's generalized label, and the records of dropped
 * groups left out. The per-group labels go to DuckDB (appender), the records are joined to
 * their group (the encode pass's edra_groups, numbered by gid) and COPY writes a temporary
 * file beside the target that is renamed when complete.
 */
export async function writeAnonymized(
  db: Database,
  source: DataSource,
  qis: readonly string[],
  drop: readonly string[],
  groups: GroupLabels,
  target: string,
): Promise<void> {
  const ext = path.extname(target).toLowerCase();
  const format = ext === '.parquet' ? 'parquet' : ext === '.csv' ? 'csv' : ext === '.tsv' ? 'tsv' : undefined;
  if (!format) {
    throw new SpecError(`--out ${target}: the file must end in .csv, .tsv or .parquet [rule: cli.anonymizedOut]`, { file: target, rule: 'cli.anonymizedOut' });
  }
  const m = qis.length;
  await db.exec(`CREATE OR REPLACE TEMP TABLE edra_labels (gid INTEGER, ${qis.map((_, i) => `l${i} VARCHAR`).join(', ')})`);
  const appender = await db.connection.createAppender('edra_labels');
  groups.labels.forEach((labels, g) => {
    if (!labels) return;
    appender.appendInteger(g);
    for (let i = 0; i < m; i++) {
      const v = labels[i];
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  });
  appender.flushSync();
  appender.closeSync();

  const abs = path.resolve(target);
  sweepStale(path.dirname(abs));
  const tmp = tempFileFor(abs);
  const qi = (i: number) => quoteIdent(`__edra_q${i}`);
  const on = qis.map((_, i) => `r.${qi(i)} IS NOT DISTINCT FROM g.q${i}`).join(' AND ');
  const columns = source.columns
    .filter((c) => !drop.includes(c.name))
    .map((c) => {
      const i = qis.indexOf(c.name);
      return i >= 0 ? `x.l${i} AS ${quoteIdent(c.name)}` : `r.${quoteIdent(c.name)}`;
    });
  const options = format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : `FORMAT csv, HEADER true${format === 'tsv' ? ", DELIMITER '\\t'" : ''}`;
  await db.exec('SET preserve_insertion_order = true');
  try {
    await db.exec(
      `COPY (SELECT ${columns.join(', ')}
             FROM (SELECT row_number() OVER () AS "__edra_row", *, ${qis.map((name, i) => `${quoteIdent(name)} AS ${qi(i)}`).join(', ')} FROM ${source.relation(qis)}) r
             JOIN edra_groups g ON ${on}
             JOIN edra_labels x ON x.gid = g.gid
             ORDER BY r."__edra_row") TO ${quoteString(tmp)} (${options})`,
    );
    renameSync(tmp, abs);
    forgetTempFile(tmp);
  } catch (e) {
    removeTempFile(tmp);
    const why = writeFailure(e);
    if (why !== undefined) {
      throw new SpecError(`--out ${target}: cannot write the file: ${why} [rule: cli.anonymizedOut]`, { file: target, rule: 'cli.anonymizedOut' });
    }
    throw readerError(e, source.display, source.format, source);
  } finally {
    await db.exec('SET preserve_insertion_order = false');
  }
}
