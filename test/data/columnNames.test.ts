/**
 * Issue 12, items 1-3: column names are matched exactly as the file writes them; names
 * DuckDB would rename (case-insensitive duplicates) are a data error in every format; CSV
 * headers are read after decompression; quote `"` is the default; a header-less file's
 * columns are column1..n and no message or suggestion quotes a first record's cells.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { openDatabase } from '../../src/data/database.js';
import { cli, firstLine, tempDir } from '../cli/helpers.js';

const SECRET = 'Qx7SECRET';
const t = tempDir('edra-names-');
afterAll(() => t.cleanup());

/**
 * A spec over `data` (relative to the temp dir) with the given attributes block. These tests are
 * about reading, not the verdict: the 5-digit zip they release as it is (a review warning, exit 4)
 * is acknowledged, so a file read in full passes (exit 0).
 */
function spec(name: string, data: string, attributes: string, extra = ''): string {
  return t.file(`${name}.yaml`, `dataset:\n  path: ${data}\n${extra}attributes:\n${attributes}${ackIdentifierLike}`);
}
const ackIdentifierLike = 'acknowledgements: [{ rule: release.identifierLike, reason: synthetic test data }]\n';

const caseDup = `mrn,MRN,age,zip\n${SECRET}1,${SECRET}2,30,02139\n${SECRET}3,${SECRET}4,30,02139\n${SECRET}5,${SECRET}6,30,02139\n`;
const searchTail = 'thresholds: { k: 2 }\nhierarchies:\n  age: { mask: { levels: [2, 1, 0] } }\n  zip: { mask: { levels: [5, 3, 0] } }\n';

