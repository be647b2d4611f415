/**
 * `edra release` end to end through runCli on small temporary specs: the output is the full
 * cross-product of the declared domains (empty and absent values included, out-of-domain
 * records dropped), columns group-by + value, lower, upper; the --json contract; refusal
 * over budget (exit 2, no file); the seeded (unsafe) mode; clamping diagnostics only with
 * --show-values; Parquet; the bundled sample spec; planRelease without data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';
import { loadSpec } from '../../src/config/loadSpec.js';
import { planRelease } from '../../src/engine/release.js';
import { openDatabase } from '../../src/data/database.js';

const t = tempDir('edra-dp-cli-');
afterAll(() => t.cleanup());

// Ages 1..4 (4 is outside the declared domain); sex F/M only (U declared, never present).
const rows = ['mrn,sex,age,los'];
for (let i = 0; i < 120; i++) rows.push(`P${i % 50},${i % 3 === 0 ? 'M' : 'F'},${(i % 4) + 1},${i % 17}`);
t.file('data.csv', rows.join('\n') + '\n');

function spec(name: string, release: string, extra = ''): string {
  return t.file(
    name,
    `dataset: { path: data.csv }
attributes: { identifying: [mrn], quasiIdentifiers: [sex, age], insensitive: [los] }
${extra}
release:
${release}`,
  );
}

const countSpec = spec(
  'count.yaml',
  `  budget: { epsilon: 1 }
  privacyUnit: { column: mrn, maxRecords: 2 }
  tables:
    - name: by_sex_age
      groupBy: [sex, age]
      domain: { sex: [F, M, U], age: [1, 2, 3] }
      epsilon: 1
`,
);

/** Minimal RFC 4180 reader (quoted fields may hold commas). */
function parseCsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            field += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          out.push(field);
          field = '';
        } else field += ch;
      }
      out.push(field);
      return out;
    });
}

