import { renameSync, writeFileSync } from 'node:fs';
import { forgetTempFile, removeTempFile, sweepStale, tempFileFor } from './tempFiles.js';
import path from 'node:path';

/**
 * Writes a file atomically: the content goes to a temporary file beside the target (named
 * with this process's pid, registered for removal on exit and signals, swept by a later run
 * after a SIGKILL), then a rename replaces the target in one step. A failure leaves no
 * partial output.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  sweepStale(path.dirname(path.resolve(file)));
  const tmp = tempFileFor(file);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    renameSync(tmp, file);
    forgetTempFile(tmp);
  } catch (e) {
    removeTempFile(tmp);
    throw e;
  }
}
