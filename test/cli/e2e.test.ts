/**
 * CLI end to end on the bundled sample (analyses/encounters-prosecutor.yaml over
 * samples/encounters.csv): summary, the --json contract, exit codes, --out, schema
 * and profile. Expected class figures are recomputed here from the CSV text in JS.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, seeded, tempDir, type CliRun } from './helpers.js';

const specPath = path.join(repoRoot, 'analyses', 'encounters-prosecutor.yaml');
const samplePath = path.join(repoRoot, 'samples', 'encounters.csv');
const sampleText = fs.readFileSync(samplePath, 'utf8');
const [headerLine, ...dataLines] = sampleText.trimEnd().split('\n');
const header = headerLine.split(',');
const records = dataLines.map((l) => l.split(','));

/** Class sizes over age, sex, race, zip, computed directly from the text (no quoting in the sample). */
function classSizesFromText(qis: string[]): number[] {
  const idx = qis.map((q) => header.indexOf(q));
  const counts = new Map<string, number>();
  for (const r of records) {
    const key = idx.map((i) => r[i]).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()];
}

const t = tempDir('edra-e2e-');
let jsonRun: CliRun;
let doc: Record<string, any>;

beforeAll(async () => {
  jsonRun = await cli('analyze', specPath, '--json', '--quiet');
  doc = JSON.parse(jsonRun.stdout);
});
afterAll(() => t.cleanup());

