/**
 * Issue 12, items 4 and 5 at the command line: each error names its true cause (not a
 * quote, a ragged row or the input when it is something else), spec errors are listed at
 * their lines, bare `edra` is a usage error and `edra report` exits as the analysis did.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, firstLine, repoRoot, tempDir } from './helpers.js';

const SECRET = 'Vb3SECRET';
const t = tempDir('edra-diag-');
afterAll(() => t.cleanup());

function spec(name: string, body: string): string {
  return t.file(`${name}.yaml`, body);
}

describe('each error names its true cause', () => {
  it('a binary file is an encoding error, not an "unterminated or misplaced quote"', async () => {
    const bytes = Buffer.alloc(3000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7) % 256;
    t.file('bin.csv', bytes);
    const r = await cli('analyze', spec('bin', 'dataset: { path: bin.csv }\nattributes: { quasiIdentifiers: [a] }\n'));
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toMatch(/^edra: bin\.csv:1: text is not valid UTF-8 .*\[rule: data\.encoding\]/);
    expect(r.stderr).not.toContain('quote');
  });

  it('a UTF-16 file is an encoding error, not a ragged row', async () => {
    t.file('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`age,zip\n30,${SECRET}\n41,02139\n`, 'utf16le')]));
    t.file('u16nobom.csv', Buffer.from(`age,zip\n30,${SECRET}\n41,02139\n`, 'utf16le'));
    for (const f of ['u16.csv', 'u16nobom.csv']) {
      const r = await cli('analyze', spec(f, `dataset: { path: ${f} }\nattributes: { quasiIdentifiers: [age, zip] }\n`));
      expect(r.code).toBe(3);
      expect(firstLine(r.stderr)).toBe(`edra: ${f}:1: text is UTF-16LE, not UTF-8 [rule: data.encoding]; convert it (e.g. iconv -f UTF-16LE -t UTF-8)`);
    }
  });

  it('a gzip file named .csv, and a .csv.gz that is not gzip, are named as such', async () => {
    t.file('zipped.csv', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]));
    const r = await cli('analyze', spec('zipped', 'dataset: { path: zipped.csv }\nattributes: { quasiIdentifiers: [a] }\n'));
    expect(firstLine(r.stderr)).toBe('edra: zipped.csv: the file is gzip-compressed, not delimited text [rule: data.format]; name it zipped.csv.gz');
    t.file('plain.csv.gz', 'age,zip\n1,2\n');
    const r2 = await cli('analyze', spec('plaingz', 'dataset: { path: plain.csv.gz }\nattributes: { quasiIdentifiers: [age] }\n'));
    expect(r2.code).toBe(3);
    expect(firstLine(r2.stderr)).toBe('edra: plain.csv.gz: the name says gzip but the file is not gzip-compressed [rule: data.compression]');
  });

  it('a misspelt type in dataset.csv.types is a spec error (exit 2) at its line', async () => {
    t.file('typed.csv', 'age,zip,los\n30,02139,3\n41,02139,4\n');
    const r = await cli('analyze', spec('badType', 'dataset:\n  path: typed.csv\n  csv:\n    types: { los: INTEGR }\nattributes: { quasiIdentifiers: [age, zip] }\n'));
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/badType\.yaml:4:19: spec dataset\.csv\.types\.los: "INTEGR" is not a DuckDB type .*\[rule: spec\.csvType\]$/);
    const r2 = await cli('analyze', spec('badTypeCol', 'dataset:\n  path: typed.csv\n  csv:\n    types: { LOS: INTEGER }\nattributes: { quasiIdentifiers: [age, zip] }\n'));
    expect(r2.code).toBe(2);
    expect(firstLine(r2.stderr)).toContain('spec dataset.csv.types.LOS: column "LOS" is not in typed.csv; did you mean "los"? [rule: spec.unknownColumn]');
  });

  it('running out of memory under --memory-limit names the limit, not the input', async () => {
    const r = await cli('analyze', path.join(repoRoot, 'analyses/encounters.yaml'), '--memory-limit', '1MB', '--quiet');
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe('edra: --memory-limit 1MB is too small: DuckDB ran out of memory [rule: cli.memoryLimit]; raise it (DuckDB spills what it can to disk)');
    expect(r.stderr).not.toContain('cannot read');
  });

  it('an uncovered hierarchy value is counted, and named only with --show-values', async () => {
    t.file('h.csv', `age,zip\n30,02139\n30,02139\n41,${SECRET}\n`);
    const f = spec('uncov', 'dataset: { path: h.csv }\nattributes: { quasiIdentifiers: [age, zip] }\nhierarchies:\n  zip: { groups: [{ Boston: ["02139"] }] }\n');
    const r = await cli('search', f, '--quiet');
    expect(r.code).toBe(3);
    expect(firstLine(r.stderr)).toMatch(/uncov\.yaml:4:8: spec hierarchies\.zip: 1 of 2 distinct value\(s\) of attribute "zip" are not covered by the groups hierarchy \[rule: hierarchy\.uncovered\]; --show-values names them$/);
    expect(r.stderr).not.toContain(SECRET);
    const shown = await cli('search', f, '--quiet', '--show-values');
    expect(shown.stderr).toContain(`values of "zip" not covered: "${SECRET}"`);
  });
});

describe('spec errors: every one, at its line and column, in the spec\'s terms', () => {
  it('lists all issues, each with line and column, without --show-values', async () => {
    t.file('ok.csv', 'age,zip\n30,02139\n30,02139\n');
    const f = spec('many', 'dataset:\n  path: ok.csv\n  fromat: csv\nattributes:\n  quasiIdentifiers: [age, zip]\nthresholds:\n  k: 2.5\n  highestRisk: 3\nadversary: [prosecutor, jurnalist]\n');
    const r = await cli('analyze', f);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.replace(/^edra: .*many\.yaml:/, ''))).toEqual([
      '3:3: spec dataset.fromat: unknown key "fromat"; did you mean "format"? [rule: spec.unrecognized_keys]',
      '7:6: spec thresholds.k: must be a whole number, not the fraction 2.5 [rule: spec.invalid_type]',
      '8:16: spec thresholds.highestRisk: must be at most 1 [rule: spec.too_big]',
      '9:25: spec adversary.1: must be one of prosecutor, journalist, marketer; did you mean "journalist"? [rule: spec.invalid_value]',
    ]);
    expect(r.stderr).not.toContain('more');
    expect(r.stderr).not.toMatch(/expected|received/);
  });

  it('a hierarchy with a misspelt form gets the form it meant', async () => {
    const f = spec('form', 'dataset: { path: ok.csv }\nattributes: { quasiIdentifiers: [age, zip] }\nhierarchies:\n  zip: { msk: { levels: [5, 3, 0] } }\n  age: { intervals: { width: [5.5, 11], origin: x } }\n');
    const r = await cli('search', f);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').map((l) => l.replace(/^edra: .*form\.yaml:/, ''));
    expect(lines).toEqual([
      '4:8: spec hierarchies.zip: must be one of { file }, { mask }, { intervals }, { dates }, { groups }; unknown key "msk": did you mean "mask"? [rule: spec.custom]',
      '5:49: spec hierarchies.age.intervals.origin: must be a number, not text [rule: spec.invalid_type]',
    ]);
  });

  it('an engine-level spec error is placed at its spec line too', async () => {
    const f = spec('unk', 'dataset: { path: ok.csv }\nattributes:\n  quasiIdentifiers:\n    - age\n    - zpi\n');
    const r = await cli('analyze', f);
    expect(firstLine(r.stderr)).toMatch(/unk\.yaml:5:7: spec attributes\.quasiIdentifiers\.1: column "zpi" is not in ok\.csv; did you mean "zip"\? \[rule: spec\.unknownColumn\]$/);
  });
});

describe('exit codes of the command line itself', () => {
  it('bare edra is a usage error (exit 2) with the help on stderr', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe('edra: a command is required [rule: cli.usage]');
    expect(r.stderr).toContain('Usage: edra');
    expect(r.stdout).toBe('');
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('help')).code).toBe(0);
  });

  it('edra report on a failing result exits 1, as the analysis did', async () => {
    const out = path.join(t.dir, 'fail-result.json');
    const a = await cli('analyze', path.join(repoRoot, 'analyses/encounters-prosecutor.yaml'), '--out', out, '--quiet');
    expect(a.code).toBe(1);
    const r = await cli('report', out, '--out', path.join(t.dir, 'fail.html'));
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(t.dir, 'fail.html'))).toBe(true);
    const okOut = path.join(t.dir, 'pass-result.json');
    expect((await cli('analyze', path.join(repoRoot, 'analyses/encounters.yaml'), '--out', okOut, '--quiet')).code).toBe(0);
    expect((await cli('report', okOut, '--out', path.join(t.dir, 'pass.html'))).code).toBe(0);
  });
});
