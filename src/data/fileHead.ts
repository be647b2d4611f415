/**
 * The first bytes of a data file, as DuckDB will see them: decompressed (.gz, .zst) and
 * checked for what DuckDB would misread — a UTF-16 file, a compressed or binary file under a
 * text name, bytes that are not UTF-8 — so that each gets an error naming its true cause
 * instead of a ragged row or a sniffer failure. Nothing read here is ever echoed.
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { createGunzip, constants } from 'node:zlib';
import { DataError } from '../errors.js';
import type { Database } from './database.js';
import { quoteString } from './sql.js';

/** Compression DuckDB applies by the file name (its `compression = 'auto'`). */
export type Compression = 'none' | 'gzip' | 'zstd';

/** Bytes of (decompressed) text read to find the header line. */
const headBytes = 1 << 20;

/** The compression DuckDB infers from the file name. */
export function compressionOf(name: string): Compression {
  const lower = name.toLowerCase();
  if (lower.endsWith('.gz')) return 'gzip';
  if (lower.endsWith('.zst')) return 'zstd';
  return 'none';
}

/** Up to `max` raw bytes from the start of a file. */
export function readRawHead(file: string, max = headBytes): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(max);
    const n = readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** What the first bytes of a file look like, when that is not text. */
export function binaryKind(head: Buffer): string | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip-compressed';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd-compressed';
  const ascii = head.subarray(0, 8).toString('latin1');
  if (ascii.startsWith('PAR1')) return 'a Parquet file';
  if (ascii.startsWith('ARROW1')) return 'an Arrow IPC file';
  if (ascii.startsWith('PK\u0003\u0004')) return 'a ZIP archive (e.g. an .xlsx workbook)';
  if (ascii.startsWith('%PDF')) return 'a PDF document';
  return undefined;
}

/**
 * The decompressed head of a delimited text file (at most 1 MiB), checked: a compressed
 * or binary file under a text name, and a `.gz` / `.zst` name on bytes that are not
 * compressed, are data errors (rule data.compression / data.format).
 */
export async function readTextHead(db: Database, file: string, display: string): Promise<Buffer> {
  const compression = compressionOf(display);
  const raw = readRawHead(file, compression === 'none' ? headBytes : 64);
  const kind = raw.length >= 4 ? binaryKind(raw) : undefined;
  if (compression === 'none') {
    if (kind) {
      const hint = kind.endsWith('compressed') ? `; name it ${display}${kind.startsWith('gzip') ? '.gz' : '.zst'}` : '; set dataset.format';
      throw new DataError(`${display}: the file is ${kind}, not delimited text [rule: data.format]${hint}`, { file: display, rule: 'data.format' });
    }
    return raw;
  }
  const expected = compression === 'gzip' ? 'gzip-compressed' : 'zstd-compressed';
  if (kind !== expected) {
    throw new DataError(`${display}: the name says ${compression} but the file is not ${expected} [rule: data.compression]`, {
      file: display,
      rule: 'data.compression',
    });
  }
  return compression === 'gzip' ? gunzipHead(file, display) : zstdHead(db, file, display);
}

/** The first MiB of a gzip stream; a truncated stream yields what it holds. */
function gunzipHead(file: string, display: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const input = createReadStream(file);
    const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    const finish = (e?: unknown) => {
      if (settled) return;
      settled = true;
      input.destroy();
      gunzip.destroy();
      if (e === undefined) resolve(Buffer.concat(chunks).subarray(0, headBytes));
      else reject(compressionError(display, 'gzip', e));
    };
    gunzip.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= headBytes) finish();
    });
    gunzip.on('end', () => finish());
    gunzip.on('error', (e) => finish(e));
    input.on('error', (e) => finish(e));
    input.pipe(gunzip);
  });
}

/** The first lines of a zstd file, through DuckDB (Node 20's zlib has no zstd). */
async function zstdHead(db: Database, file: string, display: string): Promise<Buffer> {
  try {
    const rows = await db.rows(
      `SELECT l FROM read_csv(${quoteString(file)}, columns = {'l': 'VARCHAR'}, header = false, auto_detect = false, delim = E'\\x01', quote = '', escape = '', strict_mode = false, new_line = '\\n') LIMIT 64`,
    );
    return Buffer.from(rows.map((r) => String(r.l ?? '')).join('\n') + (rows.length > 0 ? '\n' : ''), 'utf8');
  } catch (e) {
    if (/unicode|utf-?8/i.test(e instanceof Error ? e.message : String(e))) {
      throw new DataError(`${display}: text is not valid UTF-8 [rule: data.encoding]`, { file: display, rule: 'data.encoding' });
    }
    throw compressionError(display, 'zstd', e);
  }
}