describe('edra analyze on the bundled sample', () => {
  it('summary mode prints the classes, the risk table, threshold lines and the verdict; exit 1', async () => {
    const r = await cli('analyze', specPath);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toMatch(/^edra \d+\.\d+\.\d+: /);
    expect(out).toMatch(/^classes\s+2939 \(size 1-11, mean 1\.36\); sample uniques 2337 \(58\.4%\)$/m);
    expect(out).toMatch(/^k\s+1; records in classes smaller than 5: 3688/m);
    expect(out).toMatch(/^prosecutor\s+1\s/m);
    expect(out).toMatch(/^journalist\s/m);
    // K pi / n = 2939 x 0.01 / 4000 = 0.0073475, printed to 4 digits (either rounding of the tie)
    expect(out).toMatch(/^marketer\s+expected fraction re-identified 0\.00734[78]$/m);
    expect(out).toMatch(/^ {2}FAIL {2}k >= 5 {2}\(value 1\)$/m);
    expect(out).toMatch(/^ {2}FAIL {2}prosecutor\.highestRisk <= 0\.2 /m);
    expect(out).toMatch(/^ {2}FAIL {2}prosecutor\.averageRisk <= 0\.05 /m);
    expect(out).toMatch(/^ {2}PASS {2}journalist\.highestRisk <= 0\.2 /m);
    expect(out).toMatch(/^ {2}PASS {2}journalist\.averageRisk <= 0\.05 /m);
    expect(out).toMatch(/^ {2}PASS {2}marketer\.expected <= 0\.05 /m);
    expect(out).toMatch(/^verdict\s+FAIL \(thresholds not met\)$/m);
    expect(out).toMatch(/direct identifier.*"mrn"|"mrn".*direct identifier/);
  });

  it('--json is one JSON document with every field of the contract; exit 1', () => {
    expect(jsonRun.code).toBe(1);
    expect(jsonRun.stderr).toBe('');
    expect(jsonRun.stdout.trim().startsWith('{')).toBe(true);
    expect(doc.edra).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.spec).toBe(specPath);

    const d = doc.dataset;
    expect(d.path).toBe('../samples/encounters.csv');
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.sha256).toBe(createHash('sha256').update(fs.readFileSync(samplePath)).digest('hex'));
    expect(d.rows).toBe(records.length);
    expect(d.columns.map((c: any) => c.name)).toEqual(header);
    for (const c of d.columns) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'type', 'role']));
      expect(typeof c.type).toBe('string');
      expect(['identifying', 'quasiIdentifier', 'sensitive', 'insensitive']).toContain(c.role);
    }
    const role = (n: string) => d.columns.find((c: any) => c.name === n).role;
    expect(role('mrn')).toBe('identifying');
    expect(role('zip')).toBe('quasiIdentifier');
    expect(role('diagnosis')).toBe('sensitive');
    expect(role('payer')).toBe('insensitive');
    expect(d.columns.find((c: any) => c.name === 'zip').type).toBe('VARCHAR');
    expect(d.columns.find((c: any) => c.name === 'admit_date').type).toBe('DATE');

    expect(doc.quasiIdentifiers).toEqual(['age', 'sex', 'race', 'zip']);

    // Classes, recomputed from the text.
    const sizes = classSizesFromText(doc.quasiIdentifiers);
    const n = records.length;
    const c = doc.classes;
    for (const key of ['count', 'minSize', 'maxSize', 'meanSize', 'uniques', 'uniqueFraction', 'sizeHistogram']) expect(c).toHaveProperty(key);
    expect(c.count).toBe(sizes.length);
    expect(c.minSize).toBe(Math.min(...sizes));
    expect(c.maxSize).toBe(Math.max(...sizes));
    expect(c.meanSize).toBeCloseTo(n / sizes.length, 10);
    const uniques = sizes.filter((s) => s === 1).length;
    expect(c.uniques).toBe(uniques);
    expect(c.uniqueFraction).toBeCloseTo(uniques / n, 12);
    const hist = new Map<number, number>();
    for (const s of sizes) hist.set(s, (hist.get(s) ?? 0) + 1);
    expect(c.sizeHistogram).toEqual([...hist.entries()].sort((a, b) => a[0] - b[0]));
    expect(doc.k).toBe(Math.min(...sizes));

    // Risk.
    const fields = ['highest', 'lowest', 'average', 'recordsAtHighest', 'recordsAtLowest', 'recordsAbove'];
    const p = doc.risk.prosecutor;
    for (const f of fields) expect(p).toHaveProperty(f);
    expect(p.highest).toBe(1 / doc.k);
    expect(p.lowest).toBe(1 / c.maxSize);
    expect(p.average).toBeCloseTo(sizes.length / n, 12);
    expect(p.recordsAtHighest).toBe(uniques);
    expect(p.recordsAtLowest).toBe(sizes.filter((s) => s === c.maxSize).reduce((a, b) => a + b, 0));
    // risk > 0.2 <=> class size < 5
    expect(p.recordsAbove['0.2']).toBe(sizes.filter((s) => s < 5).reduce((a, b) => a + b, 0));
    const j = doc.risk.journalist;
    for (const f of [...fields, 'populationSize']) expect(j).toHaveProperty(f);
    expect(j.populationSize).toBe(n / 0.01);
    expect(j.highest).toBeCloseTo(0.01, 12); // F = f / pi for a unique: 100
    expect(doc.risk.marketer.expected).toBeCloseTo((sizes.length * 0.01) / n, 12);

    // Thresholds and verdict.
    expect(doc.thresholds.length).toBeGreaterThanOrEqual(3);
    for (const line of doc.thresholds) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['name', 'limit', 'value', 'pass']));
      expect(typeof line.pass).toBe('boolean');
    }
    const k = doc.thresholds.find((l: any) => l.name === 'k');
    expect(k).toMatchObject({ limit: 5, value: doc.k, pass: false });
    expect(doc.verdict).toBe('fail');
    // No cell value in the result.
    expect(jsonRun.stdout).not.toContain(records[0][1]); // an MRN
    expect(jsonRun.stdout).not.toContain(records[0][2]); // a name
  });

  it('a spec whose thresholds pass, its review warnings acknowledged, exits 0', async () => {
    const spec = t.file(
      'pass.yaml',
      `dataset:\n  path: ${samplePath}\nattributes:\n  identifying: [encounter_id, mrn, patient_name]\n  quasiIdentifiers: [sex]\npopulation: { samplingFraction: 0.01 }\nadversary: [prosecutor]\nthresholds: { k: 5, highestRisk: 0.09, averageRisk: 0.05 }\n` +
        `acknowledgements:\n  - { rule: release.identifierLike, reason: "the test releases the sample's columns as they are" }\n`,
    );
    const r = await cli('analyze', spec, '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.verdict).toBe('pass');
    expect(res.k).toBe(26); // sex U: 26 records
    expect(res.classes.count).toBe(3);
    expect(res.thresholds.every((l: any) => l.pass)).toBe(true);
    const summary = await cli('analyze', spec);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^verdict\s+PASS$/m);
    expect(summary.stdout).not.toMatch(/FAIL/);
  });

  it('--out writes the same JSON atomically (no temporary file left)', async () => {
    const out = path.join(t.dir, 'out', 'result.json');
    fs.mkdirSync(path.dirname(out));
    fs.writeFileSync(out, 'old content');
    const r = await cli('analyze', specPath, '--json', '--quiet', '--out', out);
    expect(r.code).toBe(1);
    const written = fs.readFileSync(out, 'utf8');
    expect(written).toBe(r.stdout);
    const parsed = JSON.parse(written);
    expect(parsed.dataset.sha256).toBe(doc.dataset.sha256);
    // The same result; only the recorded command line (which now names --out) differs.
    expect({ ...parsed, generatedAt: 0, commandLine: 0 }).toEqual({ ...doc, generatedAt: 0, commandLine: 0 });
    expect(parsed.commandLine).toMatch(/--out /);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['result.json']);
    // Without --json, stdout has the summary and the file the JSON.
    const out2 = path.join(t.dir, 'out', 'r2.json');
    const r2 = await cli('analyze', specPath, '--out', out2);
    expect(r2.stdout).toMatch(/^verdict/m);
    expect(JSON.parse(fs.readFileSync(out2, 'utf8')).classes).toEqual(doc.classes);
  });
});

