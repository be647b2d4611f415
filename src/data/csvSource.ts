/**
 * Opening a CSV/TSV file: the header read from the decompressed text, the names handed to
 * DuckDB exactly (so it renames nothing), quote `"` unless the spec says otherwise (RFC
 * 4180; DuckDB's sniffer would otherwise drop quoting and read a malformed file as data),
 * and every failure mapped to its cause with its line.
 */
import { DataError, type EdraError, SpecError } from '../errors.js';
import type { DataFormat } from '../config/spec.js';
import type { Database } from './database.js';
import { headerNames, positionalNames, readCsvHeader } from './csvHeader.js';
import { checkCompressedIntact, firstLongLine } from './fileHead.js';
import { columnSuggestion, duplicateColumnError, headerConfirmed } from './columnNames.js';
import { readerError } from './readerErrors.js';
import { listLiteral, quoteIdent, quoteString, structLiteral } from './sql.js';
import type { CsvReadOptions, SourceColumn } from './source.js';

/** A CSV file ready to stream. */
export interface CsvOpened {
  columns: SourceColumn[];
  relation: (textColumns?: readonly string[]) => string;
  /** True when the names come from a first line that may be a record (see headerConfirmed). */
  namesMayBeData: boolean;
}

/** How to name the columns: from the header (default), or by position even when there is one. */
export interface CsvOpenMode {
  /** Name the columns column1..n while still skipping the header line (profile hides names). */
  positional?: boolean;
  /** Where the CSV options sit in the spec, for messages (e.g. `dataset.csv`). */
  specPath?: string;
}

