/**
 * Nothing lost: no output of a command replaces one of its inputs (data, spec, hierarchy file,
 * population table, template file, the result a report is rendered from), whatever the path
 * spelling, symbolic link or hard link, nor another output of the same command; a report's
 * JSON twin never replaces a file edra did not write unless --force. Each refusal is a usage
 * error (exit 2) before any work, and the inputs are left byte for byte as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, firstLine, tempDir, type CliRun } from './helpers.js';

const t = tempDir('edra-outpaths-');
afterAll(() => t.cleanup());

const rows = ['id,age,zip,sex,w'];
for (let i = 0; i < 60; i++) rows.push(`${i},${20 + (i % 7)},0213${i % 4},${i % 2 ? 'F' : 'M'},${10 + (i % 3)}`);
rows.push('60,27,02139,F,10'); // one sample unique
const dataText = rows.join('\n') + '\n';
const data = t.file('data.csv', dataText);
const popText = 'age,zip,n\n' + rows.slice(1).map((r) => r.split(',').slice(1, 3).join(',') + ',50').join('\n') + '\n';
t.file('pop.csv', popText);
const hierText = Array.from({ length: 8 }, (_, i) => `${20 + i};${i < 4 ? 'young' : 'old'};*`).join('\n') + '\n';
t.file('age.csv', hierText);
const specText = `dataset: { path: data.csv }
attributes: { identifying: [id], quasiIdentifiers: [age, zip], insensitive: [sex, w] }
population: { table: { path: pop.csv, count: n } }
hierarchies:
  age: { file: age.csv }
release:
  budget: { epsilon: 1 }
  tables:
    - { name: by_sex, groupBy: [sex], domain: { sex: [F, M] } }
acknowledgements: [{ rule: release.identifierLike, subject: zip, reason: "test data: the 5-digit zip is released as it is" }]
`;
const spec = t.file('spec.yaml', specText);

/** A usage error with the rule, before any output. */
function expectRefused(r: CliRun, rule: string, ...mentions: string[]): void {
  expect(r.code).toBe(2);
  const line = firstLine(r.stderr);
  expect(line).toMatch(new RegExp(`^edra: .*\\[rule: ${rule.replace('.', '\\.')}\\]$`));
  for (const m of mentions) expect(line).toContain(m);
  expect(r.stdout).toBe('');
}

/** The inputs are untouched. */
function expectInputsIntact(): void {
  expect(fs.readFileSync(data, 'utf8')).toBe(dataText);
  expect(fs.readFileSync(spec, 'utf8')).toBe(specText);
  expect(fs.readFileSync(t.file('pop.csv'), 'utf8')).toBe(popText);
  expect(fs.readFileSync(t.file('age.csv'), 'utf8')).toBe(hierText);
}

