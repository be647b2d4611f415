/**
 * Loading: the same hand-made dataset as CSV, TSV, CSV with read overrides, Parquet,
 * JSON, NDJSON and Arrow IPC (file and stream) gives the same classes through analyze.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { openDatabase } from '../../src/data/database.js';
import { loadSpec } from '../../src/config/loadSpec.js';
import { analyze } from '../../src/engine/analyze.js';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { tempDir } from '../cli/helpers.js';

/**
 * 12 records, QIs zip/age/sex. Classes (hand-computed):
 *   (01234,30,F) x3, (1234,30,F) x2 -- leading zero keeps them apart --,
 *   (02139,41,M) x4, (90210,null,F) x2, (60601,55,M) x1.
 * count 5, k 1, sizes 1..4, mean 12/5, uniques 1, histogram [[1,1],[2,2],[3,1],[4,1]],
 * prosecutor average = classes / n = 5/12, highest 1 (1 record), lowest 1/4 (4 records).
 */
const rows: [string, number | null, string, string][] = [
  ['01234', 30, 'F', 'A'],
  ['01234', 30, 'F', 'B'],
  ['01234', 30, 'F', 'C'],
  ['1234', 30, 'F', 'A'],
  ['1234', 30, 'F', 'B'],
  ['02139', 41, 'M', 'A'],
  ['02139', 41, 'M', 'C'],
  ['02139', 41, 'M', 'B'],
  ['02139', 41, 'M', 'A'],
  ['90210', null, 'F', 'B'],
  ['90210', null, 'F', 'A'],
  ['60601', 55, 'M', 'C'],
];
const expected = {
  rows: 12,
  k: 1,
  count: 5,
  minSize: 1,
  maxSize: 4,
  meanSize: 12 / 5,
  uniques: 1,
  uniqueFraction: 1 / 12,
  sizeHistogram: [
    [1, 1],
    [2, 2],
    [3, 1],
    [4, 1],
  ],
  prosecutor: { highest: 1, lowest: 0.25, average: 5 / 12, recordsAtHighest: 1, recordsAtLowest: 4 },
};

const t = tempDir('edra-formats-');

function spec(name: string, dataFile: string, extra = '', qis = '[zip, age, sex]', sensitive = '[dx]'): string {
  return t.file(
    `${name}.yaml`,
    `dataset:\n  path: ${dataFile}\n${extra}attributes:\n  quasiIdentifiers: ${qis}\n  sensitive: ${sensitive}\nthresholds: { k: 2 }\n`,
  );
}

async function run(specFile: string): Promise<AnalysisResult> {
  return (await analyze(loadSpec(specFile), { database: { threads: 1 } })).result;
}

function expectSameClasses(r: AnalysisResult): void {
  expect(r.dataset.rows).toBe(expected.rows);
  expect(r.k).toBe(expected.k);
  expect(r.classes.count).toBe(expected.count);
  expect(r.classes.minSize).toBe(expected.minSize);
  expect(r.classes.maxSize).toBe(expected.maxSize);
  expect(r.classes.meanSize).toBeCloseTo(expected.meanSize, 12);
  expect(r.classes.uniques).toBe(expected.uniques);
  expect(r.classes.uniqueFraction).toBeCloseTo(expected.uniqueFraction, 12);
  expect(r.classes.sizeHistogram).toEqual(expected.sizeHistogram);
  const p = r.risk.prosecutor!;
  expect(p.highest).toBe(expected.prosecutor.highest);
  expect(p.lowest).toBe(expected.prosecutor.lowest);
  expect(p.average).toBeCloseTo(expected.prosecutor.average, 12);
  expect(p.recordsAtHighest).toBe(expected.prosecutor.recordsAtHighest);
  expect(p.recordsAtLowest).toBe(expected.prosecutor.recordsAtLowest);
  expect(r.verdict).toBe('fail');
}

const typeOf = (r: AnalysisResult, name: string) => r.dataset.columns.find((c) => c.name === name)?.type;
const roleOf = (r: AnalysisResult, name: string) => r.dataset.columns.find((c) => c.name === name)?.role;

const sqlValue = (v: string | number | null, type: string) => (v === null ? `NULL::${type}` : typeof v === 'number' ? `${v}::${type}` : `'${v}'`);
const valuesSql = () =>
  `SELECT * FROM (VALUES ${rows.map((r) => `(${sqlValue(r[0], 'VARCHAR')}, ${sqlValue(r[1], 'INTEGER')}, ${sqlValue(r[2], 'VARCHAR')}, ${sqlValue(r[3], 'VARCHAR')})`).join(', ')}) t(zip, age, sex, dx)`;

