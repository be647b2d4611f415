/**
 * A pre-scan of JSON and NDJSON files before DuckDB reads them: DuckDB's JSON reader and its
 * type detection recurse once per nesting level, so a cell of tens of thousands of nested
 * arrays or objects (even in a field no spec uses) overflows a thread's stack and kills the
 * process with a segmentation fault. The file is streamed in chunks once, counting the
 * nesting of `[` and `{` outside strings, and refused beyond MAX_JSON_DEPTH.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { DataError } from '../errors.js';

/**
 * The deepest nesting accepted (a record object counts 1, a field holding a list 2, ...).
 * Real data nests a few levels (FHIR about 10); DuckDB crashes from about 15,000 levels on
 * Linux's 8 MiB thread stacks and sooner on platforms with smaller ones (512 KiB on macOS).
 */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** Byte classes: 0 nothing, 1 opens, 2 closes, 3 quote, 4 newline, 5 backslash. */
const CLASS = new Uint8Array(256);
CLASS[0x5b] = CLASS[0x7b] = 1; // [ {
CLASS[0x5d] = CLASS[0x7d] = 2; // ] }
CLASS[QUOTE] = 3;
CLASS[NEWLINE] = 4;
CLASS[BACKSLASH] = 5;

/** Where the nesting first exceeded the limit (1-based line), or undefined. */
export function jsonDepthExcess(file: string, limit = MAX_JSON_DEPTH, chunkSize = 1 << 20): number | undefined {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    let depth = 0;
    let line = 1;
    let inString = false;
    let escaped = false;
    for (;;) {
      const n = readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) return undefined;
      for (let i = 0; i < n; i++) {
        const c = CLASS[buf[i]];
        if (escaped) {
          escaped = false;
          if (c === 4) line++;
          continue;
        }
        if (c === 0) continue;
        if (c === 4) line++;
        else if (inString) {
          if (c === 3) inString = false;
          else if (c === 5) escaped = true;
        } else if (c === 1) {
          if (++depth > limit) return line;
        } else if (c === 2) {
          if (depth > 0) depth--;
        } else if (c === 3) inString = true;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Throws DataError [rule: json.tooDeep] when the file nests deeper than MAX_JSON_DEPTH. */
export function checkJsonDepth(file: string, display: string): void {
  const line = jsonDepthExcess(file);
  if (line === undefined) return;
  throw new DataError(`${display}:${line}: JSON nested more than ${MAX_JSON_DEPTH} levels deep [rule: json.tooDeep]`, {
    file: display,
    line,
    rule: 'json.tooDeep',
  });
}