describe('edra schema', () => {
  it('prints a JSON Schema with properties.dataset', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.properties.dataset).toBeTypeOf('object');
    // dataset is one of two sources: a file read by the embedded DuckDB
    // (engine optional, the default) or a ClickHouse table (engine required)
    const [file, remote] = schema.properties.dataset.oneOf;
    expect(file.properties.path).toBeTypeOf('object');
    expect(file.required).toEqual(['path']);
    expect(remote.properties.engine.const).toBe('clickhouse');
    expect(remote.required).toEqual(expect.arrayContaining(['engine', 'url', 'table']));
    expect(schema.properties.attributes.properties.quasiIdentifiers).toBeTypeOf('object');
    expect(schema.properties.thresholds.properties.k).toBeTypeOf('object');
    expect(schema.required).toEqual(expect.arrayContaining(['dataset', 'attributes']));
  });

  it('--out writes it to a file', async () => {
    const f = path.join(t.dir, 'schema.json');
    const r = await cli('schema', '--out', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(f, 'utf8')).properties.dataset).toBeDefined();
  });
});

describe('edra profile on the sample', () => {
  // 20 cells picked at random (seeded); the longer ones must never be printed.
  const rand = seeded(20240601);
  const picked: string[] = [];
  for (let i = 0; i < 20; i++) {
    const r = records[Math.floor(rand() * records.length)];
    picked.push(r[Math.floor(rand() * r.length)]);
  }
  // Plus one of each identifier column, so the check always covers them.
  picked.push(records[7][1], records[7][2], records[7][8]);
  const longCells = picked.filter((v) => v.length >= 6);

  it('flags mrn, patient_name, zip and admit_date, and prints no value', async () => {
    const r = await cli('profile', samplePath);
    expect(r.code).toBe(0);
    const line = (name: string) => r.stdout.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
    expect(line('mrn')).toMatch(/medical record/);
    expect(line('patient_name')).toMatch(/person name/);
    expect(line('zip')).toMatch(/ZIP code/);
    expect(line('admit_date')).toMatch(/full date/);
    expect(line('sex')).not.toMatch(/\(/); // no hint on sex
    expect(r.stdout).toMatch(/4000 rows, 13 columns/);
    expect(longCells.length).toBeGreaterThanOrEqual(5);
    for (const v of longCells) {
      expect(r.stdout).not.toContain(v);
      expect(r.stderr).not.toContain(v);
    }
  });

  it('--json gives the same hints by kind, and no value', async () => {
    const r = await cli('profile', samplePath, '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.rows).toBe(4000);
    const kinds = (name: string) => p.columns.find((c: any) => c.name === name).hints.map((h: any) => h.kind);
    expect(kinds('mrn')).toContain('recordNumber');
    expect(kinds('patient_name')).toContain('name');
    expect(kinds('zip')).toContain('zip');
    expect(kinds('admit_date')).toContain('fullDate');
    expect(kinds('sex')).toEqual([]);
    const race = p.columns.find((c: any) => c.name === 'race');
    expect(race.missing).toBe(records.filter((rec) => rec[header.indexOf('race')] === '').length);
    expect(race.distinct).toBe(new Set(records.map((rec) => rec[header.indexOf('race')]).filter((v) => v !== '')).size);
    for (const v of longCells) expect(r.stdout).not.toContain(v);
  });
});

describe('--memory-limit', () => {
  it('runs under a DuckDB memory cap and refuses a malformed size with exit 2', async () => {
    const ok = await cli('analyze', 'analyses/encounters-prosecutor.yaml', '--json', '--quiet', '--memory-limit', '300MB');
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.stdout).k).toBe(1);
    const bad = await cli('analyze', 'analyses/encounters-prosecutor.yaml', '--memory-limit', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^edra: .*memory-limit/);
  });
});

