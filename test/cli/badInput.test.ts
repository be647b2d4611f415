/**
 * Bad input: each case is one clear `edra: ` line naming the file (or spec path) and the
 * rule, with the documented exit code, and no cell value unless --show-values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, firstLine, tempDir, type CliRun } from './helpers.js';

const SECRET = 'SECRET123';
const t = tempDir('edra-bad-');
afterAll(() => t.cleanup());

/** Writes a spec over `data` with the given QIs (and extra YAML) and returns its path. */
function spec(name: string, data: string, qis = '[age, zip]', extra = ''): string {
  return t.file(`${name}.yaml`, `dataset:\n  path: ${data}\nattributes:\n  quasiIdentifiers: ${qis}\n${extra}`);
}

/** The common shape of every error: one `edra: ` line first, no value, nothing on stdout. */
function expectCleanError(r: CliRun, code: number, rule: string, names: string): void {
  expect(r.code).toBe(code);
  const line = firstLine(r.stderr);
  expect(line.startsWith('edra: ')).toBe(true);
  expect(line).toContain(`[rule: ${rule}]`);
  expect(line).toContain(names);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toContain(SECRET);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('data errors (exit 3)', () => {
  it('missing data file', async () => {
    const r = await cli('analyze', spec('missing', 'nope.csv'));
    expectCleanError(r, 3, 'data.unreadable', 'nope.csv');
    expect(firstLine(r.stderr)).toContain('no such file');
  });

  it('a directory instead of a file', async () => {
    fs.mkdirSync(path.join(t.dir, 'adir.csv'), { recursive: true });
    const r = await cli('analyze', spec('dir', 'adir.csv'));
    expectCleanError(r, 3, 'data.notFile', 'adir.csv');
  });

  it('an unreadable path (a file used as a directory), which fails even for root', async () => {
    t.file('plain.csv', `age,zip\n1,${SECRET}\n`);
    const r = await cli('analyze', spec('nested', 'plain.csv/inner.csv'));
    expectCleanError(r, 3, 'data.unreadable', 'plain.csv/inner.csv');
  });

  it('empty file, and a file of blank lines', async () => {
    t.file('empty.csv', '');
    expectCleanError(await cli('analyze', spec('empty', 'empty.csv')), 3, 'data.empty', 'empty.csv');
    t.file('blank.csv', '\n  \n\n');
    expectCleanError(await cli('analyze', spec('blank', 'blank.csv')), 3, 'data.empty', 'blank.csv');
  });

  it('header only', async () => {
    t.file('header.csv', 'age,zip,name\n');
    expectCleanError(await cli('analyze', spec('header', 'header.csv')), 3, 'data.noRows', 'header.csv');
  });

  it('ragged row (too many fields) in a small file names the line, not the value', async () => {
    t.file('ragged.csv', `age,zip,name\n30,02139,a\n41,${SECRET},b,${SECRET}\n55,60601,c\n`);
    const r = await cli('analyze', spec('ragged', 'ragged.csv'));
    expectCleanError(r, 3, 'csv.ragged', 'ragged.csv:3');
    expect(firstLine(r.stderr)).toContain('4 fields');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a ragged row in a tiny file is not taken for the header (values as column names)', async () => {
    // DuckDB's sniffer used to skip the first rows here and take the ragged row as the header.
    t.file('tiny.csv', `age,zip\n1,2\n3,${SECRET},5\n`);
    const r = await cli('analyze', spec('tiny', 'tiny.csv'));
    expectCleanError(r, 3, 'csv.ragged', 'tiny.csv:3');
    const p = await cli('profile', path.join(t.dir, 'tiny.csv'), '--json');
    expectCleanError(p, 3, 'csv.ragged', 'tiny.csv:3');
  });

  it('ragged row (too few fields)', async () => {
    t.file('short.csv', `age,zip,name\n30,02139,${SECRET}\n41,02139,${SECRET}\n55,${SECRET}\n`);
    const r = await cli('analyze', spec('short', 'short.csv'));
    expectCleanError(r, 3, 'csv.ragged', 'short.csv:4');
  });

  it('ragged row far beyond the sniffing sample', async () => {
    const lines = ['age,zip,name'];
    for (let i = 0; i < 30_000; i++) lines.push(`${i % 90},${String(i % 500).padStart(5, '0')},n${i}`);
    lines.push(`1,${SECRET},x,${SECRET}`);
    t.file('late.csv', lines.join('\n') + '\n');
    const r = await cli('analyze', spec('late', 'late.csv'));
    expectCleanError(r, 3, 'csv.ragged', 'late.csv:30002');
  });

  it('ragged row with --show-values: the detail may show the line', async () => {
    const r = await cli('analyze', spec('ragged', 'ragged.csv'), '--show-values');
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toContain('[rule: csv.ragged]');
    expect(firstLine(r.stderr)).not.toContain(SECRET);
    expect(r.stderr).toContain(SECRET);
  });

  it('duplicate column names', async () => {
    t.file('dup.csv', `age,zip,age\n30,${SECRET},1\n`);
    expectCleanError(await cli('analyze', spec('dup', 'dup.csv')), 3, 'data.duplicateColumn', 'dup.csv');
    expect(firstLine((await cli('analyze', spec('dup', 'dup.csv'))).stderr)).toContain('"age"');
  });

  it('a QI with only missing values: an error under the exclude policy (no record is left)', async () => {
    t.file('nullqi.csv', `age,zip,name\n,02139,${SECRET}\n,02139,${SECRET}\n,60601,${SECRET}\n`);
    const r = await cli('analyze', spec('nullqi', 'nullqi.csv', '[age, zip]', 'missingValues: exclude\n'));
    expectCleanError(r, 3, 'qi.allMissing', 'nullqi.csv');
    expect(firstLine(r.stderr)).toContain('"age"');
  });

  it('a QI with only missing values: a review warning when missing is a value (exit 4 until acknowledged)', async () => {
    const r = await cli('analyze', spec('nullqi-own', 'nullqi.csv'), '--json');
    expect(r.code).toBe(4);
    const w = (JSON.parse(r.stdout) as { warnings: { rule: string; subject?: string; review?: boolean; message: string }[] }).warnings.find((x) => x.rule === 'qi.allMissing');
    expect(w).toMatchObject({ subject: 'age', review: true });
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    const acked = spec('nullqi-ack', 'nullqi.csv', '[age, zip]', 'acknowledgements:\n  - { rule: qi.allMissing, subject: age, reason: suppressed throughout on purpose }\n');
    const a = JSON.parse((await cli('analyze', acked, '--json')).stdout) as { warnings: { rule: string; acknowledged?: string }[] };
    expect(a.warnings.find((x) => x.rule === 'qi.allMissing')?.acknowledged).toBe('suppressed throughout on purpose');
  });

  it('a QI of nulls under nullStrings: [NA]', async () => {
    t.file('na.csv', `age,zip\nNA,02139\nNA,${SECRET}\n`);
    const r = await cli('analyze', spec('na', 'na.csv'), '--quiet');
    expect(r.code).toBe(0); // NA is a value until declared missing
    fs.writeFileSync(
      path.join(t.dir, 'na.yaml'),
      'dataset:\n  path: na.csv\n  csv: { nullStrings: [NA] }\nattributes:\n  quasiIdentifiers: [age, zip]\n',
    );
    const na = await cli('analyze', path.join(t.dir, 'na.yaml'), '--json');
    expect(na.code).toBe(4);
    expect((JSON.parse(na.stdout) as { warnings: { rule: string }[] }).warnings.map((w) => w.rule)).toContain('qi.allMissing');
  });

  it('a cell that does not parse as its declared type names the column, not the value', async () => {
    t.file('typed.csv', `age,zip,los\n30,02139,3\n41,02139,${SECRET}\n`);
    const f = t.file('typed.yaml', 'dataset:\n  path: typed.csv\n  csv: { types: { los: INTEGER } }\nattributes:\n  quasiIdentifiers: [age, zip]\n');
    const r = await cli('profile', path.join(t.dir, 'typed.csv'));
    expect(r.code).toBe(0); // profile reads every column as text
    const a = await cli('analyze', f);
    expect(a.stderr).not.toContain(SECRET);
    expect(a.stdout).not.toContain(SECRET);
    if (a.code !== 0) expectCleanError(a, 3, 'csv.type', 'typed.csv');
  });
});

describe('spec and usage errors (exit 2)', () => {
  it('unknown column in the spec suggests the nearest name', async () => {
    t.file('ok.csv', `age,zip,patient\n30,${SECRET},a\n41,02139,b\n`);
    const r = await cli('analyze', spec('unknown', 'ok.csv', '[age, zpi]'));
    expectCleanError(r, 2, 'spec.unknownColumn', 'attributes.quasiIdentifiers.1');
    expect(firstLine(r.stderr)).toContain('"zpi"');
    expect(firstLine(r.stderr)).toContain('did you mean "zip"?');
    expect(firstLine(r.stderr)).toContain('ok.csv');
  });

  it('spec failing validation names the spec file, the path and the rule', async () => {
    t.file('ok.csv', `age,zip,patient\n30,${SECRET},a\n41,02139,b\n`);
    const f = spec('invalid', 'ok.csv', '[age, zip]', 'thresholds:\n  k: 0\n');
    const r = await cli('analyze', f);
    expectCleanError(r, 2, 'spec.too_small', 'invalid.yaml');
    expect(firstLine(r.stderr)).toContain('thresholds.k');
  });

  it('spec with an unknown key and a wrong enum value', async () => {
    const r1 = await cli('analyze', spec('extraKey', 'ok.csv', '[age, zip]', 'thresholdz: { k: 5 }\n'));
    expect(r1.code).toBe(2);
    expect(firstLine(r1.stderr)).toMatch(/^edra: .*extraKey\.yaml.*thresholdz.*\[rule: spec\.unrecognized_keys\]/);
    const r2 = await cli('analyze', spec('badEnum', 'ok.csv', '[age, zip]', 'adversary: [burglar]\n'));
    expect(r2.code).toBe(2);
    expect(firstLine(r2.stderr)).toMatch(/^edra: .*badEnum\.yaml:5:13: spec adversary\.0: must be one of prosecutor, journalist, marketer \[rule: spec\.invalid_value\]/);
  });

  it('a column given two roles', async () => {
    const f = t.file('twice.yaml', 'dataset: { path: ok.csv }\nattributes:\n  quasiIdentifiers: [age, zip]\n  sensitive: [zip]\n');
    const r2 = await cli('analyze', f);
    expect(r2.code).toBe(2);
    expect(firstLine(r2.stderr)).toContain('attributes.sensitive.0');
    expect(firstLine(r2.stderr)).toContain('listed twice');
  });

  it('spec YAML syntax error names the line', async () => {
    const f = t.file('syntax.yaml', 'dataset:\n  path: ok.csv\nattributes: {\n  quasiIdentifiers: [age, zip\n');
    const r = await cli('analyze', f);
    expect(r.code).toBe(2);
    const line = firstLine(r.stderr);
    expect(line).toMatch(/^edra: .*syntax\.yaml:\d+:\d+: spec is not valid YAML\/JSON/);
    expect(line).toContain('[rule: spec.syntax]');
    const n = Number(/syntax\.yaml:(\d+):/.exec(line)![1]);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(5);
  });

  it('missing spec file', async () => {
    const r = await cli('analyze', path.join(t.dir, 'no-such-spec.yaml'));
    expectCleanError(r, 2, 'spec.unreadable', 'no-such-spec.yaml');
  });

  it('population size smaller than the sample', async () => {
    t.file('three.csv', `age,zip\n30,${SECRET}\n41,02139\n55,60601\n`);
    const r = await cli('analyze', spec('pop', 'three.csv', '[age, zip]', 'population: { size: 2 }\n'));
    expectCleanError(r, 2, 'spec.populationSize', 'population.size');
  });

  it('population: size and samplingFraction together are the certified frame of a released file; one that cannot hold the records is refused', async () => {
    const r = await cli('analyze', spec('popBoth', 'three.csv', '[age, zip]', 'population: { size: 20, samplingFraction: 0.1 }\n'));
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/records of the data exceed a sample at samplingFraction 0\.1 of population\.size 20 .*\[rule: spec\.populationFrame\]$/);
    // 3 records of a sample at 0.5 of 20 (10 records): a released subset, accepted as that frame.
    const ok = await cli('analyze', spec('popBoth2', 'three.csv', '[age, zip]', 'population: { size: 20, samplingFraction: 0.5 }\n'), '--json');
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout).population).toMatchObject({ size: 20, samplingFraction: 0.5 });
  });

  it('unknown CLI option, unknown command, missing argument', async () => {
    const r = await cli('analyze', 'x.yaml', '--bogus');
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe("edra: unknown option '--bogus' [rule: cli.usage]");
    expect(r.stdout).toBe('');
    const r2 = await cli('analyse', 'x.yaml');
    expect(r2.code).toBe(2);
    expect(firstLine(r2.stderr)).toMatch(/^edra: unknown command 'analyse'/);
    const r3 = await cli('analyze');
    expect(r3.code).toBe(2);
    expect(firstLine(r3.stderr)).toMatch(/^edra: missing required argument 'spec'/);
  });

  it('unknown data format extension', async () => {
    t.file('data.xyz', 'age,zip\n1,2\n');
    const r = await cli('analyze', spec('fmt', 'data.xyz'));
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/^edra: .*fmt\.yaml:2:3: data\.xyz: cannot tell the format .*\[rule: spec\.format\]/);
  });
});

