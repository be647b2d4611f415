import { statSync, accessSync, constants } from 'node:fs';
import type { DataFormat } from '../config/spec.js';
import { DataError } from '../errors.js';
import type { Database } from './database.js';
import { detectFormat } from './format.js';
import { readCsvHeader } from './csvHeader.js';
import { loadArrowTable } from './arrowLoader.js';
import { readerError } from './readerErrors.js';
import { checkJsonDepth } from './jsonDepth.js';
import { listLiteral, quoteIdent, quoteString, structLiteral } from './sql.js';

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
}

let arrowTableSeq = 0;

/**
 * Checks a data file and describes it: format, columns and detected types. Nothing is
 * read beyond DuckDB's sniffing sample (Arrow IPC is streamed into a table once).
 * Input files are opened read-only and never modified.
 */
export async function openSource(db: Database, file: string, display: string, declared?: DataFormat, csv: CsvReadOptions = {}): Promise<DataSource> {
  const format = detectFormat(display, declared);
  checkReadable(file, display);
  let relation: (textColumns?: readonly string[]) => string;
  let strictCsv: string | undefined;
  if (format === 'csv' || format === 'tsv') {
    const header = readCsvHeader(file, csv.delimiter ?? (format === 'tsv' ? '\t' : undefined), csv.quote ?? '"');
    if (header.empty) throw new DataError(`${display}: the file is empty [rule: data.empty]`, { file: display, rule: 'data.empty' });
    if (csv.header !== false) {
      const seen = new Set<string>();
      for (const name of header.names) {
        if (seen.has(name)) {
          throw new DataError(`${display}:1: column "${name}" appears twice in the header [rule: data.duplicateColumn]`, {
            file: display,
            line: 1,
            column: name,
            rule: 'data.duplicateColumn',
          });
        }
        seen.add(name);
      }
    }
    relation = (textColumns = []) => csvRelation(file, header.delimiter, csv, textColumns);
    strictCsv = strictCsvRelation(file, header.delimiter, csv, header.names.length);
  } else if (format === 'parquet') {
    relation = () => `read_parquet(${quoteString(file)})`;
  } else if (format === 'json' || format === 'ndjson') {
    checkJsonDepth(file, display);
    const fmt = format === 'ndjson' ? 'newline_delimited' : 'auto';
    relation = () => `read_json(${quoteString(file)}, format = '${fmt}')`;
  } else {
    const table = `edra_arrow_${++arrowTableSeq}`;
    await loadArrowTable(db, file, table, display);
    relation = () => quoteIdent(table);
  }
  let columns: SourceColumn[];
  try {
    const rows = await db.rows(`DESCRIBE SELECT * FROM ${relation()}`);
    columns = rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (e) {
    // DuckDB's sniffer gives up on a small file with a ragged row ("Error when sniffing
    // file") without a line number; a read with the header's field count names the line.
    if (strictCsv !== undefined && /Error when sniffing file/i.test(e instanceof Error ? e.message : String(e))) {
      try {
        await db.rows(`SELECT count(*) AS n FROM ${strictCsv}`);
      } catch (strictErr) {
        throw readerError(strictErr, display, format);
      }
    }
    throw readerError(e, display, format);
  }
  return { display, file, format, columns, relation };
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

function csvRelation(file: string, delimiter: string, csv: CsvReadOptions, textColumns: readonly string[]): string {
  // skip = 0: otherwise the sniffer may skip leading rows when one is ragged and take a
  // data row as the header (cell values would become column names, rows silently lost).
  const args = [quoteString(file), `delim = ${quoteString(delimiter)}`, `header = ${csv.header === false ? 'false' : 'true'}`, 'skip = 0'];
  if (csv.quote !== undefined) args.push(`quote = ${quoteString(csv.quote)}`);
  if (csv.escape !== undefined) args.push(`escape = ${quoteString(csv.escape)}`);
  args.push(`nullstr = ${listLiteral(csv.nullStrings ?? [''])}`);
  const types: Record<string, string> = { ...(csv.types ?? {}) };
  for (const c of textColumns) types[c] = 'VARCHAR';
  if (Object.keys(types).length > 0) args.push(`types = ${structLiteral(types)}`);
  return `read_csv(${args.join(', ')})`;
}

/** CSV read without sniffing: every field text, as many fields as the first line has. */
function strictCsvRelation(file: string, delimiter: string, csv: CsvReadOptions, fields: number): string {
  const columns: Record<string, string> = {};
  for (let i = 0; i < Math.max(1, fields); i++) columns[`c${i}`] = 'VARCHAR';
  const args = [quoteString(file), `delim = ${quoteString(delimiter)}`, `header = ${csv.header === false ? 'false' : 'true'}`, 'auto_detect = false'];
  args.push(`quote = ${quoteString(csv.quote ?? '"')}`);
  if (csv.escape !== undefined) args.push(`escape = ${quoteString(csv.escape)}`);
  args.push(`columns = ${structLiteral(columns)}`);
  return `read_csv(${args.join(', ')})`;
}
