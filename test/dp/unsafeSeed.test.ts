/**
 * A release drawn with --unsafe-seed is not private: every output says so, not only stderr.
 * The CSV and Parquet files carry a first column unsafe_seed = NOT PRIVATE on every row, the
 * Parquet file also the key-value metadata edra_unsafe_seed = true, the JSON unsafeSeed: true,
 * and a report built on such a release says so in its summary. A safe release carries none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { openDatabase } from '../../src/data/database.js';
import { quoteString } from '../../src/data/sql.js';
import { renderReport } from '../../src/report/render.js';
import { cli, tempDir } from '../cli/helpers.js';
import { fullResult } from '../report/fixtures.js';

const t = tempDir('edra-unsafe-');
afterAll(() => t.cleanup());

t.file('data.csv', ['sex,age', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'F' : 'M'},${i % 3}`)].join('\n') + '\n');
const spec = t.file(
  'spec.yaml',
  `dataset: { path: data.csv }
attributes: { quasiIdentifiers: [sex, age] }
release:
  budget: { epsilon: 1 }
  tables:
    - { name: by_sex, groupBy: [sex], domain: { sex: [F, M] } }
    - { name: by_age, groupBy: [age], domain: { age: ['0', '1', '2'] } }
`,
);

async function parquet(file: string): Promise<{ rows: Record<string, unknown>[]; kv: Record<string, string> }> {
  const db = await openDatabase();
  try {
    const rows = await db.rows(`SELECT * FROM read_parquet(${quoteString(file)})`);
    const kv: Record<string, string> = {};
    for (const r of await db.rows(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${quoteString(file)})`)) kv[String(r.k)] = String(r.v);
    return { rows, kv };
  } finally {
    db.close();
  }
}

describe('--unsafe-seed marks every output', () => {
  it('CSV: a first column unsafe_seed = NOT PRIVATE on every row; the JSON says unsafeSeed: true', async () => {
    const r = await cli('release', spec, '--out', t.file('seeded.csv'), '--json', '--quiet', '--unsafe-seed', '7');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).unsafeSeed).toBe(true);
    const [header, ...rows] = fs.readFileSync(t.file('seeded.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe('unsafe_seed,table,sex,age,value,lower,upper');
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.startsWith('NOT PRIVATE,')).toBe(true);
  });

  it('Parquet: the same column and the key-value metadata edra_unsafe_seed = true', async () => {
    expect((await cli('release', spec, '--out', t.file('seeded.parquet'), '--quiet', '--unsafe-seed', '7')).code).toBe(0);
    const { rows, kv } = await parquet(t.file('seeded.parquet'));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.unsafe_seed).toBe('NOT PRIVATE');
    expect(kv.edra_unsafe_seed).toBe('true');
    expect(kv.edra_note).toMatch(/NOT private/);
  });

  it('a release from the cryptographic source carries no mark', async () => {
    expect((await cli('release', spec, '--out', t.file('safe.csv'), '--quiet')).code).toBe(0);
    expect(fs.readFileSync(t.file('safe.csv'), 'utf8').split('\n')[0]).toBe('table,sex,age,value,lower,upper');
    expect((await cli('release', spec, '--out', t.file('safe.parquet'), '--quiet')).code).toBe(0);
    const { rows, kv } = await parquet(t.file('safe.parquet'));
    expect(Object.keys(rows[0])).not.toContain('unsafe_seed');
    expect(kv.edra_unsafe_seed).toBeUndefined();
  });

  it('a group-by column may not be named unsafe_seed (it would clash with the mark)', async () => {
    const bad = t.file('bad.yaml', fs.readFileSync(spec, 'utf8').replace('groupBy: [sex], domain: { sex: [F, M] }', 'groupBy: [unsafe_seed], domain: { unsafe_seed: [F, M] }'));
    const r = await cli('release', bad, '--out', t.file('bad.csv'), '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[rule: release\.columnName\]/);
  });

  it('a report on a seeded release says so in its summary, a report on a safe one does not', () => {
    const seeded = renderReport(fullResult()).html;
    const summary = (html: string) => html.slice(html.indexOf('<section id="summary"'), html.indexOf('</section>', html.indexOf('<section id="summary"')));
    expect(summary(seeded)).toMatch(/Not private, tests only:.*--unsafe-seed/);
    const safe = fullResult();
    safe.release!.unsafeSeed = false;
    expect(summary(renderReport(safe).html)).not.toMatch(/unsafe-seed/);
  });
});
