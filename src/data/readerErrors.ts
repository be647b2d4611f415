import { DataError } from '../errors.js';

/** How the columns of a source are named, so that an error can name one without a value. */
export interface ColumnNaming {
  readonly columns: readonly { name: string }[];
  /** The names come from a first line that may be a record: name columns by position. */
  readonly namesMayBeData: boolean;
}

/** True for DuckDB's out-of-memory error (a resource limit, not a property of the input). */
export function isOutOfMemory(err: unknown): boolean {
  return /^Out of Memory Error/i.test(err instanceof Error ? err.message : String(err));
}

/** The out-of-memory error of a run (exit 3); the CLI turns it into a --memory-limit usage error when one was set. */
export function outOfMemoryError(file: string | undefined, raw: string): DataError {
  return new DataError(
    `${file ? `${file}: ` : ''}DuckDB ran out of memory [rule: resource.memory]; free memory, or set --memory-limit so that DuckDB spills to disk`,
    { ...(file ? { file } : {}), rule: 'resource.memory' },
    raw,
  );
}

/**
 * Turns a DuckDB reader error into a DataError that names the file, line, column and
 * rule, and never a cell value. DuckDB's own message often quotes the offending line or
 * value ("Original Line: ...", "Could not convert string 'x'"), so it is kept only as
 * `detail`, shown with --show-values. Each rule matches DuckDB's wording for that one
 * cause: its messages all list the sniffer's search space ("Quote/Escape Candidates",
 * "Encoding: utf-8"), so a bare word such as "quote" or "UTF-8" says nothing.
 */
export function readerError(err: unknown, file: string, format: string, naming?: ColumnNaming): DataError {
  const raw = err instanceof Error ? err.message : String(err);
  if (isOutOfMemory(err)) return outOfMemoryError(file, raw);
  const csvLine = /CSV Error on Line: (\d+)/.exec(raw) ?? /on line (\d+)/i.exec(raw);
  // DuckDB's JSON reader numbers lines from 2 ("at byte 6 in line 3" is the second line).
  const jsonLine = /Malformed JSON .* in line (\d+)/.exec(raw);
  const line = csvLine ? Number(csvLine[1]) : jsonLine ? Math.max(1, Number(jsonLine[1]) - 1) : undefined;
  const at = line !== undefined ? `${file}:${line}` : file;
  const where = { file, ...(line !== undefined ? { line } : {}) };

  const ragged = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(raw);
  if (ragged) {
    return new DataError(`${at}: row has ${ragged[2]} fields, the header has ${ragged[1]} [rule: csv.ragged]`, { ...where, rule: 'csv.ragged' }, raw);
  }
  const conversion = /Error when converting column "([^"]+)"/.exec(raw);
  if (conversion) {
    const type = /to '([A-Z0-9_() ,]+)'/.exec(raw)?.[1];
    const index = naming ? naming.columns.findIndex((c) => c.name === conversion[1]) : -1;
    const named = naming?.namesMayBeData ? (index >= 0 ? `column ${index + 1}` : 'a column') : `column "${conversion[1]}"`;
    return new DataError(
      `${at}: ${named}: a value does not parse as ${type ?? 'the column type'} [rule: csv.type]; set dataset.csv.types for it (e.g. VARCHAR)`,
      { ...where, ...(naming?.namesMayBeData ? {} : { column: conversion[1] }), rule: 'csv.type' },
      raw,
    );
  }
  if (/Invalid unicode|byte sequence mismatch|not utf-?8 encoded|invalid utf-?8/i.test(raw)) {
    return new DataError(`${at}: text is not valid UTF-8 [rule: data.encoding]; convert it to UTF-8`, { ...where, rule: 'data.encoding' }, raw);
  }
  if (/Value with unterminated quote found/i.test(raw)) {
    return new DataError(`${at}: a quoted field is not closed before the end of its line or file, or a quote is followed by text [rule: csv.quote]`, { ...where, rule: 'csv.quote' }, raw);
  }
  if (/state machine reached an invalid state/i.test(raw)) {
    return new DataError(`${at}: not RFC 4180 CSV: a quote or escape character the reader cannot place [rule: csv.malformed]; check dataset.csv.quote and escape`, { ...where, rule: 'csv.malformed' }, raw);
  }
  const long = /Maximum line size of (\d+) bytes exceeded/i.exec(raw);
  if (long) {
    return new DataError(`${at}: a line is longer than ${long[1]} bytes (a quote opened and never closed?) [rule: csv.lineTooLong]`, { ...where, rule: 'csv.lineTooLong' }, raw);
  }
  if (/not a GZIP stream|zstd|decompress|compressed/i.test(raw) && /IO Error|Invalid Input/i.test(raw)) {
    return new DataError(`${file}: the compressed stream is corrupt [rule: data.compression]`, { file, rule: 'data.compression' }, raw);
  }
  if (/Error when sniffing file|not possible to detect the CSV Header/i.test(raw)) {
    return new DataError(
      `${file}: cannot detect the CSV dialect (delimiter, quote, escape) [rule: csv.dialect]; set dataset.csv.delimiter / quote / escape`,
      { file, rule: 'csv.dialect' },
      raw,
    );
  }
  if (format === 'parquet' && /magic bytes|not a parquet file|too small to be a Parquet file|parquet/i.test(raw)) {
    return new DataError(`${file}: not a readable Parquet file [rule: parquet.invalid]`, { file, rule: 'parquet.invalid' }, raw);
  }
  if ((format === 'json' || format === 'ndjson') && /expected records, but got non-record JSON/i.test(raw)) {
    return new DataError(`${file}: a record is not a JSON object (edra reads one object per record, its keys the columns) [rule: json.notRecords]`, { file, rule: 'json.notRecords' }, raw);
  }
  if ((format === 'json' || format === 'ndjson') && /Malformed JSON|JSON/i.test(raw)) {
    return new DataError(`${at}: malformed JSON [rule: json.malformed]`, { ...where, rule: 'json.malformed' }, raw);
  }
  if (/^Out of Memory Error/.test(raw)) {
    return new DataError(
      `${file}: DuckDB ran out of memory or of temporary disk space while reading it [rule: data.outOfMemory]; raise --memory-limit, or give --temp-dir a volume with more room`,
      { file, rule: 'data.outOfMemory' },
      raw,
    );
  }
  const kind = /^([A-Za-z ]+Error):/.exec(raw)?.[1] ?? 'reader error';
  return new DataError(
    `${at}: cannot read as ${format} (${kind}) [rule: data.unreadable]; --show-values prints the reader's full message`,
    { ...where, rule: 'data.unreadable' },
    raw,
  );
}