describe("the README's quick start", () => {
  it('analyses/encounters.yaml runs the main job on the bundled sample: the extract fails, the data as released passes (exit 0)', async () => {
    const r = await cli('analyze', path.join(repoRoot, 'analyses', 'encounters.yaml'), '--json', '--quiet');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.verdict).toBe('pass');
    expect(doc.releaseContext).toBe('dataUseAgreement');
    expect(doc.transformation.levels).toEqual({ age: 2, sex: 0, race: 0, zip: 2 });
    // the raw extract fails both thresholds, with its reasons
    expect(doc.transformation.beforeVerdict).toBe('fail');
    expect(doc.transformation.beforeLines.map((l: { name: string; pass: boolean }) => [l.name, l.pass])).toEqual([
      ['population.uniqueness', false],
      ['individualRisk.global', false],
    ]);
    expect(doc.thresholds.every((l: { pass: boolean }) => l.pass)).toBe(true);
    // no threshold that cannot fail; every review warning acknowledged, with its reason
    expect(doc.warnings.filter((w: { rule: string }) => w.rule === 'threshold.cannotFail')).toEqual([]);
    const reviews = doc.warnings.filter((w: { review?: boolean }) => w.review);
    expect(reviews.map((w: { rule: string }) => w.rule).sort()).toEqual(['population.estimatorsDisagree', 'sensitive.worstCase']);
    expect(reviews.every((w: { acknowledged?: string }) => typeof w.acknowledged === 'string')).toBe(true);
    // every estimator under the 1% bound, not only the one the rule picked
    for (const e of ['pitman', 'zayatz', 'snb']) expect(doc.population.uniqueness[e].fraction).toBeLessThan(0.01);
    expect(doc.suda.recordsWithMsu).toBeGreaterThan(0);
    expect(doc.transformation.utility.qis.map((q: { attribute: string }) => q.attribute)).toEqual(['age', 'sex', 'race', 'zip']);
    const text = await cli('analyze', path.join(repoRoot, 'analyses', 'encounters.yaml'), '--quiet');
    expect(text.stdout).toMatch(/^before\s+the extract as read: FAIL, 2 of 2 thresholds not met/m);
    expect(text.stdout).toMatch(/^verdict\s+PASS$/m);
  });
});
