import type { Database } from './database.js';
import path from 'node:path';
import type { DataFormat } from '../config/spec.js';
import { openSource, type CsvReadOptions, type DataSource } from './source.js';
import { readerError } from './readerErrors.js';
import { quoteIdent, quoteString } from './sql.js';
import {
  hintsFromName,
  isDateType,
  uniqueIdShare,
  valueMatchShare,
  valuePatterns,
  type IdentifierKind,
} from './identifierHints.js';

/** One hint: what a column may be, and why (never a value). */
export interface IdentifierHint {
  kind: IdentifierKind;
  /** `name`: the column name suggests it; `values`: a share of values match the pattern; `type`: a date type. */
  by: 'name' | 'values' | 'type';
  /** Share of sampled non-missing values matching (for `values`). */
  share?: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  /** Non-missing values. */
  present: number;
  missing: number;
  distinct: number;
  hints: IdentifierHint[];
}

export interface DataProfile {
  rows: number;
  columns: ColumnProfile[];
  /** Rows the value patterns were checked on (a uniform sample on large files). */
  patternSampleRows: number;
}

/** Rows the value patterns are checked on. */
const patternSample = 100_000;

/**
 * Profiles every column: type, missing and distinct counts (one full scan), and HIPAA
 * direct-identifier hints from the column name, the type, the distinct ratio, and value
 * patterns checked on a reservoir sample. Reports counts and shares only.
 */
export async function profileSource(db: Database, source: DataSource): Promise<DataProfile> {
  const cols = source.columns;
  const names = cols.map((c) => c.name);
  // CSV columns are read as text here: the profile never fails on a late type mismatch.
  const rel = source.relation(names);
  let counts: Record<string, unknown>;
  let matches: Record<string, unknown>;
  try {
    counts = (
      await db.rows(
        `SELECT count(*)::BIGINT AS n, ${cols
          .map((c, i) => `count(${quoteIdent(c.name)})::BIGINT AS p${i}, count(DISTINCT ${quoteIdent(c.name)})::BIGINT AS d${i}`)
          .join(', ')} FROM ${rel}`,
      )
    )[0];
    const patternCols: string[] = ['count(*)::BIGINT AS n'];
    cols.forEach((c, i) => {
      for (const [kind, re] of Object.entries(valuePatterns)) {
        patternCols.push(
          `coalesce(sum(regexp_full_match(${quoteIdent(c.name)}::VARCHAR, ${quoteString(re)})::INTEGER), 0)::BIGINT AS "m${i}_${kind}"`,
        );
      }
    });
    matches = (
      await db.rows(`SELECT ${patternCols.join(', ')} FROM (SELECT * FROM ${rel} USING SAMPLE reservoir(${patternSample} ROWS) REPEATABLE (1))`)
    )[0];
  } catch (e) {
    throw readerError(e, source.display, source.format, source);
  }
  const rows = Number(counts.n);
  const sampleRows = Number(matches.n);
  const columns = cols.map((c, i): ColumnProfile => {
    const present = Number(counts[`p${i}`]);
    const distinct = Number(counts[`d${i}`]);
    const hints: IdentifierHint[] = hintsFromName(c.name).map((kind) => ({ kind, by: 'name' as const }));
    if (isDateType(c.type) && !hints.some((h) => h.kind === 'fullDate')) hints.push({ kind: 'fullDate', by: 'type' });
    const sampledPresent = Math.min(present, sampleRows);
    for (const kind of Object.keys(valuePatterns) as IdentifierKind[]) {
      const matched = Number(matches[`m${i}_${kind}`]);
      const share = sampledPresent > 0 ? matched / sampledPresent : 0;
      if (share >= valueMatchShare && !hints.some((h) => h.kind === kind && h.by === 'values')) {
        hints.push({ kind, by: 'values', share: Math.min(1, share) });
      }
    }
    if (present >= 20 && distinct / present >= uniqueIdShare) hints.push({ kind: 'uniqueId', by: 'values', share: distinct / present });
    return { name: c.name, type: c.type, present, missing: rows - present, distinct, hints };
  });
  return { rows, columns, patternSampleRows: sampleRows };
}

/** What `edra profile` is told about a file. */
export interface ProfileOpenOptions {
  format?: DataFormat;
  delimiter?: string;
  /** --header / --no-header; undefined: detected. */
  header?: boolean;
}

/**
 * Opens a file for profiling without ever showing a record as column names. Unless the
 * header is declared, a first line whose cells look like values of their columns (numbers
 * in number columns...) is a record: the file is read without header, columns named
 * column1..n. When every column is text, a header cannot be told from a record: the line is
 * skipped as a header but its names are not shown. `note` says which, for the output.
 */
export async function openProfiledSource(db: Database, dataPath: string, options: ProfileOpenOptions): Promise<{ source: DataSource; note?: string }> {
  const abs = path.resolve(dataPath);
  const csv: CsvReadOptions = { ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.header !== undefined ? { header: options.header } : {}) };
  const source = await openSource(db, abs, dataPath, options.format, csv);
  if (!source.namesMayBeData) return { source };
  if (source.columns.some((c) => c.type !== 'VARCHAR')) {
    return {
      source: await openSource(db, abs, dataPath, options.format, { ...csv, header: false }),
      note: 'the first line looks like a record, not a header: it is profiled as one and the columns are named column1..n (pass --header if it holds names)',
    };
  }
  return {
    source: await openSource(db, abs, dataPath, options.format, csv, { positional: true }),
    note: 'every column is text, so the first line cannot be told from a record: it is skipped as a header but not shown, the columns are named column1..n (pass --header to show its names, --no-header to profile it as a record)',
  };
}
