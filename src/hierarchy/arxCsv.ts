import { readFileSync } from 'node:fs';
import { DataError, SpecError } from '../errors.js';
import { splitLine } from '../data/csvHeader.js';
import { decodeUtf8Head } from '../data/fileHead.js';
import type { Generalizer } from './generalizer.js';

/** A value hierarchy in ARX's CSV format: one row per value, column i = its level-i label. */
export interface ValueHierarchyTable {
  file: string;
  /** rows[r][i]: label of row r at level i (level 0 is the original value). */
  rows: string[][];
  /** lines[r]: 1-based line of row r in the file (empty lines are skipped). */
  lines: number[];
  /** Number of levels (columns); height = levels - 1. */
  levels: number;
}

/**
 * Reads an ARX hierarchy file (no header; delimiter ';' by default; LF or CRLF). Every row
 * must have the same number of columns and a value may appear only once in column 0.
 * A hierarchy describes the domain, not records, but its labels are echoed nowhere.
 */
export function readArxHierarchy(file: string, display: string, delimiter = ';'): ValueHierarchyTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecError(`${display}: cannot read the hierarchy file: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')} [rule: hierarchy.unreadable]`, {
      file: display,
      rule: 'hierarchy.unreadable',
    });
  }
  // UTF-16 or Latin-1 would read as labels that match nothing: say so, with the line.
  const text = decodeUtf8Head(bytes, display, true, 'hierarchy.encoding');
  const lines = text.split(/\r?\n/);
  const rows: string[][] = [];
  const rowLines: number[] = [];
  let levels = -1;
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (line.length === 0) return;
    const { fields, unterminated } = splitLine(line, delimiter);
    if (unterminated) {
      throw new DataError(`${display}:${i + 1}: a quoted label is not closed on its line [rule: hierarchy.quote]`, { file: display, line: i + 1, rule: 'hierarchy.quote' });
    }
    if (levels === -1) levels = fields.length;
    if (fields.length !== levels) {
      throw new DataError(`${display}:${i + 1}: row has ${fields.length} levels, the first row has ${levels} [rule: hierarchy.ragged]`, {
        file: display,
        line: i + 1,
        rule: 'hierarchy.ragged',
      });
    }
    if (seen.has(fields[0])) {
      throw new DataError(`${display}:${i + 1}: a value is listed twice in column 1 [rule: hierarchy.duplicateValue]`, {
        file: display,
        line: i + 1,
        rule: 'hierarchy.duplicateValue',
      });
    }
    seen.add(fields[0]);
    rows.push(fields);
    rowLines.push(i + 1);
  });
  if (rows.length === 0) throw new DataError(`${display}: the hierarchy file is empty [rule: hierarchy.empty]`, { file: display, rule: 'hierarchy.empty' });
  return { file: display, rows, lines: rowLines, levels };
}

/**
 * The "two parents" check: across all rows of the file, the level-i label of a row must
 * determine its level-(i+1) label (the file describes a tree, as ARX requires of a
 * hierarchy). Otherwise a DataError (rule hierarchy.inconsistent) names the file, the line
 * of the row and the levels, never the labels. `attribute` is the QI it is declared for.
 */
export function checkArxConsistency(table: ValueHierarchyTable, attribute?: string): void {
  for (let i = 0; i + 1 < table.levels; i++) {
    const first = new Map<string, number>();
    table.rows.forEach((row, r) => {
      const seen = first.get(row[i]);
      if (seen === undefined) {
        first.set(row[i], r);
      } else if (table.rows[seen][i + 1] !== row[i + 1]) {
        throw new DataError(
          `${table.file}:${table.lines[r]}: the level-${i} label of this row has another level-${i + 1} label on line ${table.lines[seen]}: a label must have a single parent [rule: hierarchy.inconsistent]`,
          { file: table.file, line: table.lines[r], ...(attribute !== undefined ? { column: attribute } : {}), rule: 'hierarchy.inconsistent' },
        );
      }
    });
  }
}

/**
 * The generalizer of an ARX file, after the consistency check: a value's labels are the
 * other columns of its row (taken literally, never re-derived from the labels); values
 * absent from column 0 are not covered. The leaves are the rows of the file: the share of a
 * label is the number of rows carrying it at that level / the number of rows, as ARX's
 * DomainShareMaterialized computes it for Iyengar's loss. domain(l) = distinct labels of
 * column l in file order.
 */
export function arxGeneralizer(table: ValueHierarchyTable, attribute?: string): Generalizer {
  checkArxConsistency(table, attribute);
  const rowOf = new Map<string, string[]>();
  for (const row of table.rows) rowOf.set(row[0], row);
  const counts: Map<string, number>[] = [];
  const domains: string[][] = [];
  for (let l = 0; l < table.levels; l++) {
    const c = new Map<string, number>();
    for (const row of table.rows) c.set(row[l], (c.get(row[l]) ?? 0) + 1);
    counts.push(c);
    domains.push([...c.keys()]);
  }
  return {
    kind: 'file',
    height: table.levels - 1,
    generalize: (value) => rowOf.get(value)?.slice(1),
    domain: (level) => domains[level],
    leaves: { total: table.rows.length, under: (level, label) => counts[level]?.get(label) ?? 0 },
  };
}