beforeAll(async () => {
  const csv = (d: string) => ['zip,age,sex,dx', ...rows.map((r) => [r[0], r[1] ?? '', r[2], r[3]].join(','))].join('\n').replaceAll(',', d) + '\n';
  t.file('data.csv', csv(','));
  t.file('data.tsv', csv('\t'));
  // header: false, ';' delimiter, "'" quote (a quoted field holds the delimiter), NA for missing.
  t.file(
    'override.txt',
    rows.map((r) => [`'${r[0]}'`, r[1] ?? 'NA', r[2], `'${r[3]};x'`].join(';')).join('\n') + '\n',
  );
  const db = await openDatabase({ threads: 1 });
  try {
    await db.exec(`COPY (${valuesSql()}) TO '${t.file('data.parquet')}' (FORMAT parquet)`);
    await db.exec(`COPY (${valuesSql()}) TO '${t.file('data.json')}' (FORMAT json, ARRAY true)`);
    await db.exec(`COPY (${valuesSql()}) TO '${t.file('data.ndjson')}' (FORMAT json)`);
  } finally {
    db.close();
  }
  const table = tableFromArrays({
    zip: rows.map((r) => r[0]),
    age: rows.map((r) => r[1]),
    sex: rows.map((r) => r[2]),
    dx: rows.map((r) => r[3]),
  });
  t.file('data.arrow', tableToIPC(table, 'file'));
  t.file('data.arrows', tableToIPC(table, 'stream'));
});

afterAll(() => t.cleanup());

describe('every format gives the same classes', () => {
  it('CSV (auto-detected dialect)', async () => {
    const r = await run(spec('csv', 'data.csv'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('csv');
    expect(typeOf(r, 'age')).toBe('BIGINT');
    expect(typeOf(r, 'sex')).toBe('VARCHAR');
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['zip', 'age', 'sex', 'dx']);
    expect(roleOf(r, 'zip')).toBe('quasiIdentifier');
    expect(roleOf(r, 'dx')).toBe('sensitive');
    expect(r.quasiIdentifiers).toEqual(['zip', 'age', 'sex']);
  });

  it('TSV', async () => {
    const r = await run(spec('tsv', 'data.tsv'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('tsv');
    expect(r.dataset.columns).toHaveLength(4);
  });

  it('CSV with overrides: delimiter ";", quote "\'", header: false, nullStrings [NA]', async () => {
    const r = await run(
      spec(
        'override',
        'override.txt',
        `  format: csv\n  csv: { delimiter: ";", quote: "'", header: false, nullStrings: [NA] }\n`,
        '[column1, column2, column3]',
        '[column4]',
      ),
    );
    expectSameClasses(r);
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['column1', 'column2', 'column3', 'column4']);
    // NA is missing, so the age column still types as a number; the quoted ';' did not split a field.
    expect(typeOf(r, 'column2')).toBe('BIGINT');
    expect(r.quasiIdentifierStats.find((s) => s.name === 'column2')?.missing).toBe(2);
  });

  it('Parquet', async () => {
    const r = await run(spec('parquet', 'data.parquet'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('parquet');
    expect(typeOf(r, 'age')).toBe('INTEGER');
    expect(typeOf(r, 'zip')).toBe('VARCHAR');
  });

  it('JSON (array)', async () => {
    const r = await run(spec('json', 'data.json'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('json');
    expect(typeOf(r, 'zip')).toBe('VARCHAR');
  });

  it('NDJSON', async () => {
    const r = await run(spec('ndjson', 'data.ndjson'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('ndjson');
  });

  it('Arrow IPC file format', async () => {
    const r = await run(spec('arrow', 'data.arrow'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('arrow');
    expect(typeOf(r, 'zip')).toBe('VARCHAR');
    expect(typeOf(r, 'age')).toBe('DOUBLE');
  });

  it('Arrow IPC stream format', async () => {
    const r = await run(spec('arrows', 'data.arrows'));
    expectSameClasses(r);
    expect(r.dataset.format).toBe('arrow');
  });

  it('the input files are not modified', async () => {
    const before = fs.readFileSync(t.file('data.csv'));
    await run(spec('csv2', 'data.csv'));
    expect(fs.readFileSync(t.file('data.csv')).equals(before)).toBe(true);
  });
});

describe('ZIP codes keep their leading zeros as QIs', () => {
  it('an unquoted CSV ZIP with leading zeros keeps 01234 apart from 1234', async () => {
    // Every ZIP here is digits only, so DuckDB's sniffer alone would make the column BIGINT.
    t.file('zips.csv', 'zip,sex\n01234,F\n01234,F\n1234,F\n1234,F\n1234,F\n00501,M\n501,M\n');
    const r = await run(spec('zips', 'zips.csv', '', '[zip, sex]', '[]'));
    expect(r.classes.count).toBe(4);
    expect(r.classes.sizeHistogram).toEqual([
      [1, 2],
      [2, 1],
      [3, 1],
    ]);
    expect(r.quasiIdentifierStats.find((s) => s.name === 'zip')?.distinct).toBe(4);
    expect(typeOf(r, 'zip')).toBe('VARCHAR');
  });

  it('a QI is read as text even when dataset.csv.types declares it numeric', async () => {
    // Read as BIGINT, 01234 and 1234 would fall into one class of 5.
    const r = await run(spec('zipsTyped', 'zips.csv', '  csv: { types: { zip: BIGINT } }\n', '[zip, sex]', '[]'));
    expect(typeOf(r, 'zip')).toBe('BIGINT');
    expect(r.classes.count).toBe(4);
    expect(r.classes.maxSize).toBe(3);
  });
});
