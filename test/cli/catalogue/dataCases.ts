/** Catalogue: bad data files (CSV, compressed, Parquet, JSON, Arrow). */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { CANARY, type BadInput, good, gz, manyRows, spec } from './types.js';

const C = CANARY;
const analyze = (data: string, extra = '', qis?: string): Pick<BadInput, 'files' | 'argv'> => ({
  files: { 'spec.yaml': spec(data, extra, qis) },
  argv: ['analyze', '@spec.yaml'],
});
const with1 = (data: string, content: string | Uint8Array, extra = '', qis?: string): Pick<BadInput, 'files' | 'argv'> => {
  const a = analyze(data, extra, qis);
  return { files: { ...a.files, [data]: content }, argv: a.argv };
};

const utf16 = (text: string, bom: boolean): Uint8Array => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf32le = (text: string): Uint8Array => {
  const out = Buffer.alloc(4 + text.length * 4);
  out.writeUInt32LE(0x0000feff, 0);
  for (let i = 0; i < text.length; i++) out.writeUInt32LE(text.charCodeAt(i), 4 + i * 4);
  return out;
};
const garbage = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 167 + 13) % 256);
const bigGz = gz(`age,zip,name\n${manyRows(40_000)}\n`);
const corruptGz = (() => {
  const b = Buffer.from(bigGz);
  for (let i = Math.floor(b.length / 2); i < Math.floor(b.length / 2) + 64; i++) b[i] ^= 0x5a;
  return b;
})();
const caseArrow = tableToIPC(tableFromArrays({ mrn: [`${C}a`, `${C}b`], MRN: [`${C}c`, `${C}d`], age: Int32Array.from([30, 30]) }), 'file');
const validArrowCut = tableToIPC(tableFromArrays({ age: Int32Array.from([30, 30]), zip: [`${C}1`, `${C}2`] }), 'file').subarray(0, 40);

