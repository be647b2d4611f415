/**
 * The defects the one-verdict restructuring fixed, each on data where the old code was wrong:
 * masked suppression certified a k the written file did not have, individual risk under the
 * wildcard policy used class sizes as record multiplicities, one JSON showed two sampling
 * fractions, entropy l printed as 2.9999999999999996, and a population table whose QI values
 * are written differently from the data matched nothing in silence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from '../cli/helpers.js';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { populationFrame } from '../../src/risk/verdict/frame.js';

const t = tempDir('edra-one-verdict-');
afterAll(() => t.cleanup());
const qis = 'age, education, marital-status, native-country, occupation, race, sex, workclass';
const samples = path.join(repoRoot, 'samples', 'adult');

/** The Adult spec with hierarchies, and extra YAML. */
function adult(name: string, extra: string): string {
  const hierarchies = qis
    .split(', ')
    .map((q) => `  ${q}: { file: ${samples}/adult_hierarchy_${q}.csv }`)
    .join('\n');
  return t.file(
    name,
    `dataset: { path: ${samples}/adult.csv, csv: { delimiter: ";" } }\nattributes:\n  quasiIdentifiers: [${qis}]\n  insensitive: [salary-class]\nhierarchies:\n${hierarchies}\n${extra}`,
  );
}

