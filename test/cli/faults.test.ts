/**
 * Fault injection on the built binary (bin/edra.js): killed while writing a large per-record
 * output, edra leaves no file at the target and no temporary file (record-level data) behind:
 * SIGTERM and SIGINT remove them and exit 143 / 130; after a SIGKILL the next run sweeps the
 * temporary file and DuckDB's spill directory of the dead process. A full disk or a file-size
 * limit is a usage error naming the output, never the input, with no partial output.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

const bin = path.join(repoRoot, 'bin', 'edra.js');
const t = tempDir('edra-faults-');
afterAll(() => t.cleanup());

// 300,000 records, nearly all unique on (age, zip, sex): several MB of per-record output.
const lines = ['id,age,zip,sex,dx'];
for (let i = 0; i < 300_000; i++) lines.push(`${i},${(i * 7) % 100},${10000 + ((i * 7919) % 90000)},${i % 2 ? 'F' : 'M'},D${i % 997}`);
t.file('big.csv', lines.join('\n') + '\n');
t.file('big.yaml', 'dataset: { path: big.csv }\nattributes: { identifying: [id], quasiIdentifiers: [age, zip, sex], insensitive: [dx] }\nhierarchies:\n  age: { intervals: { width: [10] } }\n');
t.file('small.csv', 'age,zip\n30,02139\n41,02140\n');
// zip is a 5-digit ZIP released as it is: acknowledged, so the sweep run below passes (exit 0).
t.file('small.yaml', 'dataset: { path: small.csv }\nattributes: { quasiIdentifiers: [age, zip] }\nacknowledgements: [{ rule: release.identifierLike, subject: zip, reason: synthetic test data }]\n');
const spill = t.file('spill');
fs.mkdirSync(spill);
const out = t.file('out');
fs.mkdirSync(out);

const temps = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('edra-tmp'));
const runDirs = (pid?: number) => fs.readdirSync(spill).filter((n) => n.startsWith('edra-run-') && (pid === undefined || n.split('-')[3] === String(pid)));

/** Runs the binary and sends `signal` as soon as a temporary file appears in `dir`. */
function killDuringWrite(args: string[], signal: NodeJS.Signals, dir: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; pid: number; sawTemp: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--quiet', '--temp-dir', spill], { cwd: t.dir, stdio: 'ignore' });
    let sawTemp = false;
    const poll = setInterval(() => {
      if (!sawTemp && temps(dir).length > 0) {
        sawTemp = true;
        child.kill(signal);
      }
    }, 2);
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, signal: sig, pid: child.pid!, sawTemp });
    });
  });
}

describe('killed while writing', () => {
  it('SIGKILL during --record-risk: nothing at the target; the next run sweeps the temporary file and the spill directory', async () => {
    const target = path.join(out, 'risk.csv');
    const r = await killDuringWrite(['analyze', 'big.yaml', '--record-risk', target], 'SIGKILL', out);
    expect(r.sawTemp).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(fs.existsSync(target)).toBe(false);
    expect(temps(out).length).toBeGreaterThan(0); // what a SIGKILL leaves...
    expect(runDirs(r.pid)).toHaveLength(1);
    // ...until the next run that writes there (or uses the same temp directory).
    const next = spawnSync(process.execPath, [bin, 'analyze', 'small.yaml', '--quiet', '--out', path.join(out, 'small.json'), '--temp-dir', spill], { cwd: t.dir, encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(temps(out)).toEqual([]);
    expect(runDirs()).toEqual([]);
  });

  it('SIGTERM during anonymize: exit 143, no target, no temporary file, no spill directory', async () => {
    const target = path.join(out, 'anon.csv');
    const r = await killDuringWrite(['anonymize', 'big.yaml', '--levels', 'age=1', '--out', target], 'SIGTERM', out);
    expect(r.sawTemp).toBe(true);
    expect(r.code).toBe(143);
    expect(fs.existsSync(target)).toBe(false);
    expect(temps(out)).toEqual([]);
    expect(runDirs()).toEqual([]);
  });

  it('SIGINT (Ctrl-C) during a Parquet --record-risk: exit 130, nothing left', async () => {
    const target = path.join(out, 'risk.parquet');
    const r = await killDuringWrite(['analyze', 'big.yaml', '--record-risk', target], 'SIGINT', out);
    expect(r.sawTemp).toBe(true);
    expect(r.code).toBe(130);
    expect(fs.existsSync(target)).toBe(false);
    expect(temps(out)).toEqual([]);
    expect(runDirs()).toEqual([]);
  });
});

/** Runs the binary under a file-size limit of `kib` KiB (bash ulimit -f). */
function underFileSizeLimit(kib: number, args: string[]) {
  return spawnSync('bash', ['-c', `ulimit -f ${kib}; exec "$@"`, 'bash', process.execPath, bin, ...args, '--quiet'], { cwd: t.dir, encoding: 'utf8' });
}

/** A 1 MiB tmpfs when this process may mount one (root), else undefined. */
function smallTmpfs(): { dir: string; unmount: () => void } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const dir = t.file('tmpfs');
  fs.mkdirSync(dir, { recursive: true });
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  if (m.status !== 0) return undefined;
  return { dir, unmount: () => spawnSync('umount', [dir]) };
}

describe('no room to write', () => {
  it('a file-size limit: a usage error naming the output (not the input), no partial output', () => {
    const target = path.join(out, 'limited.csv');
    const r = underFileSizeLimit(1024, ['analyze', 'big.yaml', '--record-risk', target]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^edra: --record-risk ${target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot write the file: the file is too large \\(file-size limit\\) \\[rule: cli\\.recordRisk\\]\\n$`));
    expect(r.stderr).not.toContain('big.csv');
    expect(fs.existsSync(target)).toBe(false);
    expect(temps(out)).toEqual([]);
  });

  it('a full disk (a 1 MiB tmpfs as root, else a file-size limit): the same clean error for anonymize and --out', () => {
    const fs1 = smallTmpfs();
    try {
      const dir = fs1?.dir ?? out;
      const run = (args: string[]) => (fs1 ? spawnSync(process.execPath, [bin, ...args, '--quiet'], { cwd: t.dir, encoding: 'utf8' }) : underFileSizeLimit(64, args));
      const anon = path.join(dir, 'anon.csv');
      const r = run(['anonymize', 'big.yaml', '--levels', 'age=1', '--out', anon]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(fs1 ? /^edra: --out .*anon\.csv: cannot write the file: no space left on the device \[rule: cli\.anonymizedOut\]\n$/ : /^edra: --out .*anon\.csv: cannot write the file: .*\[rule: cli\.anonymizedOut\]\n$/);
      expect(r.stderr).not.toContain('big.csv');
      expect(fs.existsSync(anon)).toBe(false);
      expect(temps(dir)).toEqual([]);
      if (fs1) {
        // Fill the disk, then a small JSON --out no longer fits.
        spawnSync('sh', ['-c', `head -c 2000000 /dev/zero > '${path.join(dir, 'fill')}'`]);
        const j = run(['analyze', 'big.yaml', '--out', path.join(dir, 'r.json')]);
        expect(j.status).toBe(2);
        expect(j.stderr).toMatch(/^edra: cannot write .*r\.json: ENOSPC \[rule: cli\.out\]\n$/);
        expect(fs.existsSync(path.join(dir, 'r.json'))).toBe(false);
        expect(temps(dir)).toEqual([]);
      }
    } finally {
      fs1?.unmount();
    }
  });
});