export const dataCases: BadInput[] = [
  { name: 'missing data file', ...analyze('nope.csv'), code: 3, rule: 'data.unreadable', at: 'nope.csv' },
  { name: 'a directory as the data file', files: { 'spec.yaml': spec('dir.csv'), 'dir.csv/x': C }, argv: ['analyze', '@spec.yaml'], code: 3, rule: 'data.notFile', at: 'dir.csv' },
  { name: 'a path through a file', files: { 'spec.yaml': spec('f.csv/inner.csv'), 'f.csv': good }, argv: ['analyze', '@spec.yaml'], code: 3, rule: 'data.unreadable', at: 'f.csv/inner.csv' },
  { name: 'empty file', ...with1('data.csv', ''), code: 3, rule: 'data.empty', at: 'data.csv' },
  { name: 'blank lines only', ...with1('data.csv', '\n \n\t\n'), code: 3, rule: 'data.empty', at: 'data.csv' },
  { name: 'header only', ...with1('data.csv', 'age,zip,name\n'), code: 3, rule: 'data.noRows', at: 'data.csv' },
  { name: 'ragged row, too many fields', ...with1('data.csv', `age,zip,name\n30,02139,a\n41,${C},b,${C}\n`), code: 3, rule: 'csv.ragged', at: 'data.csv:3' },
  { name: 'ragged row, too few fields', ...with1('data.csv', `age,zip,name\n30,02139,a\n41,02139,a\n55,${C}\n`), code: 3, rule: 'csv.ragged', at: 'data.csv:4' },
  { name: 'ragged row beyond the sniffer sample', ...with1('data.csv', `age,zip,name\n${manyRows()}\n1,${C},x,${C}\n`), code: 3, rule: 'csv.ragged', at: 'data.csv:25002' },
  { name: 'duplicate column name', ...with1('data.csv', `age,zip,age\n30,${C},1\n`), code: 3, rule: 'data.duplicateColumn', at: 'data.csv:1', column: 'age' },
  { name: 'column names equal up to case', ...with1('data.csv', `mrn,MRN,age,zip\n${C},${C},30,02139\n`, '', '[age]'), code: 3, rule: 'data.duplicateColumn', at: 'data.csv:1', column: 'MRN' },
  { name: 'column names equal up to case in a .csv.gz', ...with1('data.csv.gz', gz(`mrn,MRN,age\n${C},${C},30\n`), '', '[age]'), code: 3, rule: 'data.duplicateColumn', at: 'data.csv.gz:1', column: 'MRN' },
  { name: 'duplicate column name in a .csv.gz', ...with1('data.csv.gz', gz(`age,zip,age\n30,${C},1\n`)), code: 3, rule: 'data.duplicateColumn', at: 'data.csv.gz:1', column: 'age' },
  { name: 'an empty header name where column<i> is also a name', ...with1('data.csv', `column2,,zip\n1,${C},3\n`, '', '[zip]'), code: 3, rule: 'data.duplicateColumn', at: 'data.csv:1' },
  { name: 'unterminated quote', ...with1('data.csv', `age,zip\n30,"${C}\n41,02139\n`), code: 3, rule: 'csv.quote', at: 'data.csv:2' },
  { name: 'text after a closing quote', ...with1('data.csv', `age,zip\n30,02139\n30,"02139"${C}\n`), code: 3, rule: 'csv.quote', at: 'data.csv:3' },
  { name: 'unterminated quote in the header', ...with1('data.csv', `age,"zip\n30,${C}\n`), code: 3, rule: 'csv.quote', at: 'data.csv:1' },
  { name: 'unterminated quote beyond the sniffer sample', ...with1('data.csv', `age,zip,name\n${manyRows()}\n1,2,"${C}\n3,4,5\n`), code: 3, rule: 'csv.quote', at: 'data.csv:25002' },
  { name: 'a line longer than DuckDB reads', ...with1('data.csv', `age,zip\n30,02139\n41,${C}${'x'.repeat(2_100_000)}\n`), code: 3, rule: 'csv.lineTooLong', at: 'data.csv:3' },
  { name: 'bytes that are not UTF-8 (Latin-1)', ...with1('data.csv', Buffer.concat([Buffer.from(`age,zip\n30,02139\n41,${C}`), Buffer.from([0xe9, 0x0a])])), code: 3, rule: 'data.encoding', at: 'data.csv:3' },
  { name: 'UTF-16 with a byte-order mark', ...with1('data.csv', utf16(`age,zip\n30,${C}\n`, true)), code: 3, rule: 'data.encoding', at: 'data.csv:1' },
  { name: 'UTF-16 without a byte-order mark', ...with1('data.csv', utf16(`age,zip\n30,${C}\n41,02139\n`, false)), code: 3, rule: 'data.encoding', at: 'data.csv:1' },
  { name: 'UTF-32', ...with1('data.csv', utf32le(`age,zip\n30,${C}\n`)), code: 3, rule: 'data.encoding', at: 'data.csv:1' },
  { name: 'binary garbage named .csv', ...with1('data.csv', garbage(4000)), code: 3, rule: 'data.encoding', at: 'data.csv:1' },
  { name: 'a gzip file named .csv', ...with1('data.csv', gz(good)), code: 3, rule: 'data.format', at: 'data.csv' },
  { name: 'a zstd file named .csv', ...with1('data.csv', Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.from(C)])), code: 3, rule: 'data.format', at: 'data.csv' },
  { name: 'a Parquet file named .csv', ...with1('data.csv', `PAR1${C}PAR1`), code: 3, rule: 'data.format', at: 'data.csv' },
  { name: 'a spreadsheet (ZIP) named .csv', ...with1('data.csv', Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from(C)])), code: 3, rule: 'data.format', at: 'data.csv' },
  { name: 'a .csv.gz that is not gzip', ...with1('data.csv.gz', good), code: 3, rule: 'data.compression', at: 'data.csv.gz' },
  { name: 'a truncated .csv.gz', ...with1('data.csv.gz', bigGz.subarray(0, Math.floor(bigGz.length * 0.6))), code: 3, rule: 'data.compression', at: 'data.csv.gz' },
  { name: 'a corrupt .csv.gz', ...with1('data.csv.gz', corruptGz), code: 3, rule: 'data.compression', at: 'data.csv.gz' },
  { name: 'a .csv.zst that is not zstd', ...with1('data.csv.zst', good), code: 3, rule: 'data.compression', at: 'data.csv.zst' },
  { name: 'a quasi-identifier with only missing values under the exclude policy', ...with1('data.csv', `age,zip,name\n,02139,${C}\n,60601,${C}\n`, 'missingValues: exclude\n'), code: 3, rule: 'qi.allMissing', at: 'data.csv', column: 'age' },
  { name: 'a quasi-identifier missing under nullStrings (exclude policy)', files: { 'spec.yaml': `dataset:\n  path: data.csv\n  csv: { nullStrings: [NA] }\nattributes:\n  quasiIdentifiers: [age, zip]\nmissingValues: exclude\n`, 'data.csv': `age,zip\nNA,${C}\nNA,02139\n` }, argv: ['analyze', '@spec.yaml'], code: 3, rule: 'qi.allMissing', at: 'data.csv', column: 'age' },
  {
    name: 'a value that does not parse as its declared type (anonymize reads every column)',
    files: {
      'spec.yaml': `dataset:\n  path: data.csv\n  csv: { types: { los: INTEGER } }\nattributes:\n  quasiIdentifiers: [age]\nhierarchies:\n  age: { mask: { levels: [2, 0] } }\n`,
      'data.csv': `age,los\n30,1\n30,${C}\n`,
    },
    argv: ['anonymize', '@spec.yaml', '--out', '@out.csv', '--levels', 'age=0', '--quiet'],
    code: 3,
    rule: 'csv.type',
    at: 'data.csv:3',
    column: 'los',
  },
  {
    name: 'a sniffed number column with text beyond the sample',
    files: { 'spec.yaml': `${spec('data.csv', '', '[zip]')}hierarchies:\n  zip: { mask: { levels: [5, 0] } }\n`, 'data.csv': `age,zip,name\n${manyRows()}\n${C},02139,x\n` },
    argv: ['anonymize', '@spec.yaml', '--out', '@out.csv', '--levels', 'zip=0', '--quiet'],
    code: 3,
    rule: 'csv.type',
    at: 'data.csv:25002',
    column: 'age',
  },
  { name: 'a corrupt Parquet file', ...with1('data.parquet', `PAR1${C} not parquet PAR1`), code: 3, rule: 'parquet.invalid', at: 'data.parquet' },
  { name: 'a Parquet file of a few bytes', ...with1('data.parquet', 'PAR'), code: 3, rule: 'parquet.invalid', at: 'data.parquet' },
  { name: 'a corrupt Arrow file', ...with1('data.arrow', `${C} not arrow`), code: 3, rule: 'arrow.invalid', at: 'data.arrow' },
  { name: 'a truncated Arrow file', ...with1('data.arrow', validArrowCut), code: 3, rule: 'arrow.invalid', at: 'data.arrow' },
  { name: 'Arrow column names equal up to case', ...with1('data.arrow', caseArrow, '', '[age]'), code: 3, rule: 'data.duplicateColumn', at: 'data.arrow', column: 'MRN' },
  { name: 'NDJSON column names equal up to case', ...with1('data.ndjson', `{"mrn":"${C}","MRN":"${C}","age":3}\n`, '', '[age]'), code: 3, rule: 'data.duplicateColumn', at: 'data.ndjson', column: 'MRN' },
  { name: 'a JSON array cut after a comma', ...with1('data.json', `[{"age": 30, "zip": "${C}"},`), code: 3, rule: 'json.malformed', at: 'data.json' },
  { name: 'malformed JSON inside an array', ...with1('data.json', `[{"age": 30, "zip": "a"},\n{"age": ${C}}]`), code: 3, rule: 'json.malformed', at: 'data.json' },
  { name: 'an NDJSON line that is not an object', ...with1('data.ndjson', `{"age":30,"zip":"a"}\n[1, 2]\n`, '', '[age]'), code: 3, rule: 'json.notRecords', at: 'data.ndjson' },
  { name: 'a malformed NDJSON line', ...with1('data.ndjson', `{"age":30,"zip":"a"}\n{"age":${C}\n{"age":41,"zip":"b"}\n`), code: 3, rule: 'json.malformed', at: 'data.ndjson:2' },
];
