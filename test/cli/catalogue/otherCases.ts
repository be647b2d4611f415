/** Catalogue: population tables, weights, output paths, options and saved results. */
import { CANARY, type BadInput, good, spec } from './types.js';

const C = CANARY;
const pop = (table: string, popFile: string | Uint8Array | undefined, data = good): Pick<BadInput, 'files' | 'argv'> => ({
  files: { 'spec.yaml': `${spec('data.csv')}population:\n  table: ${table}\n`, 'data.csv': data, ...(popFile !== undefined ? { 'pop.csv': popFile } : {}) },
  argv: ['analyze', '@spec.yaml'],
});
const weighted = (data: string, weight = 'w'): Pick<BadInput, 'files' | 'argv'> => ({
  files: { 'spec.yaml': `${spec('data.csv')}population: { samplingFraction: 0.1 }\nindividualRisk: { weight: ${weight} }\n`, 'data.csv': data },
  argv: ['analyze', '@spec.yaml'],
});
const ok = { 'spec.yaml': spec('data.csv'), 'data.csv': good };
const searchable = { 'spec.yaml': `${spec('data.csv')}hierarchies:\n  age: { mask: { levels: [2, 1, 0] } }\n  zip: { mask: { levels: [5, 3, 0] } }\n`, 'data.csv': good };

