/**
 * `edra analyze --report` and `edra report` end to end on the bundled sample, the errors of
 * both, and the planted-PHI test: a recognisable unique value in a QI, a sensitive and an
 * identifying column appears nowhere in the report, its twin or the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyDigest } from '../../src/report/render.js';
import { cli, firstLine, repoRoot, tempDir, type CliRun } from '../cli/helpers.js';

const t = tempDir('edra-report-cli-');
afterAll(() => t.cleanup());

const sampleSpec = path.join(repoRoot, 'analyses', 'encounters.yaml');
const attributesSpec = path.join(repoRoot, 'analyses', 'encounters-attributes.yaml');

let run: CliRun;
let html: string;
let twin: Record<string, any>;
let result: Record<string, any>;

beforeAll(async () => {
  run = await cli('analyze', sampleSpec, '--quiet', '--report', t.file('sample.html'), '--out', t.file('result.json'));
  html = fs.readFileSync(t.file('sample.html'), 'utf8');
  twin = JSON.parse(fs.readFileSync(t.file('sample.json'), 'utf8'));
  result = JSON.parse(fs.readFileSync(t.file('result.json'), 'utf8'));
});

/** The common shape of a CLI error: one `edra:` line with the rule, nothing on stdout. */
function expectError(r: CliRun, code: number, rule: string): void {
  expect(r.code).toBe(code);
  expect(firstLine(r.stderr)).toMatch(new RegExp(`^edra: .*\\[rule: ${rule.replace('.', '\\.')}\\]$`));
  expect(r.stdout).toBe('');
}

describe('edra analyze --report', () => {
  it('writes the report and its twin beside it, besides the usual summary and exit code', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^edra \d+\.\d+\.\d+: /);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(twin.format).toBe('edra-report/1');
    expect(bodyDigest(html)).toBe(twin.bodySha256);
    expect(html).toContain(twin.reportId);
    // no temporary file left behind
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('edra-tmp'))).toEqual([]);
  });

  it("the result carries the spec text and the command line; the twin's result is the --out result", () => {
    expect(result.specText).toBe(fs.readFileSync(sampleSpec, 'utf8'));
    expect(result.commandLine).toBe(`edra analyze ${sampleSpec} --quiet --report ${t.file('sample.html')} --out ${t.file('result.json')}`);
    expect(twin.result).toEqual(result);
  });

  it("shows the sample's own figures", () => {
    expect(html).toContain('<h1>Encounters, 1% sample released under a data use agreement</h1>');
    expect(html).toContain('<strong>Every threshold is met</strong> (2 of 2), and every review warning is acknowledged with a reason (below)');
    // the data as released (age in 10-year bands, ZIP to its first digit), and the extract as read
    expect(html).toContain('records unique in the data set (5.4% of the records analysed, in 675 classes in all)');
    expect(html).toContain('<strong>The extract as read</strong>, before the transformation of section 6, fails 2 of 2 thresholds');
    expect(html).toContain('<strong>Release context:</strong> Release under a data use agreement.');
    expect(html).toContain(`<code class="hash">${result.dataset.sha256}</code>`);
    expect(html).toMatch(/<td>1<\/td><td class="num">215<\/td><td class="num">215<\/td>/);
    expect(twin.report.results.classSizes.bands.reduce((s: number, b: { records: number }) => s + b.records, 0)).toBe(4000);
    expect(html).toContain('<pre class="spec"># Encounters sample: a 1% sample');
  });

  it('edra report re-renders the same bytes from the result, and from the twin, without the data', async () => {
    const again = await cli('report', t.file('result.json'), '--out', t.file('again.html'));
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`report ${twin.reportId} written to ${t.file('again.html')} (twin ${t.file('again.json')})\n`);
    expect(fs.readFileSync(t.file('again.html'), 'utf8')).toBe(html);
    const fromTwin = await cli('report', t.file('sample.json'), '--out', t.file('twin-again.htm'));
    expect(fromTwin.code).toBe(0);
    expect(fs.readFileSync(t.file('twin-again.htm'), 'utf8')).toBe(html);
    expect(fs.existsSync(t.file('twin-again.json'))).toBe(true);
  });

  it('a failing analysis still writes its report, which says so (sensitive attributes included)', async () => {
    const r = await cli('analyze', attributesSpec, '--quiet', '--report', t.file('attributes.html'));
    expect(r.code).toBe(1);
    const a = fs.readFileSync(t.file('attributes.html'), 'utf8');
    expect(a).toMatch(/<strong>\d+ of \d+ thresholds are not met\.<\/strong>/);
    expect(a).toContain('<h4><code>diagnosis</code>: ');
    expect(a).toContain('<h4><code>length_of_stay</code>: ');
    expect(a).toContain('t-closeness by hierarchical distance (value hierarchy)');
    expect(a).toMatch(/<td>Distinct l-diversity of diagnosis<\/td><td class="num">at least 3<\/td><td class="num">1<\/td><td><span class="badge">FAIL<\/span>/);
  });
});