/** Opens a CSV/TSV file for reading; see the module comment. */
export async function openCsv(db: Database, file: string, display: string, format: DataFormat, csv: CsvReadOptions, mode: CsvOpenMode = {}): Promise<CsvOpened> {
  const quote = csv.quote ?? '"';
  const header = await readCsvHeader(db, file, display, csv.delimiter ?? (format === 'tsv' ? '\t' : undefined), quote);
  if (header.empty) throw new DataError(`${display}: the file is empty [rule: data.empty]`, { file: display, rule: 'data.empty' });
  if (header.unterminatedQuote) {
    throw new DataError(`${display}:1: a quoted field opened on line 1 is never closed [rule: csv.quote]`, { file: display, line: 1, rule: 'csv.quote' });
  }
  const hasHeader = csv.header !== false;
  let names: string[];
  if (!hasHeader || mode.positional) names = positionalNames(header.fields.length);
  else {
    const named = headerNames(header.fields);
    if ('duplicate' in named) {
      const trusted = csv.header === true || (await describedConfirms(db, file, header.delimiter, quote, csv, header.fields));
      throw duplicateColumnError(display, named.duplicate[0], named.duplicate[1], header.fields.map((f) => f.trim()), named.caseOnly, trusted);
    }
    names = named.names;
  }
  const specPath = mode.specPath ?? 'dataset.csv';
  const unknownType = Object.keys(csv.types ?? {}).find((k) => !names.includes(k));
  if (unknownType !== undefined) {
    const trusted = !hasHeader || mode.positional === true || csv.header === true || (await describedConfirms(db, file, header.delimiter, quote, csv, header.fields));
    throw unknownTypeColumn(unknownType, names, trusted, display, specPath);
  }
  const read = { file, delimiter: header.delimiter, quote, csv, names, header: hasHeader };
  let columns: SourceColumn[];
  try {
    const rows = await db.rows(`DESCRIBE SELECT * FROM ${csvRelation(read, [])}`);
    columns = rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (e) {
    throw await describeError(db, e, read, display, specPath);
  }
  if (columns.length !== names.length || columns.some((c, i) => c.name !== names[i])) {
    throw new DataError(
      `${display}: ${hasHeader ? 'the header has' : 'the first line has'} ${names.length} field(s) but DuckDB reads ${columns.length} column(s) [rule: csv.header]; check dataset.csv.delimiter and quote`,
      { file: display, line: 1, rule: 'csv.header' },
    );
  }
  const named = hasHeader && !mode.positional && csv.header !== true;
  const namesMayBeData = named && (!headerConfirmed(columns, names) || (await nameAmongValues(db, read)));
  return { columns, relation: (textColumns = []) => csvRelation(read, textColumns), namesMayBeData };
}

/** Rows of the file's head searched for a column name among its own values. */
const NAME_CHECK_ROWS = 10_000;

/**
 * Whether some column's name is also a value of that column in the file's first rows: then the
 * "header" may well be a first record (a name that is a value is a value), even when the types
 * seem to confirm it. Read as text; a file that cannot be read here counts as such (the scan
 * reports the error itself).
 */
async function nameAmongValues(db: Database, read: CsvRead): Promise<boolean> {
  const tests = read.names.map((n, i) => `coalesce(bool_or(${quoteIdent(n)} = ${quoteString(n)}), false) AS e${i}`);
  try {
    const row = (await db.rows(`SELECT ${tests.join(', ')} FROM (SELECT * FROM ${csvRelation(read, read.names)} LIMIT ${NAME_CHECK_ROWS})`))[0];
    return read.names.some((_, i) => row[`e${i}`] === true);
  } catch {
    return true;
  }
}

interface CsvRead {
  file: string;
  delimiter: string;
  quote: string;
  csv: CsvReadOptions;
  names: readonly string[];
  header: boolean;
}

function csvRelation(r: CsvRead, textColumns: readonly string[]): string {
  // skip = 0: otherwise the sniffer may skip leading rows when one is ragged and take a
  // data row as the header (cell values would become column names, rows silently lost).
  const args = [quoteString(r.file), `delim = ${quoteString(r.delimiter)}`, `header = ${r.header}`, 'skip = 0', `quote = ${quoteString(r.quote)}`];
  if (r.csv.escape !== undefined) args.push(`escape = ${quoteString(r.csv.escape)}`);
  args.push(`nullstr = ${listLiteral(r.csv.nullStrings ?? [''])}`, `names = ${listLiteral(r.names)}`);
  const types: Record<string, string> = { ...(r.csv.types ?? {}) };
  for (const c of textColumns) types[c] = 'VARCHAR';
  if (Object.keys(types).length > 0) args.push(`types = ${structLiteral(types)}`);
  return `read_csv(${args.join(', ')})`;
}

/** CSV read without sniffing: every field text, as many fields as the first line has. */
function strictCsvRelation(r: CsvRead): string {
  const columns: Record<string, string> = {};
  for (const n of r.names) columns[n] = 'VARCHAR';
  const args = [quoteString(r.file), `delim = ${quoteString(r.delimiter)}`, `header = ${r.header}`, 'auto_detect = false', `quote = ${quoteString(r.quote)}`];
  if (r.csv.escape !== undefined) args.push(`escape = ${quoteString(r.csv.escape)}`);
  args.push(`columns = ${structLiteral(columns)}`);
  return `read_csv(${args.join(', ')})`;
}

/**
 * A type override for a column the file does not have is a spec error (DuckDB would match
 * it case-insensitively). The nearest name is suggested only when the names are known to be
 * a header, else it goes to the detail (--show-values).
 */
function unknownTypeColumn(key: string, names: readonly string[], trusted: boolean, display: string, specPath: string): SpecError {
  const s = columnSuggestion(key, names, !trusted);
  return new SpecError(`spec ${specPath}.types.${key}: column "${key}" is not in ${display}${s.hint} [rule: spec.unknownColumn]`, {
    file: display,
    path: `${specPath}.types.${key}`,
    column: key,
    rule: 'spec.unknownColumn',
  }, s.detail);
}

/** The cause of a failed DESCRIBE: a type the spec names wrong, or a reader error with its line. */
async function describeError(db: Database, e: unknown, read: CsvRead, display: string, specPath: string): Promise<EdraError> {
  const raw = e instanceof Error ? e.message : String(e);
  const badType = /Type with name (\S+?) does not exist|Value "(.+?)" can not be converted to a DuckDB Type/.exec(raw);
  if (badType) {
    const written = badType[1] ?? badType[2];
    const entry = Object.entries(read.csv.types ?? {}).find(([, t]) => t === written || t.toUpperCase() === written.toUpperCase());
    const where = entry ? `${specPath}.types.${entry[0]}` : `${specPath}.types`;
    return new SpecError(`spec ${where}: "${entry?.[1] ?? written}" is not a DuckDB type (e.g. VARCHAR, BIGINT, DOUBLE, DATE, DECIMAL(10,2)) [rule: spec.csvType]`, {
      path: where,
      rule: 'spec.csvType',
    });
  }
  // DuckDB's sniffer gives up on a small file with a ragged row or an unterminated quote
  // ("Error when sniffing file") without a line number; a read with the header's field
  // count names the line.
  let err = e;
  if (/Error when sniffing file|not possible to detect the CSV Header/i.test(raw)) {
    try {
      await db.rows(`SELECT count(*) AS n FROM ${strictCsvRelation(read)}`);
    } catch (strictErr) {
      err = strictErr;
    }
  }
  // A damaged gzip stream explains whatever DuckDB made of it.
  try {
    await checkCompressedIntact(read.file, display);
  } catch (damaged) {
    if (damaged instanceof DataError) return damaged;
  }
  const mapped = readerError(err, display, 'csv');
  const limit = /Maximum line size of (\d+) bytes/.exec(mapped.detail ?? '');
  if (mapped.location.rule !== 'csv.lineTooLong' || !limit) return mapped;
  // Met while sniffing, DuckDB numbers the line wrongly: find it.
  const line = await firstLongLine(read.file, display, Number(limit[1]));
  if (line === undefined) return mapped;
  const rest = mapped.message.slice(mapped.message.indexOf(': ', display.length) + 2);
  return new DataError(`${display}:${line}: ${rest}`, { ...mapped.location, line }, mapped.detail);
}

/** Whether DuckDB's types (read with its own names) confirm the first line is a header. */
async function describedConfirms(db: Database, file: string, delimiter: string, quote: string, csv: CsvReadOptions, fields: readonly string[]): Promise<boolean> {
  try {
    const rows = await db.rows(
      `DESCRIBE SELECT * FROM read_csv(${quoteString(file)}, delim = ${quoteString(delimiter)}, header = true, skip = 0, quote = ${quoteString(quote)})`,
    );
    return rows.length === fields.length && headerConfirmed(rows.map((r) => ({ type: String(r.column_type) })), fields);
  } catch {
    return false;
  }
}
