import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSpecText } from '../../src/config/loadSpec.js';
import { analyze } from '../../src/engine/analyze.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edra-engine-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

/**
 * Two classes of three over QIs (a, b); d nominal with one missing cell, n numeric.
 *   (x,1): d = flu, flu, cold     n = 1, 2, 3
 *   (y,2): d = flu, cold, (none)  n = 1, 1, 2
 */
write('six.csv', 'a,b,d,n\nx,1,flu,1\nx,1,flu,2\nx,1,cold,3\ny,2,flu,1\ny,2,cold,1\ny,2,,2\n');
write('dx.csv', 'cold;resp;*\nflu;resp;*\n');

async function run(yaml: string) {
  return (await analyze(parseSpecText(yaml, path.join(dir, 'spec.yaml'), dir))).result;
}

describe('analyze: sensitive attributes (hand-computed)', () => {
  it('distinct/entropy l, recursive (c,l), equal-distance t, beta, delta with the missing value as its own value', async () => {
    const r = await run(`dataset: { path: six.csv }
attributes: { quasiIdentifiers: [a, b], sensitive: [d, n] }
thresholds: { l: 2, entropyL: 1.8, recursiveCL: { c: 2, l: 2 }, t: 0.2, beta: 1, delta: 0.7 }
`);
    const d = r.sensitive.d;
    // table: cold 2, flu 3, missing 1 (q = 1/3, 1/2, 1/6)
    expect(d.values).toBe(3);
    expect(d.missing).toBe(1);
    expect(d.distinctL).toBe(2);
    // class (x,1): p = (1/3, 2/3) -> exp(H) = exp(-(1/3 ln 1/3 + 2/3 ln 2/3)) = 1.8899
    expect(d.entropyL).toBeCloseTo(Math.exp(-(1 / 3) * Math.log(1 / 3) - (2 / 3) * Math.log(2 / 3)), 12);
    // r_1 / r_2 = 2/1 in (x,1); 1/(1+1) in (y,2)
    expect(d.recursiveCL).toEqual({ l: 2, c: 2 });
    // both classes: 1/2 (|2/3 - 1/2| + |0 - 1/6|) = 1/6
    expect(d.tCloseness.measure).toBe('equal');
    expect(d.tCloseness.t).toBeCloseTo(1 / 6, 12);
    // largest gain: the missing value in (y,2): (1/3 - 1/6) / (1/6) = 1
    expect(d.betaLikeness.basic).toBeCloseTo(1, 12);
    // ln((1/3) / (1/6)) = ln 2
    expect(d.deltaDisclosure).toBeCloseTo(Math.LN2, 12);
    // n is numeric: ordered distance; both classes 1/6 (see test/risk/sensitive for cases where it differs)
    expect(r.sensitive.n.tCloseness.measure).toBe('ordered');
    expect(r.sensitive.n.tCloseness.t).toBeCloseTo(1 / 6, 12);
    const line = (name: string) => r.thresholds.find((t) => t.name === name);
    expect(line('sensitive.d.distinctL')?.pass).toBe(true);
    expect(line('sensitive.d.entropyL')?.pass).toBe(true);
    // c = 2 is not above the supremum 2: recursive (2,2)-diversity fails
    expect(line('sensitive.d.recursiveCL(l=2).c')?.pass).toBe(false);
    expect(line('sensitive.d.t')?.pass).toBe(true);
    expect(line('sensitive.d.beta')?.pass).toBe(true);
    expect(line('sensitive.d.delta')?.pass).toBe(true);
    expect(r.verdict).toBe('fail');
  });

  it('excluding the missing sensitive value, and a hierarchical distance', async () => {
    const r = await run(`dataset: { path: six.csv }
attributes: { quasiIdentifiers: [a, b], sensitive: [d] }
sensitive:
  d: { missing: exclude }
`);
    const d = r.sensitive.d;
    expect(d.excludedRecords).toBe(1);
    expect(d.values).toBe(2);
    // q = (2/5, 3/5); (x,1): 1/2(1/15 + 1/15) = 1/15; (y,2): 1/2(0.1 + 0.1) = 0.1
    expect(d.tCloseness.t).toBeCloseTo(0.1, 12);
    const h = await run(`dataset: { path: six.csv }
attributes: { quasiIdentifiers: [a, b], sensitive: [d] }
sensitive:
  d: { hierarchy: dx.csv }
`);
    // root cost 2/2 x min(1/6, 1/6) in both classes (cold/flu under resp, the missing value alone)
    expect(h.sensitive.d.tCloseness).toEqual({ measure: 'hierarchical', t: expect.closeTo(1 / 6, 12) });
  });

  it('refuses a hierarchy that does not cover the values, counting without naming them', async () => {
    write('dx-short.csv', 'cold;resp;*\n');
    await expect(
      run(`dataset: { path: six.csv }
attributes: { quasiIdentifiers: [a, b], sensitive: [d] }
sensitive: { d: { hierarchy: dx-short.csv } }
`),
    ).rejects.toThrow(/1 of 2 distinct value\(s\) of attribute "d" are not covered.*hierarchy.uncovered/);
  });
});

