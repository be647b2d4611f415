/**
 * edra's default memory budget for DuckDB, derived from the machine, so that a large file
 * (100M rows) is analysed without flags: DuckDB groups within the budget and spills the rest
 * to the run's private temp directory (removed at the end).
 *
 * DuckDB's own default is 80% of the machine's RAM. That suits DuckDB alone, but edra's arrays
 * (the frequency table's codes and counts, class sizes, the sensitive histograms, the search's
 * roll-ups) live outside DuckDB's buffer pool and come on top: at 10M unique-heavy rows they are
 * about as large as DuckDB's aggregate. So the default gives DuckDB half of the memory this
 * process may use: the smaller of the machine's RAM and the cgroup limit (containers, CI).
 * `--memory-limit` overrides it.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The share of the available memory given to DuckDB by default. */
export const DEFAULT_DUCKDB_SHARE = 0.5;

/** What the budget is derived from (bytes); undefined where there is no limit. */
export interface MemoryFacts {
  totalBytes: number;
  cgroupBytes?: number;
}

/** The cgroup's memory limit (v2 memory.max, else v1 memory.limit_in_bytes); undefined if none or unreadable. */
export function cgroupLimitBytes(read: (file: string) => string = (f) => readFileSync(f, 'utf8')): number | undefined {
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    let text: string;
    try {
      text = read(file).trim();
    } catch {
      continue;
    }
    if (text === 'max') return undefined;
    const n = Number(text);
    // v1 writes a huge number (about 2^63, rounded to pages) for "no limit".
    if (Number.isFinite(n) && n > 0 && n < 2 ** 60) return n;
    return undefined;
  }
  return undefined;
}

/** This machine's facts. */
export function memoryFacts(): MemoryFacts {
  return { totalBytes: os.totalmem(), cgroupBytes: cgroupLimitBytes() };
}

/**
 * DuckDB's memory_limit by default, in whole MiB (DuckDB's syntax, e.g. '11776MiB'):
 * DEFAULT_DUCKDB_SHARE x min(RAM, cgroup limit), and at least 256 MiB.
 */
export function defaultMemoryLimit(facts: MemoryFacts = memoryFacts()): string {
  const available = Math.min(facts.totalBytes, facts.cgroupBytes ?? Infinity);
  const mib = Math.max(256, Math.floor((available * DEFAULT_DUCKDB_SHARE) / 2 ** 20));
  return `${mib}MiB`;
}
