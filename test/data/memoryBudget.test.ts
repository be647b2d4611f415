/**
 * The default DuckDB budget: half of min(RAM, cgroup limit), in MiB, at least 256 MiB; the
 * cgroup files' "no limit" forms (v2 "max", v1's near-2^63) are no limit; an open database
 * has it unless --memory-limit is given.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cgroupLimitBytes, defaultMemoryLimit } from '../../src/data/memoryBudget.js';
import { openDatabase } from '../../src/data/database.js';

const GiB = 2 ** 30;

describe('defaultMemoryLimit', () => {
  it('is half of the smaller of RAM and the cgroup limit, in whole MiB', () => {
    expect(defaultMemoryLimit({ totalBytes: 24 * GiB })).toBe('12288MiB');
    expect(defaultMemoryLimit({ totalBytes: 24 * GiB, cgroupBytes: 4 * GiB })).toBe('2048MiB');
    expect(defaultMemoryLimit({ totalBytes: 8 * GiB, cgroupBytes: 64 * GiB })).toBe('4096MiB');
    expect(defaultMemoryLimit({ totalBytes: 3 * GiB + 1 })).toBe('1536MiB');
  });

  it('never goes below 256 MiB', () => {
    expect(defaultMemoryLimit({ totalBytes: 100 * 2 ** 20 })).toBe('256MiB');
  });
});

describe('cgroupLimitBytes', () => {
  const files = (map: Record<string, string>) => (f: string) => {
    if (f in map) return map[f];
    throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  };
  it('reads cgroup v2 memory.max, and "max" is no limit', () => {
    expect(cgroupLimitBytes(files({ '/sys/fs/cgroup/memory.max': '4294967296\n' }))).toBe(4 * GiB);
    expect(cgroupLimitBytes(files({ '/sys/fs/cgroup/memory.max': 'max\n' }))).toBeUndefined();
  });
  it("falls back to v1's memory.limit_in_bytes, whose near-2^63 value is no limit", () => {
    expect(cgroupLimitBytes(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '2147483648' }))).toBe(2 * GiB);
    expect(cgroupLimitBytes(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712' }))).toBeUndefined();
    expect(cgroupLimitBytes(files({}))).toBeUndefined();
  });
});

describe('openDatabase', () => {
  const limitMiB = async (options?: { memoryLimit?: string }) => {
    const db = await openDatabase(options);
    try {
      const bytes = (await db.rows("SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'"))[0].value as string;
      return bytes;
    } finally {
      db.close();
    }
  };
  it("takes the default budget, not DuckDB's 80% of RAM, and --memory-limit over it", async () => {
    const expected = Number(defaultMemoryLimit().replace('MiB', '')) / 1024;
    const shown = await limitMiB();
    // DuckDB shows the limit rounded, e.g. "11.7 GiB"
    const m = /^([\d.]+) (GiB|MiB)$/.exec(shown);
    expect(m).not.toBeNull();
    const gib = m![2] === 'GiB' ? Number(m![1]) : Number(m![1]) / 1024;
    expect(Math.abs(gib - expected)).toBeLessThan(0.1);
    expect(gib).toBeLessThan((os.totalmem() / GiB) * 0.6);
    expect(await limitMiB({ memoryLimit: '700MB' })).toMatch(/^(667\.\d|700\.0) MiB$/);
  });
});