describe('an output is never an input', () => {
  it('analyze --out / --record-risk / --report over the data file, the spec, the population table or a hierarchy file', async () => {
    expectRefused(await cli('analyze', spec, '--quiet', '--out', data), 'cli.outputIsInput', '--out', 'the data file');
    expectRefused(await cli('analyze', spec, '--quiet', '--out', spec), 'cli.outputIsInput', 'the spec');
    expectRefused(await cli('analyze', spec, '--quiet', '--record-risk', data), 'cli.outputIsInput', '--record-risk');
    expectRefused(await cli('analyze', spec, '--quiet', '--record-risk', t.file('pop.csv')), 'cli.outputIsInput', 'the population table');
    expectRefused(await cli('analyze', spec, '--quiet', '--out', t.file('age.csv')), 'cli.outputIsInput', 'the hierarchy file of age');
    // The report's twin of data.html is data.json: fine; of spec.html it is spec.json: fine; of pop.html: pop.json.
    // A report named like the data with .csv: its HTML is the data file itself.
    expectRefused(await cli('analyze', spec, '--quiet', '--report', data), 'cli.outputIsInput', '--report');
    expectInputsIntact();
  });

  it('whatever the spelling: a relative path, a detour through .., a symbolic link, a hard link', async () => {
    fs.mkdirSync(t.file('sub'), { recursive: true });
    fs.symlinkSync(data, t.file('sub/link.csv'));
    fs.linkSync(data, t.file('sub/hard.csv'));
    fs.symlinkSync(t.dir, t.file('dirlink'));
    expectRefused(await cli('analyze', spec, '--quiet', '--out', path.relative(process.cwd(), data)), 'cli.outputIsInput');
    expectRefused(await cli('analyze', spec, '--quiet', '--out', path.join(t.dir, 'sub', '..', 'data.csv')), 'cli.outputIsInput');
    expectRefused(await cli('analyze', spec, '--quiet', '--record-risk', t.file('sub/link.csv')), 'cli.outputIsInput');
    expectRefused(await cli('analyze', spec, '--quiet', '--record-risk', t.file('sub/hard.csv')), 'cli.outputIsInput');
    expectRefused(await cli('analyze', spec, '--quiet', '--out', path.join(t.dir, 'dirlink', 'spec.yaml')), 'cli.outputIsInput', 'the spec');
    expectInputsIntact();
  });

  it('anonymize --out and release --out over the data file', async () => {
    expectRefused(await cli('anonymize', spec, '--quiet', '--levels', 'age=1', '--out', data), 'cli.outputIsInput', 'the data file');
    expectRefused(await cli('release', spec, '--quiet', '--out', t.file('sub/hard.csv')), 'cli.outputIsInput', 'the data file');
    expectRefused(await cli('search', spec, '--quiet', '--out', t.file('age.csv')), 'cli.outputIsInput');
    expectInputsIntact();
  });

  it('edra report: the twin of results.html is results.json, the result it reads', async () => {
    const ok = await cli('analyze', spec, '--quiet', '--out', t.file('results.json'));
    expect(ok.code).toBe(0);
    const before = fs.readFileSync(t.file('results.json'), 'utf8');
    expectRefused(await cli('report', t.file('results.json'), '--out', t.file('results.html')), 'cli.outputIsInput', 'the result read');
    expect(fs.readFileSync(t.file('results.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(t.file('results.html'))).toBe(false);
  });

  it('a report inside its template directory is refused (it would replace the layout)', async () => {
    fs.mkdirSync(t.file('tpl'), { recursive: true });
    t.file('tpl/style.css', 'body { color: black; }\n');
    expectRefused(await cli('analyze', spec, '--quiet', '--template', t.file('tpl'), '--report', t.file('tpl/style.css')), 'cli.outputIsInput', 'a report template file');
    expect(fs.readFileSync(t.file('tpl/style.css'), 'utf8')).toBe('body { color: black; }\n');
  });
});

describe('two outputs of one command are never the same file', () => {
  it('--out and --record-risk, --out and the report twin, by name or by link', async () => {
    expectRefused(await cli('analyze', spec, '--quiet', '--out', t.file('x.csv'), '--record-risk', t.file('x.csv')), 'cli.outputTwice', '--record-risk', '--out');
    expectRefused(await cli('analyze', spec, '--quiet', '--report', t.file('r.html'), '--out', t.file('r.json')), 'cli.outputTwice', 'JSON twin');
    expectRefused(await cli('search', spec, '--quiet', '--report', t.file('s.html'), '--out', path.join(t.dir, 'dirlink', 's.json')), 'cli.outputTwice');
    for (const f of ['x.csv', 'r.html', 'r.json', 's.html', 's.json']) expect(fs.existsSync(t.file(f))).toBe(false);
  });
});

describe("the report's JSON twin", () => {
  it('does not replace a file edra did not write, unless --force', async () => {
    const mine = t.file('notes.json', '{"my": "own notes"}\n');
    const r = await cli('analyze', spec, '--quiet', '--report', t.file('notes.html'));
    expectRefused(r, 'cli.twinExists', 'notes.json', '--force');
    expect(fs.readFileSync(mine, 'utf8')).toBe('{"my": "own notes"}\n');
    expect(fs.existsSync(t.file('notes.html'))).toBe(false);
    const forced = await cli('analyze', spec, '--quiet', '--report', t.file('notes.html'), '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(mine, 'utf8')).format).toBe('edra-report/1');
  });

  it('replaces a twin edra wrote (a second run of the same command)', async () => {
    expect((await cli('analyze', spec, '--quiet', '--report', t.file('again.html'))).code).toBe(0);
    expect((await cli('analyze', spec, '--quiet', '--report', t.file('again.html'))).code).toBe(0);
    t.file('other.json', '[1, 2, 3]\n');
    expect((await cli('report', t.file('again.json'), '--out', t.file('other.html'))).code).toBe(2);
    expect((await cli('report', t.file('again.json'), '--out', t.file('other.html'), '--force')).code).toBe(0);
  });
});
