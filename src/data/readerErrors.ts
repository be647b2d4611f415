import { DataError } from '../errors.js';

/**
 * Turns a DuckDB reader error into a DataError that names the file, line, column and
 * rule, and never a cell value. DuckDB's own message often quotes the offending line or
 * value ("Original Line: ...", "Could not convert string 'x'"), so it is kept only as
 * `detail`, shown with --show-values.
 */
export function readerError(err: unknown, file: string, format: string): DataError {
  const raw = err instanceof Error ? err.message : String(err);
  const lineMatch = /CSV Error on Line: (\d+)/.exec(raw) ?? /on line (\d+)/i.exec(raw);
  const line = lineMatch ? Number(lineMatch[1]) : undefined;
  const at = line !== undefined ? `${file}:${line}` : file;

  const ragged = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(raw);
  if (ragged) {
    return new DataError(
      `${at}: row has ${ragged[2]} fields, the header has ${ragged[1]} [rule: csv.ragged]`,
      { file, line, rule: 'csv.ragged' },
      raw,
    );
  }
  const conversion = /Error when converting column "([^"]+)"/.exec(raw);
  if (conversion) {
    const type = /to '([A-Z0-9_() ,]+)'/.exec(raw)?.[1];
    return new DataError(
      `${at}: column "${conversion[1]}": a value does not parse as ${type ?? 'the column type'} [rule: csv.type]; set dataset.csv.types for it (e.g. VARCHAR)`,
      { file, line, column: conversion[1], rule: 'csv.type' },
      raw,
    );
  }
  // Not /UTF-?8/ alone: every sniffer failure lists "Encoding: utf-8" in its search space.
  if (/invalid unicode|byte sequence mismatch|not utf-?8 encoded|invalid utf-?8/i.test(raw)) {
    return new DataError(`${at}: text is not valid UTF-8 [rule: data.encoding]`, { file, line, rule: 'data.encoding' }, raw);
  }
  if (/unterminated quote|quote/i.test(raw) && /CSV/.test(raw)) {
    return new DataError(`${at}: unterminated or misplaced quote [rule: csv.quote]`, { file, line, rule: 'csv.quote' }, raw);
  }
  if (/Error when sniffing file/i.test(raw)) {
    return new DataError(
      `${file}: cannot detect the CSV dialect (delimiter, quote, escape) [rule: csv.dialect]; set dataset.csv.delimiter / quote / escape`,
      { file, rule: 'csv.dialect' },
      raw,
    );
  }
  if (/magic bytes|not a parquet file|parquet/i.test(raw) && format === 'parquet') {
    return new DataError(`${file}: not a readable Parquet file [rule: parquet.invalid]`, { file, rule: 'parquet.invalid' }, raw);
  }
  if (/JSON/i.test(raw) && (format === 'json' || format === 'ndjson')) {
    return new DataError(`${at}: malformed JSON [rule: json.malformed]`, { file, line, rule: 'json.malformed' }, raw);
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
    { file, line, rule: 'data.unreadable' },
    raw,
  );
}
