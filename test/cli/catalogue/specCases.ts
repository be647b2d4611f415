/** Catalogue: bad specs (syntax, schema, columns) and bad hierarchies. */
import { CANARY, type BadInput, good, spec } from './types.js';

const C = CANARY;
/** analyze of spec.yaml over the good table. */
const analyze = (specText: string, extra: Record<string, string | Uint8Array> = {}): Pick<BadInput, 'files' | 'argv'> => ({
  files: { 'spec.yaml': specText, 'data.csv': good, ...extra },
  argv: ['analyze', '@spec.yaml'],
});
/** search of spec.yaml over the good table with the given hierarchies block. */
const search = (hierarchies: string, extra: Record<string, string | Uint8Array> = {}, data = good): Pick<BadInput, 'files' | 'argv'> => ({
  files: { 'spec.yaml': `${spec('data.csv')}hierarchies:\n${hierarchies}`, 'data.csv': data, ...extra },
  argv: ['search', '@spec.yaml', '--quiet'],
});

export const specCases: BadInput[] = [
  { name: 'missing spec file', files: {}, argv: ['analyze', '@none.yaml'], code: 2, rule: 'spec.unreadable', at: 'none.yaml' },
  { name: 'a directory as the spec', files: { 'spec.yaml/x': '' }, argv: ['analyze', '@spec.yaml'], code: 2, rule: 'spec.unreadable', at: 'spec.yaml' },
  { name: 'YAML syntax error', ...analyze('dataset:\n  path: data.csv\nattributes: {\n  quasiIdentifiers: [age, zip\n'), code: 2, rule: 'spec.syntax', at: 'spec.yaml:5:1' },
  { name: 'duplicate key', ...analyze(`${spec('data.csv')}dataset: { path: other.csv }\n`), code: 2, rule: 'spec.syntax', at: 'spec.yaml:5:1' },
  { name: 'tab indentation', ...analyze('dataset:\n\tpath: data.csv\n'), code: 2, rule: 'spec.syntax', at: 'spec.yaml:2:1' },
  { name: 'JSON syntax error', files: { 'spec.json': '{"dataset": {"path": "data.csv"},\n "attributes": {"quasiIdentifiers": ["age"]\n', 'data.csv': good }, argv: ['analyze', '@spec.json'], code: 2, rule: 'spec.syntax', at: 'spec.json:3:1' },
  { name: 'empty spec', ...analyze(''), code: 2, rule: 'spec.invalid_type', at: 'spec.yaml:1:1' },
  { name: 'a list instead of a mapping', ...analyze('- dataset\n- attributes\n'), code: 2, rule: 'spec.invalid_type', at: 'spec.yaml:1:1' },
  { name: 'misspelt top-level key', ...analyze(`${spec('data.csv')}thresholdz: { k: 5 }\n`), code: 2, rule: 'spec.unrecognized_keys', at: 'spec.yaml:5:1' },
  { name: 'misspelt nested key', ...analyze('dataset:\n  path: data.csv\n  fromat: csv\nattributes: { quasiIdentifiers: [age] }\n'), code: 2, rule: 'spec.unrecognized_keys', at: 'spec.yaml:3:3' },
  { name: 'dataset.path missing', ...analyze('dataset: { format: csv }\nattributes: { quasiIdentifiers: [age] }\n'), code: 2, rule: 'spec.invalid_type', at: 'spec.yaml:1:10' },
  { name: 'unknown adversary', ...analyze(`${spec('data.csv')}adversary: [prosecutor, burglar]\n`), code: 2, rule: 'spec.invalid_value', at: 'spec.yaml:5:25' },
  { name: 'unknown missing-value policy', ...analyze(`${spec('data.csv')}missingValues: drop\n`), code: 2, rule: 'spec.invalid_value', at: 'spec.yaml:5:16' },
  { name: 'unknown data format', ...analyze('dataset: { path: data.csv, format: xlsx }\nattributes: { quasiIdentifiers: [age] }\n'), code: 2, rule: 'spec.invalid_value', at: 'spec.yaml:1:36' },
  { name: 'k is a fraction', ...analyze(`${spec('data.csv')}thresholds: { k: 2.5 }\n`), code: 2, rule: 'spec.invalid_type', at: 'spec.yaml:5:18' },
  { name: 'k is text', ...analyze(`${spec('data.csv')}thresholds: { k: five }\n`), code: 2, rule: 'spec.invalid_type', at: 'spec.yaml:5:18' },
  { name: 'k is zero', ...analyze(`${spec('data.csv')}thresholds: { k: 0 }\n`), code: 2, rule: 'spec.too_small', at: 'spec.yaml:5:18' },
  { name: 'a risk above 1', ...analyze(`${spec('data.csv')}thresholds: { highestRisk: 1.5 }\n`), code: 2, rule: 'spec.too_big', at: 'spec.yaml:5:28' },
  { name: 'an unknown preset', ...analyze(`${spec('data.csv')}thresholds: { preset: secret }\n`), code: 2, rule: 'spec.invalid_value', at: 'spec.yaml:5:23' },
  { name: 'no quasi-identifiers', ...analyze(spec('data.csv', '', '[]')), code: 2, rule: 'spec.too_small', at: 'spec.yaml:4:21' },
  { name: 'quasi-identifiers as text', ...analyze(spec('data.csv', '', 'age')), code: 2, rule: 'spec.invalid_type', at: 'spec.yaml:4:21' },
  { name: 'a column given two roles', ...analyze(`${spec('data.csv')}  sensitive: [zip]\n`), code: 2, rule: 'spec.custom', at: 'spec.yaml:5:15' },
  { name: 'population size and sampling fraction that cannot hold the records', ...analyze(`${spec('data.csv')}population: { size: 100, samplingFraction: 0.01 }\n`), code: 2, rule: 'spec.populationFrame', at: 'spec.yaml:5:13' },
  { name: 'a sampling fraction of 0', ...analyze(`${spec('data.csv')}population: { samplingFraction: 0 }\n`), code: 2, rule: 'spec.too_small', at: 'spec.yaml:5:33' },
  { name: 'a delimiter of five characters', ...analyze(`dataset:\n  path: data.csv\n  csv: { delimiter: ";;;;;" }\nattributes: { quasiIdentifiers: [age] }\n`), code: 2, rule: 'spec.too_big', at: 'spec.yaml:3:21' },
  { name: 'unknown quasi-identifier column', ...analyze(spec('data.csv', '', '[age, zpi]')), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:4:27', column: 'zip' },
  { name: 'unknown sensitive column', ...analyze(`${spec('data.csv')}  sensitive: [nmae]\n`), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:5:15', column: 'name' },
  { name: 'unknown insensitive column', ...analyze(`${spec('data.csv')}  insensitive: [payer]\n`), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:5:17' },
  { name: 'settings for an attribute not listed as sensitive', ...analyze(`${spec('data.csv')}sensitive:\n  name: { distance: equal }\n`), code: 2, rule: 'spec.unknownSensitive', at: 'spec.yaml:6:9' },
  { name: 'an identifier declared in another case than its column', ...analyze(`${spec('data.csv')}  identifying: [Name]\n`), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:5:17', column: 'name' },
  { name: 'header names used with header: false', files: { 'spec.yaml': 'dataset:\n  path: data.csv\n  csv: { header: false }\nattributes:\n  quasiIdentifiers: [age]\n', 'data.csv': good }, argv: ['analyze', '@spec.yaml'], code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:5:22' },
  { name: 'a typo of a first-line cell of a header-less file', files: { 'spec.yaml': spec('data.csv', '', `[${C.slice(0, -1)}]`), 'data.csv': `30,02139,${C}\n41,60601,x\n` }, argv: ['analyze', '@spec.yaml'], code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:4:22' },
  { name: 'a type for a column the file lacks', ...analyze('dataset:\n  path: data.csv\n  csv: { types: { Age: INTEGER } }\nattributes: { quasiIdentifiers: [age] }\n'), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:3:24', column: 'age' },
  { name: 'a misspelt DuckDB type', ...analyze('dataset:\n  path: data.csv\n  csv: { types: { age: INTEGR } }\nattributes: { quasiIdentifiers: [age] }\n'), code: 2, rule: 'spec.csvType', at: 'spec.yaml:3:24' },
  { name: 'an unknown file extension', ...analyze(spec('data.xlsx'), { 'data.xlsx': good }), code: 2, rule: 'spec.format', at: 'spec.yaml:2:3' },
  { name: 'a wrong declared delimiter', ...analyze(`dataset:\n  path: data.csv\n  csv: { delimiter: ";" }\nattributes:\n  quasiIdentifiers: [age]\n`), code: 2, rule: 'spec.unknownColumn', at: 'spec.yaml:5:22' },
  { name: 'SUDA with a larger MSU than QIs', ...analyze(`${spec('data.csv')}suda: { maxMsuSize: 5 }\n`), code: 2, rule: 'spec.sudaSize', at: 'spec.yaml:5:21' },
  // Hierarchies.
  { name: 'a misspelt hierarchy form', ...search('  zip: { msk: { levels: [5, 3, 0] } }\n'), code: 2, rule: 'spec.custom', at: 'spec.yaml:6:8' },
  { name: 'a hierarchy for a column that is no QI', ...search('  name: { mask: { levels: [5, 0] } }\n'), code: 2, rule: 'spec.unknownHierarchy', at: 'spec.yaml:6:9' },
  { name: 'mask levels that increase', ...search('  zip: { mask: { levels: [3, 5, 0] } }\n'), code: 2, rule: 'hierarchy.maskLevels', at: 'spec.yaml:6:30' },
  { name: 'intervals with width and cuts', ...search('  age: { intervals: { width: [10], cuts: [[30]] } }\n'), code: 2, rule: 'spec.custom', at: 'spec.yaml:6:21' },
  { name: 'date levels out of order', ...search('  age: { dates: { levels: [year, month] } }\n'), code: 2, rule: 'hierarchy.dateLevels', at: 'spec.yaml:6:34' },
  { name: 'a missing hierarchy file', ...search('  zip: { file: h.csv }\n'), code: 2, rule: 'hierarchy.unreadable', at: 'h.csv' },
  { name: 'an empty hierarchy file', ...search('  zip: { file: h.csv }\n', { 'h.csv': '\n\n' }), code: 3, rule: 'hierarchy.empty', at: 'h.csv' },
  { name: 'a ragged hierarchy file', ...search('  zip: { file: h.csv }\n', { 'h.csv': `02139;021**;*\n60601;*\n` }), code: 3, rule: 'hierarchy.ragged', at: 'h.csv:2' },
  { name: 'a value twice in a hierarchy file', ...search('  zip: { file: h.csv }\n', { 'h.csv': `02139;021**;*\n60601;606**;*\n02139;021**;*\n` }), code: 3, rule: 'hierarchy.duplicateValue', at: 'h.csv:3' },
  { name: 'a label with two parents', ...search('  zip: { file: h.csv }\n', { 'h.csv': `02139;0***;*\n60601;0***;x\n` }), code: 3, rule: 'hierarchy.inconsistent', at: 'h.csv:2' },
  { name: 'a UTF-16 hierarchy file', ...search('  zip: { file: h.csv }\n', { 'h.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('02139;*\n60601;*\n', 'utf16le')]) }), code: 3, rule: 'hierarchy.encoding', at: 'h.csv:1' },
  { name: 'an unterminated quote in a hierarchy file', ...search('  zip: { file: h.csv }\n', { 'h.csv': `02139;*\n"60601;*\n` }), code: 3, rule: 'hierarchy.quote', at: 'h.csv:2' },
  { name: 'a value the hierarchy file does not cover', ...search('  zip: { file: h.csv }\n', { 'h.csv': '02139;021**;*\n' }, `age,zip\n30,02139\n41,${C}\n`), code: 3, rule: 'hierarchy.uncovered', at: 'h.csv', column: 'zip' },
  { name: 'a value the groups do not cover', ...search('  zip: { groups: [{ Boston: ["02139"] }] }\n', {}, `age,zip\n30,02139\n41,${C}\n`), code: 3, rule: 'hierarchy.uncovered', at: 'spec.yaml:6:8', column: 'zip' },
  { name: 'a value that is no number for intervals', ...search('  age: { intervals: { width: [10] } }\n', {}, `age,zip\n30,02139\n${C},02139\n`), code: 3, rule: 'hierarchy.uncovered', at: 'spec.yaml:6:8', column: 'age' },
  {
    name: 'a sensitive value its hierarchy does not cover',
    files: {
      'spec.yaml': `${spec('data.csv')}  sensitive: [dx]\nsensitive:\n  dx: { hierarchy: dx.csv }\nthresholds: { t: 0.5 }\n`,
      'data.csv': `age,zip,dx\n30,02139,A01\n30,02139,${C}\n`,
      'dx.csv': 'A01;A\n',
    },
    argv: ['analyze', '@spec.yaml'],
    code: 3,
    rule: 'hierarchy.uncovered',
    at: 'dx.csv',
    column: 'dx',
  },
];