describe('analyze: population and missing-value policies', () => {
  it('journalist risk from a population table', async () => {
    write('pop.csv', 'a,b,count\nx,1,30\ny,2,3\n');
    const r = await run(`dataset: { path: six.csv }
attributes: { quasiIdentifiers: [a, b] }
population: { table: { path: pop.csv, count: count } }
`);
    expect(r.population.source).toBe('populationTable');
    expect(r.population.size).toBe(33);
    // F = 30, 3: highest 1/3; average max(2/33, (3/30 + 3/3)/6)
    expect(r.risk.journalist?.highest).toBeCloseTo(1 / 3, 12);
    expect(r.risk.journalist?.average).toBeCloseTo((0.1 + 1) / 6, 12);
    expect(r.risk.marketer?.expected).toBeCloseTo((0.1 + 1) / 6, 12);
  });

  it('exclude and wildcard policies through the data layer', async () => {
    write('miss.csv', 'a,b\nx,1\nx,\ny,\ny,2\n,\n');
    const ex = await run(`dataset: { path: miss.csv }
attributes: { quasiIdentifiers: [a, b] }
missingValues: exclude
`);
    expect(ex.dataset.excludedRecords).toBe(3);
    expect(ex.classes.count).toBe(2);
    expect(ex.k).toBe(1);
    const wc = await run(`dataset: { path: miss.csv }
attributes: { quasiIdentifiers: [a, b] }
missingValues: wildcard
`);
    // sizes 3,3,3,3,5 as in test/risk/classSizes: k = 3
    expect(wc.k).toBe(3);
    expect(wc.quasiIdentifierStats).toEqual([
      { name: 'a', distinct: 3, missing: 1 },
      { name: 'b', distinct: 3, missing: 3 },
    ]);
  });

  it('a population smaller than the sample is a spec error', async () => {
    await expect(run(`dataset: { path: six.csv }\nattributes: { quasiIdentifiers: [a] }\npopulation: { size: 3 }\n`)).rejects.toThrow(/spec.populationSize/);
  });
});

describe('analyze: population uniqueness and individual risk', () => {
  it('sums a weight column per class in the same pass (hand-computed individual risk)', async () => {
    write('w.csv', 'a,w\nx,10\nx,10\ny,5\n');
    const r = await run(`dataset: { path: w.csv }
attributes: { quasiIdentifiers: [a], insensitive: [w] }
individualRisk: { weight: w }
thresholds: { individualRisk: 0.5, globalRisk: 0.1 }
`);
    // class x: f = 2, F = 20, p = 0.1: r = p/(1-p) - (p/(1-p))^2 ln(1/p)
    const px = 0.1;
    const rx = px / (1 - px) - (px / (1 - px)) ** 2 * Math.log(1 / px);
    // class y: f = 1, F = 5, p = 0.2: r = p/(1-p) ln(1/p)
    const py = 0.2;
    const ry = (py / (1 - py)) * Math.log(1 / py);
    const ir = r.individualRisk!;
    expect(ir.max).toBeCloseTo(ry, 12);
    expect(ir.expectedReidentifications).toBeCloseTo(2 * rx + ry, 12);
    expect(ir.global).toBeCloseTo((2 * rx + ry) / 3, 12);
    expect(ir.weights).toBe('column "w"');
    expect(r.thresholds.find((t) => t.name === 'individualRisk.max')?.pass).toBe(true);
    expect(r.thresholds.find((t) => t.name === 'individualRisk.global')?.pass).toBe(false);
  });

  it('refuses missing or non-positive weights, counting them', async () => {
    write('wbad.csv', 'a,w\nx,10\nx,\ny,-1\n');
    await expect(run(`dataset: { path: wbad.csv }\nattributes: { quasiIdentifiers: [a] }\nindividualRisk: { weight: w }\n`)).rejects.toThrow(
      /2 value\(s\).*weight.invalid/,
    );
  });

  it('estimates population uniqueness when a sampling fraction is given, and picks a model by the Dankar rule', async () => {
    const yaml = `dataset: { path: samples/encounters.csv }
attributes: { quasiIdentifiers: [age, sex, race, zip] }
population: { samplingFraction: 0.01 }
thresholds: { populationUniqueness: 0.5 }
`;
    const r = (await analyze(parseSpecText(yaml, 'spec.yaml', process.cwd()))).result;
    const u = r.population.uniqueness!;
    expect(u.dankarModel).toBe(u.pitman.valid ? 'pitman' : 'zayatz'); // pi = 0.01 <= 0.1
    expect(u.dankar.fraction).toBeGreaterThan(0);
    expect(u.dankar.fraction).toBeLessThanOrEqual(1);
    expect(u.dankar.count).toBeCloseTo(u.dankar.fraction! * r.population.size, 6);
    expect(r.thresholds.find((t) => t.name === 'population.uniqueness')?.pass).toBe(true);
  });
});