describe('masked suppression', () => {
  it('writes a file that passes the k it certified: the all-"*" records count as one class', async () => {
    const spec = adult('mask.yaml', 'adversary: [prosecutor]\nsearch: { suppressionLimit: 0.02, suppressed: mask }\nthresholds: { k: 5 }\n');
    const out = t.file('mask.csv');
    const run = await cli('anonymize', spec, '--out', out, '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { pass: boolean; suppressed: number; thresholds: { name: string; value: number }[] };
    expect(summary.pass).toBe(true);
    const certifiedK = summary.thresholds.find((l) => l.name === 'k')!.value;
    const again = await cli(
      'analyze',
      t.file('mask-again.yaml', `dataset: { path: ${out} }\nattributes:\n  quasiIdentifiers: [${qis}]\n  insensitive: [salary-class]\nadversary: [prosecutor]\nthresholds: { k: 5 }\n`),
      '--json',
    );
    expect(again.code).toBe(0);
    const r = JSON.parse(again.stdout) as AnalysisResult;
    expect(r.k).toBe(certifiedK);
    expect(r.k).toBeGreaterThanOrEqual(5);
    expect(r.records).toBe(30162);
  });

  it('analyze --levels measures the masked class too, as anonymize writes it', async () => {
    const spec = adult('mask-levels.yaml', 'adversary: [prosecutor]\nsearch: { suppressionLimit: 0.05, suppressed: mask }\nthresholds: { k: 5 }\n');
    const run = await cli('analyze', spec, '--levels', 'age=3,education=2,marital-status=1,native-country=1,occupation=2,workclass=1', '--json');
    const r = JSON.parse(run.stdout) as AnalysisResult;
    const S = r.transformation!.suppressed;
    expect(S).toBeGreaterThan(0);
    expect(r.transformation!.suppressedAs).toBe('mask');
    expect(r.records).toBe(30162);
    // The masked class is one of the classes, of size S.
    expect(r.classes.sizeHistogram.some(([size]) => size === S)).toBe(true);
    expect(r.k).toBe(Math.min(S, ...r.classes.sizeHistogram.map(([size]) => size)));
  });
});

describe('individual risk under missingValues: wildcard (sdcMicro freqCalc semantics)', () => {
  // Groups (a, b): (1,x) x2, (1,-) x1, (2,y) x3, (-,y) x1. A record's f = the records that
  // match it: (1,x): 2 + 1 = 3; (1,-): 2 + 1 + 1 = 4; (2,y): 3 + 1 = 4; (-,y): 1 + 3 + 1 = 5.
  const csv = 'a,b,w\n1,x,10\n1,x,10\n1,,10\n2,y,10\n2,y,10\n2,y,10\n,y,10\n';

  it('takes f per record, each record once (no weights: r = 1/f)', async () => {
    const d = t.file('wild.csv', csv);
    const spec = t.file('wild.yaml', `dataset: { path: ${d} }\nattributes: { quasiIdentifiers: [a, b], insensitive: [w] }\nmissingValues: wildcard\nadversary: [prosecutor]\nindividualRisk: {}\nthresholds: { riskLevels: [0.1, 0.3] }\n`);
    const run = await cli('analyze', spec, '--json');
    const ir = (JSON.parse(run.stdout) as AnalysisResult).individualRisk!;
    const er = 2 / 3 + 1 / 4 + 3 / 4 + 1 / 5;
    expect(ir.expectedReidentifications).toBeCloseTo(er, 14);
    expect(ir.global).toBeCloseTo(er / 7, 14);
    expect(ir.recordsAbove).toEqual({ '0.1': 7, '0.3': 2 });
    expect(ir.max).toBeCloseTo(1 / 3, 14);
  });

  it('takes F as the weight sum over the matching records', async () => {
    const d = t.file('wildw.csv', csv);
    const spec = t.file('wildw.yaml', `dataset: { path: ${d} }\nattributes: { quasiIdentifiers: [a, b], insensitive: [w] }\nmissingValues: wildcard\nadversary: [prosecutor]\nindividualRisk: { weight: w }\nthresholds: { riskLevels: [0.04] }\n`);
    const run = await cli('analyze', spec, '--json');
    const ir = (JSON.parse(run.stdout) as AnalysisResult).individualRisk!;
    // F: (1,x) 30, (1,-) 40, (2,y) 40, (-,y) 50; p = f/F = 0.1 everywhere; f >= 3: r = p / (f - (1 - p)).
    const r = (f: number) => 0.1 / (f - 0.9);
    const er = 2 * r(3) + r(4) + 3 * r(4) + r(5);
    expect(ir.expectedReidentifications).toBeCloseTo(er, 14);
    expect(ir.global).toBeCloseTo(er / 7, 14);
    expect(ir.max).toBeCloseTo(r(3), 14);
    expect(ir.recordsAbove['0.04']).toBe(2);
  });
});

describe('one population frame', () => {
  it('is decided from all records read: exclusion and suppression do not change pi', () => {
    expect(populationFrame({ size: 1000 }, 100)).toEqual({ source: 'samplingFraction', size: 1000, samplingFraction: 0.1, rows: 100 });
    expect(populationFrame({ samplingFraction: 0.01 }, 50)).toMatchObject({ size: 5000, samplingFraction: 0.01 });
    expect(populationFrame(undefined, 7)).toMatchObject({ source: 'none', size: 7, samplingFraction: 1 });
    expect(() => populationFrame({ size: 10 }, 11)).toThrow(/smaller than the 11 records/);
  });

  it('one JSON shows one sampling fraction and one journalist risk after suppression', async () => {
    const spec = adult('frame.yaml', 'adversary: [prosecutor, journalist]\npopulation: { size: 300000 }\nsearch: { suppressionLimit: 0.05 }\nthresholds: { k: 5, highestRisk: 0.2 }\n');
    const run = await cli('analyze', spec, '--levels', 'age=3,education=2,marital-status=1,native-country=1,occupation=2,workclass=1', '--json');
    const r = JSON.parse(run.stdout) as AnalysisResult;
    expect(r.transformation!.suppressed).toBeGreaterThan(0);
    expect(r.population.samplingFraction).toBe(30162 / 300000);
    expect(r.population.size).toBe(300000);
    expect(r.risk.journalist!.highest).toBe(r.transformation!.after.journalistHighest);
    expect(r.records).toBe(30162 - r.transformation!.suppressed);
  });

  it('keeps excluded records in pi (missingValues: exclude with population.size)', async () => {
    const d = t.file('ex.csv', 'a,b\n1,x\n1,x\n2,\n2,y\n');
    const spec = t.file('ex.yaml', `dataset: { path: ${d} }\nattributes: { quasiIdentifiers: [a, b] }\nmissingValues: exclude\npopulation: { size: 40 }\nadversary: [journalist]\n`);
    const r = JSON.parse((await cli('analyze', spec, '--json')).stdout) as AnalysisResult;
    expect(r.dataset.excludedRecords).toBe(1);
    expect(r.population.samplingFraction).toBe(0.1);
    // F = f / 0.1: classes of 2 and 1 -> highest journalist risk 1 / 10.
    expect(r.risk.journalist!.highest).toBeCloseTo(0.1, 15);
  });
});

describe('smaller defects', () => {
  it('exact entropy l is printed as the integer', async () => {
    const d = t.file('ent.csv', 'a,s\n1,x\n1,y\n1,z\n2,x\n2,y\n2,z\n');
    const spec = t.file('ent.yaml', `dataset: { path: ${d} }\nattributes: { quasiIdentifiers: [a], sensitive: [s] }\nadversary: [prosecutor]\nthresholds: { entropyL: 3 }\n`);
    const run = await cli('analyze', spec, '--json');
    const r = JSON.parse(run.stdout) as AnalysisResult;
    expect(r.sensitive.s.entropyL).toBe(3);
    expect(r.verdict).toBe('pass');
  });

  it('warns when most classes miss the population table (values written differently)', async () => {
    const d = t.file('zip.csv', 'zip\n01234\n01234\n05678\n');
    const pop = t.file('pop.csv', 'zip,n\n1234,100\n5678,200\n');
    const spec = t.file('zip.yaml', `dataset: { path: ${d} }\nattributes: { quasiIdentifiers: [zip] }\npopulation: { table: { path: ${pop}, count: n } }\nadversary: [journalist]\n`);
    const run = await cli('analyze', spec, '--json');
    const r = JSON.parse(run.stdout) as AnalysisResult;
    expect(r.population.inconsistentClasses).toBe(2);
    expect(r.warnings.map((w) => w.rule)).toContain('population.mostClassesMissing');
    expect(JSON.stringify(r.warnings)).not.toMatch(/1234|5678/);
    const ok = t.file('pop-ok.csv', 'zip,n\n01234,100\n05678,200\n');
    const fine = JSON.parse((await cli('analyze', t.file('zip-ok.yaml', fs.readFileSync(spec, 'utf8').replace(pop, ok)), '--json')).stdout) as AnalysisResult;
    expect(fine.warnings.map((w) => w.rule)).not.toContain('population.mostClassesMissing');
  });
});
