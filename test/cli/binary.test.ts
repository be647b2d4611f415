/**
 * The built binary (bin/edra.js over dist/, built by `npm run build`): real exit codes,
 * pipes (non-TTY) so no progress, and no stack trace on stderr.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

const bin = path.join(repoRoot, 'bin', 'edra.js');
const t = tempDir('edra-bin-');
afterAll(() => t.cleanup());

function edra(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/edra.js (built by npm test before the suite runs)', () => {
  it('analyze on the sample: exit 1, JSON on stdout, nothing on stderr', () => {
    const r = edra('analyze', 'analyses/encounters-prosecutor.yaml', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.spec).toBe('analyses/encounters-prosecutor.yaml');
    expect(doc.verdict).toBe('fail');
  });

  it('a ragged CSV: exit 3, one edra: line naming the line and rule, no value, no stack trace', () => {
    t.file('ragged.csv', 'age,zip\n30,02139\n41,SECRET123,9\n');
    const spec = t.file('ragged.yaml', 'dataset: { path: ragged.csv }\nattributes: { quasiIdentifiers: [age, zip] }\n');
    const r = edra('analyze', spec);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^edra: ragged\.csv:3: .*\[rule: csv\.ragged\]\n$/);
    expect(r.stderr).not.toContain('SECRET123');
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('a missing spec and an unknown option: exit 2, no stack trace', () => {
    const r = edra('analyze', path.join(t.dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^edra: .*missing\.yaml: cannot read the spec: no such file \[rule: spec\.unreadable\]\n$/);
    const o = edra('analyze', 'analyses/encounters-prosecutor.yaml', '--frobnicate');
    expect(o.code).toBe(2);
    expect(o.stderr.split('\n')[0]).toBe("edra: unknown option '--frobnicate' [rule: cli.usage]");
    expect(o.stderr).not.toMatch(/\n\s+at /);
  });
});
