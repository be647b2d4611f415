/**
 * DuckDB's temporary files hold raw cell values when it spills: they go to a private directory
 * made per database (mode 0700) under --temp-dir or the system temp directory, never DuckDB's
 * default `.tmp` in the working directory, and the directory goes when the database closes.
 * Leftovers of dead runs (SIGKILL) are swept by pid and host tag; --memory-limit and
 * --temp-dir are options of every command that loads data.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/data/database.js';
import { HOST_TAG, sweepStale } from '../../src/data/tempFiles.js';
import { cli, firstLine, repoRoot, tempDir } from '../cli/helpers.js';

const t = tempDir('edra-rundir-');
afterAll(() => t.cleanup());

describe('the private spill directory', () => {
  it('is made per database under tempDir with mode 0700, is DuckDB temp_directory, receives the spill, and goes on close', async () => {
    const base = t.file('base');
    fs.mkdirSync(base);
    const db = await openDatabase({ tempDir: base, memoryLimit: '64MB', threads: 1 });
    const dirs = fs.readdirSync(base);
    expect(dirs).toHaveLength(1);
    expect(dirs[0]).toMatch(new RegExp(`^edra-run-${HOST_TAG}-${process.pid}-`));
    const dir = path.join(base, dirs[0]);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect((await db.rows(`SELECT current_setting('temp_directory') AS d`))[0].d).toBe(dir);
    // A table larger than the memory limit is spilled: its blocks land in the private directory.
    await db.exec(`CREATE TEMP TABLE big AS SELECT i, 'value-' || i::VARCHAR AS s FROM range(6000000) t(i)`);
    const spilled = await db.rows(`SELECT path FROM duckdb_temporary_files()`);
    expect(spilled.length).toBeGreaterThan(0);
    for (const r of spilled) expect(String(r.path).startsWith(dir + path.sep)).toBe(true);
    db.close();
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(base)).toEqual([]);
  });

  it('without tempDir it is under the system temp directory, never ./.tmp', async () => {
    const db = await openDatabase();
    const d = String((await db.rows(`SELECT current_setting('temp_directory') AS d`))[0].d);
    db.close();
    expect(path.basename(d)).toMatch(/^edra-run-/);
    expect(path.isAbsolute(d)).toBe(true);
    expect(fs.existsSync(d)).toBe(false);
  });
});

describe('sweeping the leftovers of dead runs', () => {
  it('removes the temporary files and run directories of gone processes of this host, and only those', () => {
    const dir = t.file('sweep');
    fs.mkdirSync(dir);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = {
      deadFile: `.out.csv.edra-tmp-${HOST_TAG}-${dead}-0a1b2c3d`,
      deadBody: `.out.csv.edra-tmp-${HOST_TAG}-${dead}-0a1b2c3d.body`,
      deadDir: `edra-run-${HOST_TAG}-${dead}-AbC123`,
      liveFile: `.out.csv.edra-tmp-${HOST_TAG}-${process.pid}-0a1b2c3d`,
      otherHost: `.out.csv.edra-tmp-0badc0de-${dead}-0a1b2c3d`,
      unrelated: 'out.csv',
    };
    for (const [k, n] of Object.entries(names)) {
      if (k === 'deadDir') {
        fs.mkdirSync(path.join(dir, n));
        fs.writeFileSync(path.join(dir, n, 'duckdb_temp_storage-0.tmp'), 'x');
      } else fs.writeFileSync(path.join(dir, n), 'x');
    }
    expect(sweepStale(dir)).toBe(3);
    expect(fs.readdirSync(dir).sort()).toEqual([names.liveFile, names.otherHost, names.unrelated].sort());
  });
});

describe('--memory-limit and --temp-dir on every command that loads data', () => {
  const spec = path.join(repoRoot, 'analyses', 'adult-search.yaml');
  const release = path.join(repoRoot, 'analyses', 'encounters-release.yaml');
  const commands: [string, string[]][] = [
    ['analyze', [spec]],
    ['profile', [path.join(repoRoot, 'samples', 'encounters.csv')]],
    ['search', [spec]],
    ['anonymize', [spec, '--out', t.file('anon.csv')]],
    ['release', [release, '--out', t.file('rel.csv')]],
  ];
  it.each(commands)('%s accepts both, and refuses a --temp-dir that is not a directory (exit 2, cli.tempDir)', async (command, args) => {
    const bad = await cli(command, ...args, '--quiet', '--memory-limit', '500MB', '--temp-dir', t.file('missing-dir'));
    expect(bad.code).toBe(2);
    expect(firstLine(bad.stderr)).toMatch(/^edra: --temp-dir .*missing-dir: not a writable directory \[rule: cli\.tempDir\]$/);
    const base = t.file(`tmp-${command}`);
    fs.mkdirSync(base);
    const ok = await cli(command, ...args, '--quiet', '--memory-limit', '500MB', '--temp-dir', base);
    expect([0, 1]).toContain(ok.code);
    expect(fs.readdirSync(base)).toEqual([]);
  });

  it('explore takes both too (it serves until stopped: the refusal and the help are checked here, the load in test/explore)', async () => {
    const bad = await cli('explore', spec, '--no-open', '--quiet', '--memory-limit', '500MB', '--temp-dir', t.file('missing-dir'));
    expect(bad.code).toBe(2);
    expect(firstLine(bad.stderr)).toMatch(/^edra: --temp-dir .*missing-dir: not a writable directory \[rule: cli\.tempDir\]$/);
    const help = await cli('explore', '--help');
    expect(help.stdout).toContain('--memory-limit <size>');
    expect(help.stdout).toContain('--temp-dir <dir>');
  });
});