describe('errors of the report commands', () => {
  it('edra report: a missing, non-JSON or non-result input is a data error (exit 3)', async () => {
    expectError(await cli('report', t.file('missing.json'), '--out', t.file('x.html')), 3, 'report.input');
    expectError(await cli('report', t.file('bad.json', '{ not json'), '--out', t.file('x.html')), 3, 'report.input');
    const r = await cli('report', t.file('other.json', '{"edra": "0.1.0"}'), '--out', t.file('x.html'));
    expectError(r, 3, 'report.input');
    expect(r.stderr).toContain('not an edra analysis result');
    expect(fs.existsSync(t.file('x.html'))).toBe(false);
  });

  it('edra report needs --out; a bad template directory is a usage error (exit 2)', async () => {
    expect((await cli('report', t.file('result.json'))).code).toBe(2);
    expectError(await cli('report', t.file('result.json'), '--out', t.file('x.html'), '--template', t.file('no-such-dir')), 2, 'cli.template');
  });

  it('analyze: a bad template, --template without --report, or a report colliding with --out fail before the analysis (exit 2)', async () => {
    expectError(await cli('analyze', sampleSpec, '--quiet', '--report', t.file('y.html'), '--template', t.file('no-such-dir')), 2, 'cli.template');
    expectError(await cli('analyze', sampleSpec, '--quiet', '--template', t.dir), 2, 'cli.template');
    expectError(await cli('analyze', sampleSpec, '--quiet', '--report', t.file('z.html'), '--out', t.file('z.json')), 2, 'cli.outputTwice');
    expect(fs.existsSync(t.file('y.html')) || fs.existsSync(t.file('z.html'))).toBe(false);
  });

  it('an unwritable report path is a usage error and leaves no partial file', async () => {
    const target = path.join(t.dir, 'no-such-dir', 'r.html');
    expectError(await cli('analyze', sampleSpec, '--quiet', '--report', target), 2, 'cli.out');
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  });
});

describe('no PHI in the report', () => {
  const planted = { zip: 'QXZ7PLANTEDZIP', diagnosis: 'QXZ7PLANTEDDX', mrn: 'QXZ7PLANTEDMRN', name: 'Qxz7 Plantedname' };

  it('a unique, recognisable value planted in a QI, a sensitive and an identifying column appears nowhere in the report, the twin or the result', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'samples', 'encounters.csv'), 'utf8');
    const [header, first, ...rest] = text.trimEnd().split('\n');
    const cols = header.split(',');
    const cells = first.split(',');
    cells[cols.indexOf('zip')] = planted.zip;
    cells[cols.indexOf('diagnosis')] = planted.diagnosis;
    cells[cols.indexOf('mrn')] = planted.mrn;
    cells[cols.indexOf('patient_name')] = planted.name;
    t.file('planted.csv', [header, cells.join(','), ...rest].join('\n') + '\n');
    // the sample's spec, over the planted file, with the prosecutor model too (classes below k exist)
    const spec = fs
      .readFileSync(sampleSpec, 'utf8')
      .replace('path: ../samples/encounters.csv', 'path: planted.csv')
      .replace('adversary: [journalist, marketer]', 'adversary: [prosecutor, journalist, marketer]')
      .replace(/^levels: .*$/m, '')
      .replace('thresholds:\n', 'thresholds:\n  k: 5\n  highestRisk: 0.09\n');
    expect(spec).toContain('path: planted.csv');
    const specPath = t.file('planted.yaml', spec);
    const r = await cli('analyze', specPath, '--quiet', '--report', t.file('planted-report.html'), '--out', t.file('planted-result.json'));
    expect(r.code).toBe(1); // k = 1 < 5
    const outputs = ['planted-report.html', 'planted-report.json', 'planted-result.json'].map((f) => fs.readFileSync(t.file(f), 'utf8'));
    // the analysis did read the planted values: one more distinct ZIP and diagnosis than the sample
    const twinDoc = JSON.parse(outputs[1]);
    expect(twinDoc.result.quasiIdentifierStats.find((s: { name: string }) => s.name === 'zip').distinct).toBe(result.quasiIdentifierStats.find((s: { name: string }) => s.name === 'zip').distinct + 1);
    expect(twinDoc.result.sensitive.diagnosis.values).toBe(result.sensitive.diagnosis.values + 1);
    for (const out of outputs) expect(out.length).toBeGreaterThan(1000);
    for (const out of [...outputs, r.stdout, r.stderr]) {
      for (const value of Object.values(planted)) expect(out.toLowerCase()).not.toContain(value.toLowerCase());
      expect(out.toLowerCase()).not.toContain('qxz7');
    }
    // classes below the required size (12 for the prosecutor's 0.09) are shown only as counts
    expect(outputs[0]).toContain('smaller than 12 records');
    expect(twinDoc.report.results.classSizes.recordsBelowRequired).toBeGreaterThan(3000);
  });
});