export const otherCases: BadInput[] = [
  // Population tables.
  { name: 'a missing population table', ...pop('{ path: pop.csv }', undefined), code: 3, rule: 'data.unreadable', at: 'pop.csv' },
  { name: 'an empty population table', ...pop('{ path: pop.csv }', ''), code: 3, rule: 'data.empty', at: 'pop.csv' },
  { name: 'a population table without a quasi-identifier', ...pop('{ path: pop.csv }', 'age,n\n30,100\n41,50\n'), code: 2, rule: 'spec.populationColumns', at: 'pop.csv:1', column: 'zip' },
  { name: 'a population count column that does not exist', ...pop('{ path: pop.csv, count: nn }', 'age,zip,n\n30,02139,100\n41,60601,50\n'), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:6:34', column: 'n' },
  { name: 'a ragged population table', ...pop('{ path: pop.csv }', `age,zip,n\n30,02139,100\n41,${C},50,9\n`), code: 3, rule: 'csv.ragged', at: 'pop.csv:3' },
  { name: 'population column names equal up to case', ...pop('{ path: pop.csv }', 'age,zip,ZIP\n30,02139,1\n'), code: 3, rule: 'data.duplicateColumn', at: 'pop.csv:1', column: 'ZIP' },
  { name: 'a population table in UTF-16', ...pop('{ path: pop.csv }', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('age,zip\n30,02139\n', 'utf16le')])), code: 3, rule: 'data.encoding', at: 'pop.csv:1' },
  { name: 'a population type for a column the table lacks', ...pop('{ path: pop.csv, csv: { types: { nn: INTEGER } } }', 'age,zip,n\n30,02139,100\n'), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:6:47', column: 'n' },
  { name: 'a population smaller than the sample', files: { ...ok, 'spec.yaml': `${spec('data.csv')}population: { size: 2 }\n` }, argv: ['analyze', '@spec.yaml'], code: 2, rule: 'spec.populationSize', at: 'spec.yaml:5:21' },
  // Weights.
  { name: 'a weight column that does not exist', ...weighted(good, 'wieght'), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:6:27' },
  { name: 'a weight that is text', ...weighted(`age,zip,w\n30,02139,10\n30,02139,${C}\n`), code: 3, rule: 'weight.invalid', at: 'data.csv', column: 'w' },
  { name: 'a weight of zero', ...weighted('age,zip,w\n30,02139,10\n30,02139,0\n'), code: 3, rule: 'weight.invalid', at: 'data.csv', column: 'w' },
  { name: 'a missing weight', ...weighted('age,zip,w\n30,02139,10\n30,02139,\n'), code: 3, rule: 'weight.invalid', at: 'data.csv', column: 'w' },
  // Output paths.
  { name: '--out in a directory that does not exist', files: ok, argv: ['analyze', '@spec.yaml', '--out', '@no/such/r.json', '--quiet'], code: 2, rule: 'cli.out', at: 'cannot write' },
  { name: '--template without --report', files: ok, argv: ['analyze', '@spec.yaml', '--template', '@tpl'], code: 2, rule: 'cli.template', at: '--template' },
  { name: 'anonymize --out in a directory that does not exist', files: searchable, argv: ['anonymize', '@spec.yaml', '--out', '@no/such/a.csv', '--levels', 'age=1', '--quiet'], code: 2, rule: 'cli.anonymizedOut', at: '--out' },
  // Options.
  { name: 'bare edra', files: {}, argv: [], code: 2, rule: 'cli.usage', at: 'a command is required' },
  { name: 'an unknown option', files: ok, argv: ['analyze', '@spec.yaml', '--bogus'], code: 2, rule: 'cli.usage', at: "unknown option '--bogus'" },
  { name: 'an unknown command', files: {}, argv: ['analyse', 'x.yaml'], code: 2, rule: 'cli.usage', at: "unknown command 'analyse'" },
  { name: 'a missing argument', files: {}, argv: ['analyze'], code: 2, rule: 'cli.usage', at: "missing required argument 'spec'" },
  { name: 'a missing required option', files: searchable, argv: ['anonymize', '@spec.yaml'], code: 2, rule: 'cli.usage', at: "required option '--out <file>' not specified" },
  { name: 'a malformed --memory-limit', files: ok, argv: ['analyze', '@spec.yaml', '--memory-limit', 'lots'], code: 2, rule: 'cli.usage', at: "option '--memory-limit <size>' argument 'lots' is invalid." },
  { name: 'a --memory-limit too small for the run', files: ok, argv: ['analyze', '@spec.yaml', '--memory-limit', '1KB', '--quiet'], code: 2, rule: 'cli.memoryLimit', at: '--memory-limit 1KB' },
  { name: 'malformed --levels', files: searchable, argv: ['analyze', '@spec.yaml', '--levels', 'age:2'], code: 2, rule: 'cli.usage', at: "option '--levels <levels>' argument 'age:2' is invalid." },
  { name: '--levels for a column that is no QI', files: searchable, argv: ['analyze', '@spec.yaml', '--levels', 'aeg=1', '--quiet'], code: 2, rule: 'cli.levels', at: '--levels', column: 'age' },
  { name: '--levels beyond the hierarchy', files: searchable, argv: ['analyze', '@spec.yaml', '--levels', 'age=9', '--quiet'], code: 2, rule: 'cli.levels', at: '--levels' },
  { name: '--threads 0', files: searchable, argv: ['search', '@spec.yaml', '--threads', '0'], code: 2, rule: 'cli.usage', at: "option '--threads <n>' argument '0' is invalid." },
  { name: 'profile --format of no format', files: ok, argv: ['profile', '@data.csv', '--format', 'xls'], code: 2, rule: 'cli.usage', at: "option '--format <format>' argument 'xls' is invalid." },
  { name: 'profile of a missing file', files: {}, argv: ['profile', '@gone.csv'], code: 3, rule: 'data.unreadable', at: 'gone.csv' },
  { name: 'profile of a file with names equal up to case', files: { 'd.csv': `a,A,n\n${C},${C},1\n` }, argv: ['profile', '@d.csv'], code: 3, rule: 'data.duplicateColumn', at: 'd.csv:1', column: 'A' },
  { name: 'profile of an unterminated quote', files: { 'd.csv': `a,b\n1,"${C}\n` }, argv: ['profile', '@d.csv'], code: 3, rule: 'csv.quote', at: 'd.csv:2' },
  { name: 'release of a spec without a release section', files: ok, argv: ['release', '@spec.yaml', '--out', '@r.csv'], code: 2, rule: 'release.missing', at: 'spec.yaml:1:1' },
  // Saved results (edra report).
  { name: 'report of a missing result', files: {}, argv: ['report', '@res.json', '--out', '@r.html'], code: 3, rule: 'report.input', at: 'res.json' },
  { name: 'report of a file that is not JSON', files: { 'res.json': `{ ${C}` }, argv: ['report', '@res.json', '--out', '@r.html'], code: 3, rule: 'report.input', at: 'res.json' },
  { name: 'report of JSON that is not a result', files: { 'res.json': `{ "rows": "${C}" }` }, argv: ['report', '@res.json', '--out', '@r.html'], code: 3, rule: 'report.input', at: 'res.json' },
];
