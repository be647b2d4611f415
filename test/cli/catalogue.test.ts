/**
 * Issue 12: the catalogue of bad inputs. Each kind ends with its documented exit code and a
 * first stderr line `edra: <where>: <what> [rule: <rule>]` naming the file (with line, or
 * the spec's line and column), the column when one is concerned, and the rule; no stack
 * trace, nothing on stdout, and the canary planted in the data appears in no output, no
 * message, no file the run left in the case's directory and no new temporary file.
 * Cases: test/cli/catalogue/*.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, firstLine, tempDir } from './helpers.js';
import { CANARY, type BadInput } from './catalogue/types.js';
import { dataCases } from './catalogue/dataCases.js';
import { specCases } from './catalogue/specCases.js';
import { otherCases } from './catalogue/otherCases.js';

const t = tempDir('edra-catalogue-');
afterAll(() => t.cleanup());

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Files under a directory (recursively, at most `depth` levels), skipping what vanishes meanwhile. */
function filesUnder(dir: string, depth = 3): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return depth > 0 ? filesUnder(p, depth - 1) : [];
    return e.isFile() ? [p] : [];
  });
}

function holdsCanary(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (st.size > 16 << 20) return false;
    return fs.readFileSync(file).includes(CANARY);
  } catch {
    return false; // another process's file, gone meanwhile
  }
}

async function run(c: BadInput, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(c.files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  const inputs = new Set(Object.keys(c.files).map((n) => path.join(dir, n)));
  const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
  const r = await cli(...c.argv.map((a) => (a.startsWith('@') ? path.join(dir, a.slice(1)) : a)));

  expect(r.code, r.stderr).toBe(c.code);
  const first = firstLine(r.stderr);
  const where = c.at.startsWith('-') || /^[a-z ]+/.test(c.at) && !/[./]/.test(c.at.split(' ')[0]) ? escape(c.at) : `(?:[^ ]*/)?${escape(c.at)}`;
  expect(first).toMatch(new RegExp(`^edra: ${where}[: ]`));
  expect(first).toContain(`[rule: ${c.rule}]`);
  if (c.column) expect(first).toContain(`"${c.column}"`);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stdout + r.stderr).not.toContain(CANARY);
  const left = filesUnder(dir).filter((f) => !inputs.has(f));
  expect(left.filter(holdsCanary), 'files the run left').toEqual([]);
  const fresh = fs.readdirSync(os.tmpdir()).filter((n) => !tmpBefore.has(n) && !t.dir.endsWith(n));
  expect(fresh.flatMap((n) => filesUnder(path.join(os.tmpdir(), n))).filter(holdsCanary), 'new temporary files').toEqual([]);
}

const all: [string, BadInput[]][] = [
  ['data files', dataCases],
  ['specs and hierarchies', specCases],
  ['population tables, weights, outputs, options, results', otherCases],
];

describe('bad-input catalogue', () => {
  it('has at least 80 kinds, each named once', () => {
    const names = all.flatMap(([, cases]) => cases.map((c) => c.name));
    expect(names.length).toBeGreaterThanOrEqual(80);
    expect(new Set(names).size).toBe(names.length);
  });
  for (const [group, cases] of all) {
    describe(group, () => {
      cases.forEach((c, i) => {
        it(c.name, () => run(c, path.join(t.dir, `${group.split(' ')[0]}-${i}`)));
      });
    });
  }
});
