import { readFileSync } from 'node:fs';
import { DataError, SpecError } from '../errors.js';
import { splitFields } from '../data/csvHeader.js';

/** A value hierarchy in ARX's CSV format: one row per value, column i = its level-i label. */
export interface ValueHierarchyTable {
  file: string;
  /** rows[r][i]: label of row r at level i (level 0 is the original value). */
  rows: string[][];
  /** Number of levels (columns); height = levels - 1. */
  levels: number;
}

/**
 * Reads an ARX hierarchy file (no header; delimiter ';' by default; LF or CRLF). Every row
 * must have the same number of columns and a value may appear only once in column 0.
 * A hierarchy describes the domain, not records, but its labels are echoed nowhere.
 */
export function readArxHierarchy(file: string, display: string, delimiter = ';'): ValueHierarchyTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecError(`${display}: cannot read the hierarchy file: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')} [rule: hierarchy.unreadable]`, {
      file: display,
      rule: 'hierarchy.unreadable',
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  const rows: string[][] = [];
  let levels = -1;
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (line.length === 0) return;
    const fields = splitFields(line, delimiter);
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
  });
  if (rows.length === 0) throw new DataError(`${display}: the hierarchy file is empty [rule: hierarchy.empty]`, { file: display, rule: 'hierarchy.empty' });
  return { file: display, rows, levels };
}