function files(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('edra release', () => {
  it('writes one row per declared cell: the full cross-product, group-by columns then value, lower, upper', async () => {
    const out = path.join(t.dir, 'count.csv');
    const r = await cli('release', countSpec, '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [header, ...body] = parseCsv(out);
    expect(header).toEqual(['sex', 'age', 'value', 'lower', 'upper']);
    expect(body.map((b) => `${b[0]}/${b[1]}`)).toEqual(['F/1', 'F/2', 'F/3', 'M/1', 'M/2', 'M/3', 'U/1', 'U/2', 'U/3']);
    for (const [, , v, lo, hi] of body) {
      expect(Number.isInteger(Number(v))).toBe(true);
      expect(Number(lo)).toBeLessThanOrEqual(Number(v));
      expect(Number(hi)).toBeGreaterThanOrEqual(Number(v));
    }
    expect(r.stdout).toMatch(/budget\s+epsilon 1 spent of 1/);
    expect(r.stdout).toMatch(/by_sex_age: count by sex, age; 9 cells; discreteLaplace epsilon 1; noise scale 2; 95% \+\/- 6/);
    expect(r.stdout).not.toMatch(/custodian only/);
    expect(files(t.dir).filter((f) => f.includes('edra-tmp'))).toEqual([]);
  });

  it('--json states the budget and each table (contract keys); --unsafe-seed is reproducible and flagged', async () => {
    const a = path.join(t.dir, 'a.csv');
    const b = path.join(t.dir, 'b.csv');
    const c = path.join(t.dir, 'c.csv');
    const ra = await cli('release', countSpec, '--out', a, '--json', '--quiet', '--unsafe-seed', '11');
    const rb = await cli('release', countSpec, '--out', b, '--json', '--quiet', '--unsafe-seed', '11');
    expect(rb.code).toBe(0);
    await cli('release', countSpec, '--out', c, '--json', '--quiet', '--unsafe-seed', '12');
    expect(ra.code).toBe(0);
    expect(ra.stderr).toMatch(/WARNING: --unsafe-seed/);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    expect(fs.readFileSync(a, 'utf8')).not.toBe(fs.readFileSync(c, 'utf8'));
    const doc = JSON.parse(ra.stdout);
    expect(doc.budget).toMatchObject({ unit: 'epsilon', spent: 1, total: 1 });
    expect(doc.tables[0]).toMatchObject({ name: 'by_sex_age', cells: 9, mechanism: 'discreteLaplace', scale: 2, epsilon: 1, interval95: 6 });
    expect(doc.unsafeSeed).toBe(true);
    expect(doc.produced).toBe(true);
    expect(doc.privacyUnit).toEqual({ column: 'mrn', maxRecords: 2 });
    expect(doc.notes.join(' ')).toMatch(/UNSAFE/);
    expect(doc.notes.join(' ')).toMatch(/outside a table's domain are left out/);
    expect(doc.tables[0].droppedRecords).toBeUndefined();
    const safe = JSON.parse((await cli('release', countSpec, '--out', c, '--json', '--quiet')).stdout);
    expect(safe.unsafeSeed).toBe(false);
    expect(safe.randomSource).toMatch(/node:crypto/);
  });

  it('refuses a release over budget: exit 2, rule release.overBudget, no output file', async () => {
    const over = spec(
      'over.yaml',
      `  budget: { epsilon: 1 }
  tables:
    - { name: a, groupBy: [sex], domain: { sex: [F, M] }, epsilon: 0.6 }
    - { name: b, groupBy: [sex], domain: { sex: [F, M] }, epsilon: 0.5 }
`,
    );
    const out = path.join(t.dir, 'over.csv');
    const before = files(t.dir);
    const r = await cli('release', over, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[rule: release\.overBudget\]/);
    expect(fs.existsSync(out)).toBe(false);
    expect(files(t.dir)).toEqual(before);
  });

  it('refuses an undeclared domain, an unknown column and a bad --out extension with exit 2 and no file', async () => {
    const undeclared = spec('undeclared.yaml', `  budget: { epsilon: 1 }\n  tables:\n    - { name: a, groupBy: [sex] }\n`);
    const unknown = spec('unknown.yaml', `  budget: { epsilon: 1 }\n  tables:\n    - { name: a, groupBy: [gender], domain: { gender: [F] } }\n`);
    for (const [s, rule, out] of [
      [undeclared, 'release.domainUndeclared', 'x1.csv'],
      [unknown, 'release.unknownColumn', 'x2.csv'],
      [countSpec, 'cli.out', 'x3.txt'],
    ] as const) {
      const r = await cli('release', s, '--out', path.join(t.dir, out), '--quiet');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`[rule: ${rule}]`);
      expect(fs.existsSync(path.join(t.dir, out))).toBe(false);
    }
  });

  it('sums and means: clamping stated in the notes; the clamped count only with --show-values; no cell value in the output text', async () => {
    const s = spec(
      'mean.yaml',
      `  budget: { epsilon: 2 }
  tables:
    - name: los_mean
      groupBy: [sex]
      domain: { sex: [F, M] }
      statistic: mean
      bounds: { column: los, lower: 0, upper: 10, granularity: 1 }
      epsilon: 1
    - name: los_sum
      statistic: sum
      bounds: { column: los, lower: 0, upper: 10 }
      epsilon: 1
`,
    );
    const out = path.join(t.dir, 'mean.csv');
    const plain = await cli('release', s, '--out', out, '--json', '--quiet');
    expect(plain.code).toBe(0);
    const doc = JSON.parse(plain.stdout);
    expect(doc.notes.join(' ')).toMatch(/clamped to \[0, 10\]/);
    expect(doc.tables[0].clampedRecords).toBeUndefined();
    const shown = JSON.parse((await cli('release', s, '--out', out, '--json', '--quiet', '--show-values')).stdout);
    // los = i % 17 over 120 rows: values 11..16 are clamped
    const expected = rows.slice(1).filter((l) => Number(l.split(',')[3]) > 10).length;
    expect(shown.tables[0].clampedRecords).toBe(expected);
    const [header, ...body] = parseCsv(out);
    expect(header).toEqual(['table', 'sex', 'value', 'lower', 'upper']);
    expect(body.map((b) => `${b[0]}/${b[1]}`)).toEqual(['los_mean/F', 'los_mean/M', 'los_sum/']);
    for (const b of body.slice(0, 2)) {
      expect(Number(b[2])).toBeGreaterThanOrEqual(0);
      expect(Number(b[2])).toBeLessThanOrEqual(10);
    }
  });

  it('hierarchy levels give the domain; Parquet output has the same cells', async () => {
    const s = spec(
      'hier.yaml',
      `  budget: { rho: 0.5 }
  tables:
    - name: by_band
      groupBy: [age]
      levels: { age: 1 }
      mechanism: discreteGaussian
`,
      'hierarchies:\n  age: { intervals: { width: [2], origin: 1, bottom: 1, top: 5 } }',
    );
    const out = path.join(t.dir, 'hier.parquet');
    const r = await cli('release', s, '--out', out, '--json', '--quiet');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.budget).toMatchObject({ unit: 'rho', spent: 0.5, total: 0.5 });
    expect(doc.tables[0]).toMatchObject({ cells: 4, mechanism: 'discreteGaussian', rho: 0.5 });
    const db = await openDatabase();
    try {
      const got = await db.rows(`SELECT age, value, lower, upper FROM read_parquet('${out.replaceAll("'", "''")}')`);
      expect(got.map((g) => g.age)).toEqual(['< 1', '[1, 3)', '[3, 5)', '>= 5']);
    } finally {
      db.close();
    }
  });

  it('planRelease states the same plan without reading the data (produced: false)', async () => {
    const loaded = loadSpec(countSpec);
    fs.renameSync(path.join(t.dir, 'data.csv'), path.join(t.dir, 'data.moved'));
    try {
      const plan = planRelease(loaded);
      expect(plan.produced).toBe(false);
      expect(plan.tables[0]).toMatchObject({ name: 'by_sex_age', cells: 9, scale: 2, interval95: 6 });
      expect(plan.budget).toMatchObject({ spent: 1, total: 1 });
    } finally {
      fs.renameSync(path.join(t.dir, 'data.moved'), path.join(t.dir, 'data.csv'));
    }
  });

  it('the bundled sample spec releases its three tables', async () => {
    const out = path.join(t.dir, 'sample.csv');
    const r = await cli('release', path.join(repoRoot, 'analyses', 'encounters-release.yaml'), '--out', out, '--json', '--quiet');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.tables.map((x: { name: string; cells: number }) => [x.name, x.cells])).toEqual([
      ['visits_by_age_sex', 33],
      ['visits_by_sex', 3],
      ['stay_by_payer', 5],
    ]);
    expect(doc.budget).toMatchObject({ spent: 1, total: 1 });
    const body = parseCsv(out).slice(1);
    expect(body).toHaveLength(41);
    // consistency: each sex total equals the sum of its age bands
    const totals = new Map(body.filter((b) => b[0] === 'visits_by_sex').map((b) => [b[2], Number(b[4])]));
    for (const sex of ['F', 'M', 'U']) {
      const parts = body.filter((b) => b[0] === 'visits_by_age_sex' && b[2] === sex).reduce((s, b) => s + Number(b[4]), 0);
      expect(totals.get(sex)).toBe(parts);
    }
  });
});
