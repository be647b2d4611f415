/**
 * No crash: inputs that used to end in an internal error (exit 70) or were silently accepted
 * are refused with a usage (2) or data (3) error that names the file, column and rule and no
 * cell value: a YAML alias bomb or an unresolved alias in the spec, sampling weights that are
 * missing, not numbers, infinite, not positive or absurdly large, population-table counts
 * that are missing, not numbers, negative or infinite, a ragged population table, an interval
 * width too fine for the values (which looped for ever), a hand-edited result given to
 * edra report, and search --report where the optimum leaves no sample unique.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, firstLine, repoRoot, tempDir, type CliRun } from './helpers.js';

const SECRET = 'SECRET123';
const t = tempDir('edra-nocrash-');
/** The 5-digit zip these specs release as it is is a review warning (exit 4): acknowledged where the test is about something else. */
const ackZip = 'acknowledgements: [{ rule: release.identifierLike, subject: zip, reason: synthetic test data }]\n';
afterAll(() => t.cleanup());

function expectClean(r: CliRun, code: number, rule: string, ...mentions: string[]): void {
  expect(r.code, r.stderr).toBe(code);
  const line = firstLine(r.stderr);
  expect(line).toMatch(new RegExp(`^edra: .*\\[rule: ${rule.replace('.', '\\.')}\\]$`));
  for (const m of mentions) expect(line).toContain(m);
  expect(r.stderr).not.toContain(SECRET);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('the spec', () => {
  it('a billion-laughs alias bomb and an unresolved alias: exit 2 [spec.aliases]', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bomb = t.file('bomb.yaml', `${levels.join('\n')}\ndataset: { path: d.csv }\nattributes: { quasiIdentifiers: [age] }\n`);
    expectClean(await cli('analyze', bomb), 2, 'spec.aliases', 'bomb.yaml');
    const dangling = t.file('dangling.yaml', 'dataset: { path: d.csv }\nattributes: { quasiIdentifiers: *qis }\n');
    expectClean(await cli('analyze', dangling), 2, 'spec.aliases', 'dangling.yaml:2', '*qis');
  });
});

describe('sampling weights (individualRisk.weight)', () => {
  const bad = ['NaN', 'inf', '-inf', '0', '-1', '1e308', 'abc', ''];
  it.each(bad)('a weight of "%s" is a data error naming the file and column', async (w) => {
    t.file('w.csv', `age,zip,w\n30,${SECRET},10\n41,02139,${w}\n30,${SECRET},10\n`);
    const spec = t.file('w.yaml', 'dataset: { path: w.csv }\nattributes: { quasiIdentifiers: [age, zip] }\npopulation: { samplingFraction: 0.1 }\nindividualRisk: { weight: w }\n');
    expectClean(await cli('analyze', spec, '--quiet'), 3, 'weight.invalid', 'w.csv', 'weight column "w"', 'record 2');
  });

  it('weights up to 1e10 are read', async () => {
    t.file('wok.csv', `age,zip,w\n30,02139,1e10\n41,02139,2.5\n`);
    const spec = t.file('wok.yaml', `dataset: { path: wok.csv }\nattributes: { quasiIdentifiers: [age, zip] }\npopulation: { samplingFraction: 0.1 }\nindividualRisk: { weight: w }\n${ackZip}`);
    const r = await cli('analyze', spec, '--quiet', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).individualRisk.global).not.toBeNull();
  });
});

describe('population table counts', () => {
  t.file('p.csv', `age,zip\n30,${SECRET}\n41,02139\n30,${SECRET}\n`);
  const spec = t.file('p.yaml', 'dataset: { path: p.csv }\nattributes: { quasiIdentifiers: [age, zip] }\npopulation: { table: { path: pop.csv, count: n } }\nadversary: [journalist]\n');
  it.each(['NaN', 'abc', '-5', 'inf', '1e308', ''])('a count of "%s" is a data error naming the table and column', async (n) => {
    t.file('pop.csv', `age,zip,n\n30,${SECRET},100\n41,02139,${n}\n`);
    expectClean(await cli('analyze', spec, '--quiet'), 3, 'population.invalidCount', 'pop.csv', 'count column "n"', 'record 2');
  });

  it('a ragged row past the CSV sniffer sample is a data error naming the population table and line', async () => {
    const rows = ['age,zip,n', `30,${SECRET},100`];
    for (let i = 0; i < 30_000; i++) rows.push('41,02139,1');
    rows.push(`41,${SECRET},1,9`);
    t.file('pop.csv', rows.join('\n') + '\n');
    expectClean(await cli('analyze', spec, '--quiet'), 3, 'csv.ragged', 'pop.csv:30003');
  });
});