describe('analyze: per-record risk file', () => {
  it('writes one row per record in input order, with empty values for excluded records', async () => {
    write('order.csv', 'a,b,w\ny,2,5\nx,1,10\n,1,3\nx,1,10\n');
    const out = path.join(dir, 'records.csv');
    const spec = parseSpecText(
      `dataset: { path: order.csv }
attributes: { quasiIdentifiers: [a, b], insensitive: [w] }
missingValues: exclude
individualRisk: { weight: w }
`,
      path.join(dir, 'spec.yaml'),
      dir,
    );
    await analyze(spec, { recordRisk: out });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,fk,Fk,individualRisk');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    expect(rows.map((r) => r[1])).toEqual(['1', '2', '', '2']);
    expect(rows.map((r) => Number(r[2] || Number.NaN))).toEqual([5, 20, Number.NaN, 20]);
    // class y: f = 1, F = 5, p = 0.2: r = p/(1-p) ln(1/p)
    expect(Number(rows[0][3])).toBeCloseTo(0.25 * Math.log(5), 12);
    expect(rows[2][3]).toBe('');
    expect(fs.readdirSync(dir).filter((f) => f.includes('edra-tmp'))).toEqual([]);
  });

  it('refuses an output that is neither .csv nor .parquet', async () => {
    const spec = parseSpecText('dataset: { path: six.csv }\nattributes: { quasiIdentifiers: [a] }\n', path.join(dir, 'spec.yaml'), dir);
    await expect(analyze(spec, { recordRisk: path.join(dir, 'r.txt') })).rejects.toThrow(/cli.recordRisk/);
  });
});

describe('analyze: SUDA2', () => {
  it('finds the minimal sample uniques and scores them (hand-computed)', async () => {
    // r1 (x,1) has the MSU {a=x, b=1}; r2 (x,2) has {b=2}; r3, r4 (y,1) are a pair.
    write('suda.csv', 'a,b\nx,1\nx,2\ny,1\ny,1\n');
    const out = path.join(dir, 'suda-records.csv');
    const spec = parseSpecText(
      'dataset: { path: suda.csv }\nattributes: { quasiIdentifiers: [a, b] }\nsuda: { disFraction: 0.01 }\nthresholds: { disSuda: 0.005 }\n',
      path.join(dir, 'spec.yaml'),
      dir,
    );
    const { result: r } = await analyze(spec, { recordRisk: out });
    const s = r.suda!;
    // M = 2: each MSU scores (M - size)! = 1. Q = 1 + (8 - 2)/20 = 1.3, A = 1 + 1, P = 2 (the pair)
    // DIS = s^Q A / (s^Q A + P (1 - f) / f) = 2 / (2 + 2 x 0.99 / 0.01) = 0.01
    expect(s.maxMsuSize).toBe(2);
    expect(s.recordsWithMsu).toBe(2);
    expect(s.maxSudaScore).toBe(1);
    expect(s.meanSudaScore).toBe(0.5);
    expect(s.maxDisScore).toBeCloseTo(0.01, 12);
    expect(s.meanDisScore).toBeCloseTo(0.005, 12);
    expect(r.thresholds.find((t) => t.name === 'suda.maxDisScore')?.pass).toBe(false);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('row,fk,Fk,sudaScore,disSudaScore');
    expect(rows.slice(1).map((l) => Number(l.split(',')[3]))).toEqual([1, 1, 0, 0]);
    expect(Number(rows[1].split(',')[4])).toBeCloseTo(0.01, 12);
  });

  it('refuses a maxMsuSize above the number of QIs', async () => {
    await expect(run('dataset: { path: suda.csv }\nattributes: { quasiIdentifiers: [a, b] }\nsuda: { maxMsuSize: 3 }\n')).rejects.toThrow(/spec.sudaSize/);
  });
});

describe('analyze: nothing left to analyse', () => {
  it('is a data error when every record has a missing QI under exclude', async () => {
    write('allmissing.csv', 'a,b\nx,\n,1\n');
    const err = await run('dataset: { path: allmissing.csv }\nattributes: { quasiIdentifiers: [a, b] }\nmissingValues: exclude\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { exitCode: number }).exitCode).toBe(3);
    expect(String((err as Error).message)).toMatch(/allmissing\.csv: .*data.allExcluded/);
  });
});