describe('--out leaves no partial output when the analysis fails', () => {
  it('neither the target nor a temporary file exists afterwards', async () => {
    const outDir = path.join(t.dir, 'out');
    fs.mkdirSync(outDir);
    const target = path.join(outDir, 'result.json');
    t.file('ragged2.csv', `age,zip\n1,2\n3,${SECRET},5\n`);
    const r = await cli('analyze', spec('ragged2', 'ragged2.csv'), '--json', '--out', target);
    expect(r.code).toBe(3);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('an unwritable --out target is a usage error, not an internal one', async () => {
    t.file('fine.csv', 'age,zip\n30,02139\n30,02139\n');
    const r = await cli('analyze', spec('fine', 'fine.csv'), '--out', path.join(t.dir, 'no', 'such', 'dir', 'r.json'));
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/^edra: cannot write .*r\.json: ENOENT \[rule: cli\.out\]/);
  });
});

describe('data errors in profile', () => {
  it('profile of a ragged file', async () => {
    const r = await cli('profile', path.join(t.dir, 'ragged.csv'), '--quiet');
    expectCleanError(r, 3, 'csv.ragged', 'ragged.csv:3');
  });

  it('profile of a missing file', async () => {
    const r = await cli('profile', path.join(t.dir, 'gone.parquet'));
    expectCleanError(r, 3, 'data.unreadable', 'gone.parquet');
  });

  it('profile of a corrupt Parquet and Arrow file', async () => {
    const pq = t.file('bad.parquet', `PAR1${SECRET} not really parquet`);
    const r = await cli('profile', pq);
    expectCleanError(r, 3, 'parquet.invalid', 'bad.parquet');
    t.file('bad.arrow', `${SECRET} not arrow`);
    const r2 = await cli('analyze', spec('badArrow', 'bad.arrow'));
    expectCleanError(r2, 3, 'arrow.invalid', 'bad.arrow');
    expect(firstLine(r2.stderr)).toMatch(/^edra: bad\.arrow: /); // the path as given, not the absolute one
  });
});