describe('a declared identifier never reaches the released file', () => {
  for (const [label, file, content] of [
    ['plain CSV', 'case.csv', caseDup],
    ['gzip CSV', 'case.csv.gz', gzipSync(caseDup)],
  ] as const) {
    it(`${label}: mrn and MRN in one header are a data error; anonymize writes nothing`, async () => {
      t.file(file, content);
      const out = path.join(t.dir, `out-${file}.csv`);
      const f = t.file(`anon-${file}.yaml`, `dataset: { path: ${file} }\nattributes:\n  identifying: [mrn, MRN]\n  quasiIdentifiers: [age, zip]\n${searchTail}`);
      const r = await cli('anonymize', f, '--out', out, '--quiet');
      expect(r.code).toBe(3);
      expect(firstLine(r.stderr)).toBe(
        `edra: ${file}:1: columns 1 and 2 of the header ("mrn" and "MRN") differ only by case, which DuckDB cannot tell apart [rule: data.duplicateColumn]; rename one of them`,
      );
      expect(fs.existsSync(out)).toBe(false);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    });
  }

  it('an identifier declared in another case than the header is a spec error, not "already removed"', async () => {
    t.file('upper.csv', `MRN,age,zip\n${SECRET},30,02139\n${SECRET},30,02139\n`);
    const r = await cli('analyze', spec('upper', 'upper.csv', '  identifying: [mrn]\n  quasiIdentifiers: [age, zip]\n'));
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/upper\.yaml:4:17: spec attributes\.identifying\.0: column "mrn" is not in upper\.csv; names are matched exactly, so the column "MRN" would be released \[rule: spec\.unknownColumn\]$/);
  });

  it('an identifier absent under every spelling is still fine (already removed)', async () => {
    t.file('removed.csv', 'age,zip\n30,02139\n30,02139\n');
    const r = await cli('analyze', spec('removed', 'removed.csv', '  identifying: [patient_ssn]\n  quasiIdentifiers: [age, zip]\n'), '--quiet');
    expect(r.code).toBe(0);
  });

  it('the same holds for NDJSON, Parquet and Arrow files', async () => {
    t.file('case.ndjson', `{"mrn":"${SECRET}","MRN":"${SECRET}","age":3}\n{"mrn":"${SECRET}","MRN":"${SECRET}","age":3}\n`);
    const db = await openDatabase();
    const pq = path.join(t.dir, 'case.parquet');
    await db.exec(`COPY (SELECT 'a1' AS mrn, 'b1' AS xyz, 3 AS age UNION ALL SELECT 'a2', 'b2', 3) TO '${pq}' (FORMAT parquet, COMPRESSION uncompressed)`);
    db.close();
    // Parquet writers other than DuckDB do write such names: rename xyz to MRN in place.
    const bytes = fs.readFileSync(pq);
    fs.writeFileSync(pq, Buffer.from(bytes.toString('latin1').replaceAll('xyz', 'MRN'), 'latin1'));
    fs.writeFileSync(path.join(t.dir, 'case.arrow'), tableToIPC(tableFromArrays({ mrn: ['a', 'b'], MRN: ['c', 'd'], age: Int32Array.from([3, 3]) }), 'file'));
    for (const file of ['case.ndjson', 'case.parquet', 'case.arrow']) {
      const r = await cli('analyze', spec(`fmt-${file}`, file, '  identifying: [MRN]\n  quasiIdentifiers: [age]\n'));
      expect(r.code, file).toBe(3);
      expect(firstLine(r.stderr)).toMatch(new RegExp(`^edra: ${file.replace('.', '\\.')}: .*"mrn".*"MRN".*\\[rule: data\\.duplicateColumn\\]`));
      expect(r.stderr).not.toContain(SECRET);
    }
  });

  it('a legitimate name ending in _1 beside its stem is kept', async () => {
    t.file('visits.ndjson', '{"dx":"a","dx_1":"b","age":3}\n{"dx":"a","dx_1":"b","age":3}\n');
    const r = await cli('analyze', spec('visits', 'visits.ndjson', '  quasiIdentifiers: [dx, dx_1]\n'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataset.columns.map((c: { name: string }) => c.name)).toEqual(['dx', 'dx_1', 'age']);
  });

  it('header names keep their case and are matched exactly; white space around them is not part of the name', async () => {
    t.file('cased.csv', ' Age , ZIP\n30,02139\n30,02139\n');
    const ok = await cli('analyze', spec('cased', 'cased.csv', '  quasiIdentifiers: [Age, ZIP]\n'), '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).dataset.columns.map((c: { name: string }) => c.name)).toEqual(['Age', 'ZIP']);
    const r = await cli('analyze', spec('cased2', 'cased.csv', '  quasiIdentifiers: [age, zip]\n'));
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toContain('column "age" is not in cased.csv; did you mean "Age"?');
  });
});

describe('compressed CSV headers are read after decompression', () => {
  it('a ;-delimited .csv.gz is read with its header', async () => {
    t.file('semi.csv.gz', gzipSync('age;zip;sex\n30;02139;F\n30;02139;F\n'));
    const r = await cli('analyze', spec('semi', 'semi.csv.gz', '  quasiIdentifiers: [age, zip, sex]\n'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes.count).toBe(1);
  });

  it('a .csv.gz with a duplicate name gets the same error as a plain CSV', async () => {
    t.file('dup.csv', `age,zip,age\n30,${SECRET},1\n`);
    t.file('dup.csv.gz', gzipSync(`age,zip,age\n30,${SECRET},1\n`));
    const plain = await cli('analyze', spec('dupPlain', 'dup.csv', '  quasiIdentifiers: [zip]\n'));
    const gz = await cli('analyze', spec('dupGz', 'dup.csv.gz', '  quasiIdentifiers: [zip]\n'));
    expect(plain.code).toBe(3);
    expect(gz.code).toBe(3);
    expect(firstLine(gz.stderr)).toBe(firstLine(plain.stderr).replace('dup.csv:', 'dup.csv.gz:'));
    expect(firstLine(gz.stderr)).toContain('columns 1 and 3 of the header ("age" and "age") are the same name [rule: data.duplicateColumn]');
  });

  it('a truncated gzip file is a data error, not a silently shorter table', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i % 90},${String(i % 977).padStart(5, '0')}`).join('\n');
    const whole = gzipSync(`age,zip\n${rows}\n`);
    t.file('cut.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await cli('analyze', spec('cut', 'cut.csv.gz', '  quasiIdentifiers: [age, zip]\n'));
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toBe('edra: cut.csv.gz: the gzip stream is truncated or corrupt: rows past the damage would be lost [rule: data.compression]');
  });
});

describe('quotes: " unless the spec says otherwise', () => {
  it('an unterminated quote is a data error with its line, not data', async () => {
    t.file('unterm.csv', `age,zip\n30,"${SECRET}\n41,02139\n55,60601\n`);
    const r = await cli('analyze', spec('unterm', 'unterm.csv', '  quasiIdentifiers: [age, zip]\n'));
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toMatch(/^edra: unterm\.csv:2: a quoted field is not closed .*\[rule: csv\.quote\]$/);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('text after a closing quote is a data error with its line', async () => {
    t.file('after.csv', `age,zip\n30,02139\n30,"021"${SECRET}\n`);
    const r = await cli('analyze', spec('after', 'after.csv', '  quasiIdentifiers: [age, zip]\n'));
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toMatch(/^edra: after\.csv:3: .*\[rule: csv\.quote\]$/);
  });

  it('a quote inside an unquoted field is a character, and quote: "" turns quoting off', async () => {
    t.file('inch.csv', 'size,zip\n5" screen,02139\n5" screen,02139\n');
    const r = await cli('analyze', spec('inch', 'inch.csv', '  quasiIdentifiers: [size, zip]\n'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes.count).toBe(1);
    t.file('raw.csv', 'a,b\n"x,1\n"x,1\n');
    const off = await cli('analyze', spec('raw', 'raw.csv', '  quasiIdentifiers: [a, b]\n', '  csv: { quote: "" }\n'), '--json');
    expect(off.code).toBe(0);
  });
});

describe('header-less files: generated names, never a record as names', () => {
  const noHeader = `30,02139,${SECRET}\n41,02140,${SECRET}B\n55,60601,${SECRET}C\n`;

  it('header: false names the columns column1..n', async () => {
    t.file('nohdr.csv', noHeader);
    const r = await cli('analyze', spec('nohdr', 'nohdr.csv', '  quasiIdentifiers: [column1, column2]\n', '  csv: { header: false }\n'), '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.dataset.columns.map((c: { name: string }) => c.name)).toEqual(['column1', 'column2', 'column3']);
    expect(result.dataset.rows).toBe(3);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('profile of a header-less CSV shows no cell as a column name', async () => {
    const r = await cli('profile', path.join(t.dir, 'nohdr.csv'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain('02139');
    const p = JSON.parse(r.stdout);
    expect(p.rows).toBe(3);
    expect(p.columns.map((c: { name: string }) => c.name)).toEqual(['column1', 'column2', 'column3']);
    const named = await cli('profile', path.join(t.dir, 'nohdr.csv'), '--header', '--json');
    expect(JSON.parse(named.stdout).rows).toBe(2); // told so, the first line is the header
  });

  it('profile of an all-text header-less CSV hides the first line', async () => {
    t.file('names.csv', `${SECRET}SMITH,${SECRET}BOSTON\nJONES,NYC\nBROWN,LA\n`);
    const r = await cli('profile', path.join(t.dir, 'names.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).toContain('column1');
    const shown = await cli('profile', path.join(t.dir, 'names.csv'), '--no-header', '--json');
    expect(JSON.parse(shown.stdout).rows).toBe(3);
  });

  it('a first line whose cell recurs as a value of its column is a record, even when the types seem to confirm it (fuzz counterexample)', async () => {
    // "é" over a number below looks like a header, but the first cell is also the next record's value
    fs.writeFileSync(path.join(t.dir, 'recurs.csv'), `${SECRET}0,\u00e9\n${SECRET}0,0\n`);
    const r = await cli('profile', path.join(t.dir, 'recurs.csv'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(JSON.parse(r.stdout).columns.map((c: { name: string }) => c.name)).toEqual(['column1', 'column2']);
    // a real header whose names are no value of their columns keeps its names
    fs.writeFileSync(path.join(t.dir, 'named.csv'), 'age,sex\n30,F\n41,M\n');
    expect(JSON.parse((await cli('profile', path.join(t.dir, 'named.csv'), '--json')).stdout).columns.map((c: { name: string }) => c.name)).toEqual(['age', 'sex']);
  });

  it('a near-miss of a first-line cell is not suggested without --show-values', async () => {
    t.file('near.csv', `30,${SECRET},F\n41,${SECRET}x,M\n`);
    const f = spec('near', 'near.csv', `  quasiIdentifiers: [${SECRET.slice(0, -1)}]\n`);
    const r = await cli('analyze', f);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toContain('its first line may be a record, not a header');
    expect(r.stderr.split('\n').filter((l) => l.includes(SECRET))).toEqual([]);
    const shown = await cli('analyze', f, '--show-values');
    expect(shown.stderr).toContain(`did you mean "${SECRET}"?`);
  });

  it('a duplicate in a first line that is a record names positions only', async () => {
    t.file('twice.csv', `1987,1987,${SECRET}\n1,2,x\n4,5,y\n`);
    const r = await cli('analyze', spec('twice', 'twice.csv', '  quasiIdentifiers: [column1]\n'));
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toBe('edra: twice.csv:1: columns 1 and 2 of the header are the same name [rule: data.duplicateColumn]; rename one of them');
    expect(r.stderr).not.toContain('1987');
  });
});
