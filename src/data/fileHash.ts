import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Bytes read per call: large enough that the per-call cost vanishes, small enough to stay in cache. */
export const HASH_CHUNK = 1 << 20;

/**
 * SHA-256 of a file (hex): identifies the exact input a result refers to. It runs while DuckDB
 * scans the same file (src/engine/input.ts), so it must cost as little CPU as possible: one
 * reused buffer filled by positional reads (no stream, no allocation per chunk; OpenSSL's
 * SHA-256 uses the CPU's SHA extensions where there are any). On the 777 MB benchmark CSV
 * this takes about half the CPU of a 64 KiB read stream (bench/hash.ts, docs/performance.md).
 */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(HASH_CHUNK);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, HASH_CHUNK, position);
      if (bytesRead === 0) break;
      hash.update(bytesRead === HASH_CHUNK ? buffer : buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
