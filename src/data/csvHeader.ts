import type { Database } from './database.js';
import { decodeUtf8Head, readTextHead } from './fileHead.js';

/** What the first line of a delimited text file tells before DuckDB reads it. */
export interface CsvHeader {
  /** The delimiter: declared, or the candidate that splits the header line most. */
  delimiter: string;
  /** Fields of the first line, unquoted (the header, when the file has one). */
  fields: string[];
  /** True when the file holds nothing but white space. */
  empty: boolean;
  /** True when a quote opened on the first line is never closed. */
  unterminatedQuote: boolean;
}

const candidates = [',', '\t', ';', '|'];

/**
 * Reads the first line of a CSV/TSV file — decompressed, and checked to be UTF-8 — to fix
 * the delimiter and the header names. DuckDB's sniffer falls back to a single column when
 * rows are ragged, which would hide the error; with the delimiter fixed, a ragged row is
 * reported by line number. Names are returned, never printed here.
 */
export async function readCsvHeader(db: Database, file: string, display: string, declaredDelimiter?: string, quote = '"'): Promise<CsvHeader> {
  const head = await readTextHead(db, file, display);
  const text = decodeUtf8Head(head, display, head.length < 1 << 20);
  return parseCsvHeader(text, declaredDelimiter, quote);
}

/** The header of a text (the decoded start of a file, BOM removed). */
export function parseCsvHeader(text: string, declaredDelimiter?: string, quote = '"'): CsvHeader {
  const empty = text.trim().length === 0;
  const { line, unterminated } = firstLine(text, quote, declaredDelimiter);
  const delimiter = declaredDelimiter ?? pickDelimiter(line, quote);
  return { delimiter, fields: empty ? [] : splitFields(line, delimiter, quote), empty, unterminatedQuote: !empty && unterminated };
}

/** Outcome of naming the header's columns. */
export type HeaderNames = { names: string[] } | { duplicate: [number, number]; caseOnly: boolean };

/**
 * Column names from header fields, as written but for surrounding white space (DuckDB
 * trims it too). An empty field is named `column<i>` (1-based position). Two names equal
 * up to case are a duplicate: DuckDB's identifiers are case-insensitive, so it would
 * rename the second one (`MRN_1`) and the spec's name would silently miss it.
 */
export function headerNames(fields: readonly string[]): HeaderNames {
  const names = fields.map((f, i) => (f.trim() === '' ? `column${i + 1}` : f.trim()));
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const key = names[i].toLowerCase();
    const before = seen.get(key);
    if (before !== undefined) return { duplicate: [before, i], caseOnly: names[before] !== names[i] };
    seen.set(key, i);
  }
  return { names };
}

/** Names of a file without a header: column1 .. columnN. */
export function positionalNames(count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => `column${i + 1}`);
}

/**
 * The first record's line. A quote opens a quoted field only at the start of a field (after
 * a possible delimiter); inside one, a doubled quote is a quote and a single one closes it.
 */
function firstLine(text: string, quote: string, declared?: string): { line: string; unterminated: boolean } {
  const boundaries = declared !== undefined ? [declared] : candidates;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === quote && text[i + 1] === quote) i++;
      else if (ch === quote) inQuotes = false;
    } else if (quote !== '' && ch === quote && (i === 0 || boundaries.some((d) => text.endsWith(d, i)))) inQuotes = true;
    else if (ch === '\n' || ch === '\r') return { line: text.slice(0, i), unterminated: false };
  }
  return { line: text, unterminated: inQuotes };
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
  return splitLine(line, delimiter, quote).fields;
}

/**
 * Splits one line into fields. A quote opens a quoted field only at the start of a field
 * (elsewhere it is a character, as DuckDB reads it); `unterminated` when one never closes.
 */
export function splitLine(line: string, delimiter: string, quote = '"'): { fields: string[]; unterminated: boolean } {
  const fields: string[] = [];
  let cur = '';
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === quote && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else if (ch === quote) inQuotes = false;
      else cur += ch;
    } else if (ch === quote && quote !== '' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (line.startsWith(delimiter, i)) {
      fields.push(cur);
      cur = '';
      i += delimiter.length - 1;
      fieldStart = true;
    } else {
      cur += ch;
      fieldStart = false;
    }
  }
  fields.push(cur);
  return { fields, unterminated: inQuotes };
}
