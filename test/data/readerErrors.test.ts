import { afterAll, describe, expect, it } from 'vitest';
import { readerError } from '../../src/data/readerErrors.js';
import { parseCsvHeader, splitFields } from '../../src/data/csvHeader.js';
import { cli, firstLine, tempDir } from '../cli/helpers.js';

const sniffFailure = `Invalid Input Error: Error when sniffing file "/x/SECRET.csv".
It was not possible to automatically detect the CSV parsing dialect
The search space used was:
Delimiter Candidates: ','
Encoding: utf-8
Possible fixes:`;

describe('readerError', () => {
  it('maps a ragged row, keeping the raw message (with the line) as detail only', () => {
    const e = readerError(new Error('Invalid Input Error: CSV Error on Line: 7\nOriginal Line: 1,SECRET,3\nExpected Number of Columns: 2 Found: 3'), 'f.csv', 'csv');
    expect(e.message).toBe('f.csv:7: row has 3 fields, the header has 2 [rule: csv.ragged]');
    expect(e.exitCode).toBe(3);
    expect(e.detail).toContain('SECRET');
  });

  it('a sniffer failure is not reported as an encoding problem', () => {
    const e = readerError(new Error(sniffFailure), 'f.csv', 'csv');
    expect(e.location.rule).toBe('csv.dialect');
    expect(e.message).not.toContain('SECRET');
  });

  it('invalid UTF-8 is data.encoding with the line', () => {
    const e = readerError(
      new Error('Invalid Input Error: CSV Error on Line: 2\nOriginal Line: a,b\nInvalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.'),
      'f.csv',
      'csv',
    );
    expect(e.message).toBe('f.csv:2: text is not valid UTF-8 [rule: data.encoding]; convert it to UTF-8');
  });

  it('a conversion error names the column and type, never the value', () => {
    const e = readerError(
      new Error(`Conversion Error: CSV Error on Line: 5\nOriginal Line: 1,SECRET\nError when converting column "los". Could not convert string "SECRET" to 'BIGINT'`),
      'f.csv',
      'csv',
    );
    expect(e.location).toMatchObject({ rule: 'csv.type', column: 'los', line: 5 });
    expect(e.message).toContain('BIGINT');
    expect(e.message).not.toContain('SECRET');
  });

  it('a sniffer failure listing its quote candidates is a dialect error, not a quote error', () => {
    const full = sniffFailure.replace('Encoding: utf-8', "Quote/Escape Candidates: ['\"','(no escape)'],['\"','\"']\nEncoding: utf-8\n* Quote is set to '\"'. Consider unsetting it.");
    const e = readerError(new Error(full), 'f.csv', 'csv');
    expect(e.location.rule).toBe('csv.dialect');
  });

  it('an unterminated quote, a line too long and running out of memory each get their own rule', () => {
    const quote = readerError(new Error('Invalid Input Error: CSV Error on Line: 4\nOriginal Line: 1,"SECRET\nValue with unterminated quote found.'), 'f.csv', 'csv');
    expect(quote.message).toMatch(/^f\.csv:4: .*\[rule: csv\.quote\]$/);
    const long = readerError(new Error('Invalid Input Error: CSV Error on Line: 9\nOriginal Line: SECRET\nMaximum line size of 2000000 bytes exceeded. Actual Size:3000003 bytes.'), 'f.csv', 'csv');
    expect(long.location).toMatchObject({ line: 9, rule: 'csv.lineTooLong' });
    const oom = readerError(new Error('Out of Memory Error: could not allocate block of size 30.5 MiB'), 'f.csv', 'csv');
    expect(oom.location.rule).toBe('resource.memory');
    expect(oom.message).not.toContain('cannot read');
  });

  it('a conversion error names a column by position when its name may be a cell', () => {
    const raw = `Conversion Error: CSV Error on Line: 5\nError when converting column "SECRET". Could not convert string "x" to 'BIGINT'`;
    const e = readerError(new Error(raw), 'f.csv', 'csv', { columns: [{ name: 'a' }, { name: 'SECRET' }], namesMayBeData: true });
    expect(e.message).toMatch(/^f\.csv:5: column 2: a value does not parse as BIGINT/);
    expect(JSON.stringify(e.location)).not.toContain('SECRET');
  });

  it('an unknown reader error names neither the value nor the raw message', () => {
    const e = readerError(new Error('IO Error: something about SECRET'), 'f.parquet', 'json');
    expect(e.location.rule).toBe('data.unreadable');
    expect(e.message).not.toContain('SECRET');
  });
});

describe('CSV header', () => {
  const t = tempDir('edra-hdr-');
  afterAll(() => t.cleanup());

  it('picks the delimiter that splits the header most, honouring quotes that open a field', () => {
    expect(parseCsvHeader('a;b;c\n1;2;3\n').delimiter).toBe(';');
    expect(parseCsvHeader('a\tb\n').delimiter).toBe('\t');
    expect(parseCsvHeader('"x,y";b;c\n').fields).toEqual(['x,y', 'b', 'c']);
    expect(parseCsvHeader('  \n\n').empty).toBe(true);
    expect(parseCsvHeader('"a,b\n1,2\n').unterminatedQuote).toBe(true);
    expect(parseCsvHeader('a"b,c\n1,2\n')).toMatchObject({ fields: ['a"b', 'c'], unterminatedQuote: false });
  });

  it('splits quoted fields with doubled quotes', () => {
    expect(splitFields('"a ""b""",c', ',')).toEqual(['a "b"', 'c']);
    expect(splitFields("'x;y';z", ';', "'")).toEqual(['x;y', 'z']);
  });

  it('invalid UTF-8 in a data file: exit 3, data.encoding with the line', async () => {
    t.file('bad8.csv', Buffer.concat([Buffer.from('age,zip\n30,'), Buffer.from([0xff, 0xfe]), Buffer.from('SECRET\n41,02139\n')]));
    const spec = t.file('bad8.yaml', 'dataset: { path: bad8.csv }\nattributes: { quasiIdentifiers: [age, zip] }\n');
    const r = await cli('analyze', spec);
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toMatch(/^edra: bad8\.csv:\d+: text is not valid UTF-8 .*\[rule: data\.encoding\]/);
    expect(r.stderr).not.toContain('SECRET');
  });

  it('a quoted header field holding the delimiter is one column; duplicates after unquoting are caught', async () => {
    t.file('q.csv', '"age,years",zip\n30,021\n30,021\n');
    const spec = t.file('q.yaml', 'dataset: { path: q.csv }\nattributes: { quasiIdentifiers: ["age,years", zip] }\n');
    const r = await cli('analyze', spec, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes.count).toBe(1);
    t.file('qd.csv', '"zip",zip\n1,2\n');
    const spec2 = t.file('qd.yaml', 'dataset: { path: qd.csv }\nattributes: { quasiIdentifiers: [zip] }\n');
    const r2 = await cli('analyze', spec2);
    expect(r2.code).toBe(3);
    expect(firstLine(r2.stderr)).toContain('[rule: data.duplicateColumn]');
  });
});