describe('edra report on a hand-edited result', () => {
  // Each path once made the renderer throw (exit 70) when its value was replaced by null or "x".
  const paths = `individualRisk individualRisk.recordsAbove population.uniqueness population.uniqueness.dankar population.uniqueness.dankarModel
    population.uniqueness.pitman population.uniqueness.snb population.uniqueness.zayatz qiContribution qiContribution.0 qiContribution.0.dropped
    release release.budget release.budget.unit release.neighbours release.notes release.tables release.tables.0 release.tables.0.groupBy
    release.tables.0.mechanism release.tables.0.postProcessing search search.front search.front.0 search.front.0.levels search.lattice
    search.models search.notes search.optimum search.optimum.levels sensitive.diagnosis.betaLikeness sensitive.diagnosis.recursiveCL
    sensitive.diagnosis.tCloseness sensitive.diagnosis.tCloseness.measure suda suda.disScoreHistogram suda.disScoreHistogram.0 suda.msuBySize
    thresholdSettings.preset transformation transformation.after transformation.before transformation.heights transformation.hierarchies
    transformation.hierarchies.0 transformation.hierarchies.0.sizes transformation.levels`.split(/\s+/);

  it(`a wrong value in any of ${paths.length} fields the report reads is a data error (exit 3, report.input), never exit 70`, async () => {
    const { fullResult } = await import('../report/fixtures.js');
    expect((await cli('report', t.file('ok.json', JSON.stringify(fullResult())), '--out', t.file('ok-report.html'))).code).toBe(1); // a failing result's report exits 1, as the analysis
    let refused = 0;
    for (const p of paths) {
      for (const junk of [null, 'x']) {
        const doc: Record<string, unknown> = JSON.parse(JSON.stringify(fullResult()));
        const keys = p.split('.');
        let o = doc as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
        o[keys[keys.length - 1]] = junk;
        const r = await cli('report', t.file('edited.json', JSON.stringify(doc)), '--out', t.file('edited-report.html'));
        // null is a legal value of a few fields (dankarModel): then the report renders.
        expect([0, 1, 3], `${p} = ${JSON.stringify(junk)}: ${r.stderr}`).toContain(r.code);
        if (r.code === 3) expect(firstLine(r.stderr)).toMatch(/^edra: .*edited\.json: not an edra analysis result \(.+\) \[rule: report\.input\]$/);
        refused += r.code === 3 ? 1 : 0;
      }
    }
    expect(refused).toBeGreaterThan(2 * paths.length - 4);
  });
});

describe('hierarchies and the search (built binary, so that a hang fails instead of blocking the runner)', () => {
  const bin = path.join(repoRoot, 'bin', 'edra.js');
  it('an interval width too fine for the magnitude of the values is a spec error at once, not an endless loop', () => {
    t.file('iv.csv', `age,zip\n25,${SECRET}\n31,02139\n`);
    const spec = t.file('iv.yaml', 'dataset: { path: iv.csv }\nattributes: { quasiIdentifiers: [age, zip] }\nhierarchies:\n  age: { intervals: { width: [1e-300] } }\n');
    const r = spawnSync(process.execPath, [bin, 'search', spec, '--quiet'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^edra: .*iv\.yaml(:\d+:\d+)?: spec hierarchies\.age\.intervals\.width\.0: the width is too fine .*\[rule: hierarchy\.widthTooFine\]\n$/);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('search --json --out --report on a plain spec whose optimum leaves no sample unique: exit 0, all three files', async () => {
    const rows = ['age,zip'];
    for (let i = 0; i < 200; i++) rows.push(`${20 + (i % 40)},0213${i % 5}`);
    t.file('plain.csv', rows.join('\n') + '\n');
    const spec = t.file('plain.yaml', `dataset: { path: plain.csv }\nattributes: { quasiIdentifiers: [age, zip] }\npopulation: { samplingFraction: 0.1 }\nhierarchies:\n  age: { intervals: { width: [10, 20] } }\nthresholds: { k: 5 }\n${ackZip}`);
    const r = await cli('search', spec, '--json', '--quiet', '--out', t.file('x.json'), '--report', t.file('y.html'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).optimum).not.toBeNull();
    for (const f of ['x.json', 'y.html', 'y.json']) expect(fs.existsSync(t.file(f))).toBe(true);
  });
});
