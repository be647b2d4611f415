/**
 * The shape of a catalogue case: one kind of bad input, the files it needs (written into a
 * directory of its own) and what edra must answer.
 */
import { gzipSync } from 'node:zlib';

/** Planted in every data cell the catalogue writes: it must appear in no output of edra. */
export const CANARY = 'Kw4CANARYz';

export interface BadInput {
  /** The kind of bad input. */
  name: string;
  /** Files of the case, by name relative to its directory. */
  files: Record<string, string | Uint8Array>;
  /** Arguments; `@x` is the absolute path of file (or directory) x of the case. */
  argv: string[];
  code: 2 | 3;
  rule: string;
  /**
   * Where the first line says the error is, right after `edra: ` (a leading directory is
   * allowed): `data.csv:3` (file and line), `spec.yaml:4:27` (spec line and column), `pop.csv`
   * (a file, no line), or an option (`--levels`).
   */
  at: string;
  /** A data column the first line must name (quoted). */
  column?: string;
}

/** A spec over `data` with QIs age and zip (line 4, `zip` at column 27) and extra YAML after. */
export function spec(data: string, extra = '', qis = '[age, zip]'): string {
  return `dataset:\n  path: ${data}\nattributes:\n  quasiIdentifiers: ${qis}\n${extra}`;
}

/** A small valid table: age, zip, name (the canary in every name). */
export const good = `age,zip,name\n30,02139,${CANARY}1\n30,02139,${CANARY}2\n41,60601,${CANARY}3\n41,60601,${CANARY}4\n`;

/** Rows enough that DuckDB's sniffer (20,480 rows) does not see the last one. */
export function manyRows(n = 25_000): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`${20 + (i % 60)},${String(10000 + (i % 300))},${CANARY}${i}`);
  return lines.join('\n');
}

export const gz = (text: string): Uint8Array => gzipSync(text);
