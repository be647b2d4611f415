import { openSync, readSync, closeSync } from 'node:fs';

/** What the first line of a delimited text file tells before DuckDB reads it. */
export interface CsvHeader {
  /** The delimiter: declared, or the candidate that splits the header line most. */
  delimiter: string;
  /** Header fields, unquoted (only meaningful when the file has a header). */
  names: string[];
  /** True when the file holds nothing but white space. */
  empty: boolean;
}

const candidates = [',', '\t', ';', '|'];

/**
 * Reads the first line of a CSV/TSV file (at most 1 MiB) to fix the delimiter and the
 * header names. DuckDB's sniffer falls back to a single column when rows are ragged,
 * which would hide the error; with the delimiter fixed, a ragged row is reported by
 * line number. The header holds column names only, never cell values.
 */
export function readCsvHeader(file: string, declaredDelimiter?: string, quote = '"'): CsvHeader {
  const fd = openSync(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, 0);
    text = buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const empty = text.trim().length === 0;
  const line = firstLine(text, quote);
  const delimiter = declaredDelimiter ?? pickDelimiter(line, quote);
  return { delimiter, names: empty ? [] : splitFields(line, delimiter, quote), empty };
}

function firstLine(text: string, quote: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === quote) inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return text;
}

function pickDelimiter(line: string, quote: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = splitFields(line, d, quote).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Splits one line into fields, honouring quotes ("" inside quotes is a quote). */
export function splitFields(line: string, delimiter: string, quote = '"'): string[] {
  const fields: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === quote && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else if (ch === quote) inQuotes = false;
      else cur += ch;
    } else if (ch === quote && quote !== '') inQuotes = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(cur);
      cur = '';
      i += delimiter.length - 1;
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}