function compressionError(display: string, kind: string, e: unknown): DataError {
  return new DataError(`${display}: the ${kind} stream is corrupt [rule: data.compression]`, { file: display, rule: 'data.compression' }, String(e));
}

/**
 * Reads a gzip file to its end and rejects when the stream is truncated or corrupt: DuckDB
 * reads a truncated gzip file without complaint and silently loses the rest of the rows.
 * (Node 20 cannot decompress zstd; a truncated .zst file goes unnoticed.)
 */
export async function checkCompressedIntact(file: string, display: string): Promise<void> {
  if (compressionOf(display) !== 'gzip') return;
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(file);
    const gunzip = createGunzip();
    const fail = (e: unknown) => {
      input.destroy();
      gunzip.destroy();
      reject(
        new DataError(`${display}: the gzip stream is truncated or corrupt: rows past the damage would be lost [rule: data.compression]`, {
          file: display,
          rule: 'data.compression',
        }, String(e)),
      );
    };
    gunzip.on('data', () => {});
    gunzip.on('end', () => resolve());
    gunzip.on('error', fail);
    input.on('error', fail);
    input.pipe(gunzip);
  });
}

/**
 * Checks that a head of text is UTF-8 (BOM allowed), and returns it decoded: a UTF-16/32
 * file (by its byte-order mark, or NUL bytes between ASCII characters) and a byte that
 * is not UTF-8 are data errors naming the line. `complete` says the head is the whole text.
 */
export function decodeUtf8Head(head: Buffer, display: string, complete: boolean, rule = 'data.encoding'): string {
  const wide = wideEncoding(head);
  if (wide) {
    throw new DataError(`${display}:1: text is ${wide}, not UTF-8 [rule: ${rule}]; convert it (e.g. iconv -f ${wide} -t UTF-8)`, {
      file: display,
      line: 1,
      rule,
    });
  }
  const bad = firstInvalidUtf8(head, complete);
  if (bad >= 0) {
    const line = lineAt(head, bad);
    throw new DataError(`${display}:${line}: text is not valid UTF-8 (a Latin-1 or Windows-1252 file?) [rule: ${rule}]; convert it to UTF-8`, {
      file: display,
      line,
      rule,
    });
  }
  let text = head.toString('utf8');
  if (!complete) text = text.replace(/[\u{fffd}]$/u, '');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function wideEncoding(head: Buffer): string | undefined {
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return 'UTF-32LE';
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return 'UTF-32BE';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'UTF-16LE';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'UTF-16BE';
  // Without a mark: ASCII text in UTF-16 has a NUL byte beside every character.
  const sample = head.subarray(0, 512);
  if (sample.length < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  const half = sample.length / 2;
  if (oddNul > half * 0.6 && evenNul < half * 0.1) return 'UTF-16LE';
  if (evenNul > half * 0.6 && oddNul < half * 0.1) return 'UTF-16BE';
  return undefined;
}

/** 1-based line of a byte offset. */
function lineAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. When
 * the buffer is not the whole text, a sequence cut off at its end is not an error.
 */
export function firstInvalidUtf8(buf: Uint8Array, complete = true): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return complete ? i : -1;
      const c = buf[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The 1-based number of the first line longer than `limit` bytes (decompressing gzip), or
 * undefined. DuckDB numbers such a line wrongly when it meets it while sniffing.
 */
export async function firstLongLine(file: string, display: string, limit: number): Promise<number | undefined> {
  if (compressionOf(display) === 'zstd') return undefined;
  const input = createReadStream(file);
  const stream = compressionOf(display) === 'gzip' ? input.pipe(createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })) : input;
  let line = 1;
  let length = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); ; nl = buf.indexOf(0x0a, start)) {
        const end = nl < 0 ? buf.length : nl;
        length += end - start;
        if (length > limit) return line;
        if (nl < 0) break;
        line++;
        length = 0;
        start = nl + 1;
      }
    }
  } catch {
    return undefined;
  } finally {
    input.destroy();
  }
  return undefined;
}
