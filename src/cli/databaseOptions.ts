/**
 * `--memory-limit` and `--temp-dir`, on every command that loads data (analyze, profile,
 * search, anonymize, release). The memory limit bounds DuckDB's buffer pool (its grouping,
 * sorting and joining), not the whole process: edra's own arrays (the frequency table, class
 * sizes, SUDA, the search) come on top. The temp directory is where the run's private spill
 * directory is made (mode 0700, removed at exit).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import type { DatabaseOptions } from '../data/database.js';
import { SpecError } from '../errors.js';

/** The options as commander parses them. */
export interface DatabaseFlags {
  memoryLimit?: string;
  tempDir?: string;
}

/** Checks a memory size such as 1200MB or 2GiB. */
export function memorySize(value: string): string {
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) {
    throw new InvalidArgumentError('expected a size such as 1200MB or 2GB.');
  }
  return value;
}

/** Adds --memory-limit and --temp-dir to a command. */
export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--memory-limit <size>', "cap DuckDB's buffer pool (e.g. 1200MB; not the whole process); large groupings spill to the temp directory", memorySize)
    .option('--temp-dir <dir>', "where DuckDB's private spill directory is made (default: the system temp directory); removed at exit");
}

/** The database options of the flags; SpecError [rule: cli.tempDir] when --temp-dir is not a writable directory. */
export function databaseOptions(flags: DatabaseFlags): DatabaseOptions | undefined {
  if (flags.tempDir !== undefined) {
    let ok = false;
    try {
      ok = statSync(flags.tempDir).isDirectory();
      accessSync(flags.tempDir, constants.W_OK | constants.X_OK);
    } catch {
      ok = false;
    }
    if (!ok) throw new SpecError(`--temp-dir ${flags.tempDir}: not a writable directory [rule: cli.tempDir]`, { file: flags.tempDir, rule: 'cli.tempDir' });
  }
  if (flags.memoryLimit === undefined && flags.tempDir === undefined) return undefined;
  return { ...(flags.memoryLimit ? { memoryLimit: flags.memoryLimit } : {}), ...(flags.tempDir ? { tempDir: flags.tempDir } : {}) };
}
