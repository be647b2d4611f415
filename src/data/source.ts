import { statSync, accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import type { DataFormat } from '../config/spec.js';
import { DataError } from '../errors.js';
import type { Database } from './database.js';
import { detectFormat } from './format.js';
import { loadArrowTable } from './arrowLoader.js';
import { readerError } from './readerErrors.js';
import { quoteIdent, quoteString } from './sql.js';
import { openCsv, type CsvOpenMode } from './csvSource.js';
import { checkNotRenamed } from './columnNames.js';
import { checkCompressedIntact, compressionOf, readRawHead } from './fileHead.js';
import { checkJsonDepth } from './jsonDepth.js';

/** CSV read options (the spec's dataset.csv). */
export interface CsvReadOptions {
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  nullStrings?: string[];
  types?: Record<string, string>;
}

export interface SourceColumn {
  name: string;
  /** DuckDB type as detected (or as overridden in the spec). */
  type: string;
}

/** A data file DuckDB can read, described without reading its rows. */
export interface DataSource {
  readonly kind: 'file';
  /** The path as the user gave it (for messages). */
  readonly display: string;
  /** Absolute path. */
  readonly file: string;
  readonly format: DataFormat;
  readonly columns: readonly SourceColumn[];
  /**
   * A SQL relation that streams the file. `textColumns` are read as text (CSV/TSV) so
   * that codes such as ZIP or MRN keep their leading zeros and a QI is compared as written.
   */
  relation(textColumns?: readonly string[]): string;
  /**
   * True when the column names come from a first line that may be a record (a CSV whose
   * header is neither declared nor shown by the column types): messages then name columns
   * by position, and suggest no name without --show-values.
   */
  readonly namesMayBeData: boolean;
  /** Resolves when a compressed file is intact (read to its end); await it before trusting a full read. */
  readonly verified: Promise<void>;
}

let arrowTableSeq = 0;

/**
 * Checks a data file and describes it: format, columns and detected types. Nothing is
 * read beyond DuckDB's sniffing sample (Arrow IPC is streamed into a table once). A gzip
 * file is also read to its end meanwhile (`verified`), since DuckDB reads a truncated one
 * without complaint. Input files are opened read-only and never modified.
 */
export async function openSource(db: Database, file: string, display: string, declared?: DataFormat, csv: CsvReadOptions = {}, mode: CsvOpenMode = {}): Promise<DataSource> {
  const format = detectFormat(display, declared);
  checkReadable(file, display);
  let relation: (textColumns?: readonly string[]) => string;
  let columns: SourceColumn[];
  let namesMayBeData = false;
  if (format === 'csv' || format === 'tsv') {
    const opened = await openCsv(db, file, display, format, csv, mode);
    ({ relation, columns, namesMayBeData } = opened);
  } else {
    if (format === 'parquet') {
      relation = () => `read_parquet(${quoteString(file)})`;
    } else if (format === 'json' || format === 'ndjson') {
      checkJsonDepth(file, display);
      if (format === 'json') checkJsonArrayClosed(file, display);
      const fmt = format === 'ndjson' ? 'newline_delimited' : 'auto';
      // records = true: a line that is no object is an error, not a silent single `json` column.
      relation = () => `read_json(${quoteString(file)}, format = '${fmt}', records = true)`;
    } else {
      const table = `edra_arrow_${++arrowTableSeq}`;
      await loadArrowTable(db, file, table, display);
      relation = () => quoteIdent(table);
    }
    try {
      const rows = await db.rows(`DESCRIBE SELECT * FROM ${relation()}`);
      columns = rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (e) {
      throw readerError(e, display, format);
    }
    if (format !== 'arrow') await checkNotRenamed(db, file, display, format, columns.map((c) => c.name));
  }
  const verified = checkCompressedIntact(file, display);
  verified.catch(() => {}); // awaited by the reader; never an unhandled rejection meanwhile
  return { kind: 'file', display, file, format, columns, relation, namesMayBeData, verified };
}

/**
 * Waits for a read of the source and for its integrity check; a damaged compressed stream
 * is the error when there is one (it explains whatever the read reported), else the read's.
 * Both settle first: closing the database under a running query would hang.
 */
export async function readIntact<T>(source: DataSource, read: Promise<T>): Promise<T> {
  const [verified, result] = await Promise.allSettled([source.verified, read]);
  if (verified.status === 'rejected') throw verified.reason;
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * A JSON array cut after a comma reads without complaint in DuckDB (the records before the
 * cut, and nothing said): a file that opens an array must close it.
 */
function checkJsonArrayClosed(file: string, display: string): void {
  if (compressionOf(display) !== 'none') return;
  const head = readRawHead(file, 4096).toString('utf8').trimStart();
  if (!head.startsWith('[')) return;
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  let tail: string;
  try {
    const buf = Buffer.alloc(Math.min(256, size));
    readSync(fd, buf, 0, buf.length, size - buf.length);
    tail = buf.toString('utf8').trimEnd();
  } finally {
    closeSync(fd);
  }
  if (!tail.endsWith(']')) {
    throw new DataError(`${display}: malformed JSON: the array opened on line 1 is not closed (a truncated file?) [rule: json.malformed]`, { file: display, rule: 'json.malformed' });
  }
}

function checkReadable(file: string, display: string): void {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new DataError(`${display}: not a regular file [rule: data.notFile]`, { file: display, rule: 'data.notFile' });
    size = st.size;
    accessSync(file, constants.R_OK);
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new DataError(`${display}: cannot read the data file: ${why} [rule: data.unreadable]`, { file: display, rule: 'data.unreadable' });
  }
  if (size === 0) throw new DataError(`${display}: the file is empty [rule: data.empty]`, { file: display, rule: 'data.empty' });
}

