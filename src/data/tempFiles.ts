/**
 * The temporary files and directories of a run, which hold record-level data: the partial
 * output written beside its target before the rename (`.<name>.edra-tmp-<host>-<pid>-<hex>`)
 * and DuckDB's private spill directory (`<temp dir>/edra-run-<host>-<pid>-<random>`, mode
 * 0700). Every one is registered while it exists, so that the CLI removes it on any exit
 * (normal, error, SIGINT, SIGTERM, SIGHUP). A SIGKILL cannot be caught: the next run sweeps
 * the leftovers of processes that are gone, by the pid in their name and a tag of this host
 * (so a shared directory never loses the files of a live run on another machine).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** A short, non-identifying tag of this machine (8 hex digits of the host name's SHA-256). */
export const HOST_TAG: string = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

const liveFiles = new Set<string>();
const liveDirs = new Set<string>();

const TEMP_FILE = /^\..+\.edra-tmp-([0-9a-f]{8})-(\d+)-[0-9a-f]+(\.body)?$/;
const RUN_DIR = /^edra-run-([0-9a-f]{8})-(\d+)-/;
/** Spill directories of edra before per-run directories (`edra-spill-<pid>`, this host's temp dir). */
const LEGACY_SPILL_DIR = /^edra-spill-(\d+)$/;

/** A temporary path beside `target` for its atomic write, registered for removal. */
export function tempFileFor(target: string): string {
  const abs = path.resolve(target);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.edra-tmp-${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}`);
  liveFiles.add(tmp);
  return tmp;
}

/** Registers a further temporary path (e.g. a part file) for removal on exit. */
export function registerTempFile(file: string): void {
  liveFiles.add(file);
}

/** The temporary file is gone (renamed into place or removed): forget it. */
export function forgetTempFile(file: string): void {
  liveFiles.delete(file);
}

/** Removes a temporary file (if it exists) and forgets it. */
export function removeTempFile(file: string): void {
  rmSync(file, { force: true });
  liveFiles.delete(file);
}

/**
 * Creates a private directory for DuckDB's temporary files under `base` (mode 0700, owner
 * only), after sweeping the directories of runs that are gone. Registered for removal.
 */
export function createRunDir(base: string): string {
  sweepStale(base);
  const dir = mkdtempSync(path.join(base, `edra-run-${HOST_TAG}-${process.pid}-`));
  chmodSync(dir, 0o700);
  liveDirs.add(dir);
  return dir;
}

/** Removes a run directory and everything in it, and forgets it. */
export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}

/** Removes every registered temporary file and directory (synchronous: for exit and signal handlers). */
export function removeAllTemps(): void {
  for (const f of liveFiles) rmSync(f, { force: true });
  liveFiles.clear();
  for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
  liveDirs.clear();
}


/** True when a process with this pid runs (or exists under another user). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in `dir`, the temporary files and run directories edra processes of this host left
 * behind (killed with SIGKILL, or by a power cut): those whose pid no longer runs. Returns
 * how many were removed. A pid reused by another process keeps its files until it ends.
 */
export function sweepStale(dir: string): number {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of entries) {
    const m = TEMP_FILE.exec(name) ?? RUN_DIR.exec(name);
    const legacy = m ? undefined : LEGACY_SPILL_DIR.exec(name);
    const pid = m ? Number(m[2]) : legacy ? Number(legacy[1]) : undefined;
    if (pid === undefined || (m && m[1] !== HOST_TAG) || alive(pid)) continue;
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // Not ours to remove (permissions): left alone.
    }
  }
  return removed;
}

/**
 * Why a write failed, in words, when the error is one of writing (a full disk, a file-size
 * limit, permissions, a missing directory); undefined for any other error.
 */
export function writeFailure(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const text = `${code ?? ''} ${e instanceof Error ? e.message : String(e)}`;
  if (/ENOSPC|No space left/i.test(text)) return 'no space left on the device';
  if (/EFBIG|File too large/i.test(text)) return 'the file is too large (file-size limit)';
  if (/EDQUOT|quota/i.test(text)) return 'disk quota exceeded';
  if (/EROFS|Read-only file system/i.test(text)) return 'read-only file system';
  if (/EACCES|EPERM|Permission denied/i.test(text)) return 'permission denied';
  if (/ENOENT|No such file|Cannot open/i.test(text)) return 'no such directory';
  if (/EISDIR|Is a directory/i.test(text)) return 'it is a directory';
  if (/Could not write|EIO/i.test(text)) return 'write error';
  return undefined;
}
