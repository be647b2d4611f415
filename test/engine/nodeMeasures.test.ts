/**
 * What `edra explore` shows for a node (src/engine/nodeMeasures.ts, from the data prepared
 * once in memory) is what `edra analyze --levels` computes for it from the file: every
 * threshold line, k, the class figures, each adversary model's risk, the sensitive
 * attributes, population uniqueness, individual risk, the information loss under every
 * metric and the per-QI contribution. On Adult (prosecutor, 2% suppression), the encounters
 * sample (journalist and marketer, a sampling fraction, individual risk, a sensitive
 * attribute) and a masked-suppression, exclude-policy variant of it.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, parseSpecText, type LoadedSpec } from '../../src/config/loadSpec.js';
import { openDatabase } from '../../src/data/database.js';
import { analyze } from '../../src/engine/analyze.js';
import { NodeSession } from '../../src/engine/nodeMeasures.js';
import { prepareSearch, withSpecSettings } from '../../src/engine/search.js';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import type { NodeMeasuresJson } from '../../src/contracts/explore.js';
import { repoRoot, seeded, tempDir } from '../cli/helpers.js';
import { expectSameUtility } from '../helpers/sameUtility.js';

const t = tempDir('edra-node-measures-');
afterAll(() => t.cleanup());

async function sessionOf(loaded: LoadedSpec): Promise<NodeSession> {
  const db = await openDatabase();
  try {
    return new NodeSession(await prepareSearch(db, loaded));
  } finally {
    db.close();
  }
}

/** Every figure of the node against the analysis of the same levels. */
function expectAgreement(m: NodeMeasuresJson, a: AnalysisResult): void {
  expect(m.thresholds).toEqual(a.thresholds);
  expect(m.verdict).toBe(a.thresholdsVerdict);
  expect(m.k).toBe(a.k);
  expect(m.records).toBe(a.records);
  expect(m.classes).toEqual(a.classes);
  expect(m.risk).toEqual(a.risk);
  expect(m.sensitive).toEqual(a.sensitive);
  expect(m.uniqueness).toEqual(a.population.uniqueness);
  expect(m.individualRisk).toEqual(a.individualRisk);
  const tr = a.transformation!;
  expect(m.levels).toEqual(tr.levels);
  expect(m.suppressed).toBe(tr.suppressed);
  expect(m.suppressedAs).toBe(tr.suppressedAs);
  expect(m.requiredClassSize).toBe(tr.requiredClassSize);
  // the suppressed classes' parts are summed exactly, so the order of the classes (roll-up
  // here, DuckDB's order there) does not show: equal to the last bit
  expectSameUtility(m.utility, tr.utility);
}

/** Random nodes of the lattice (seeded), with the bottom, the top and the given ones. */
function someNodes(session: NodeSession, count: number, seed: number, extra: Record<string, number>[]): Int32Array[] {
  const rnd = seeded(seed);
  const out = [session.lattice.levels(0), session.lattice.levels(session.lattice.size - 1), ...extra.map((x) => session.levelsOf(x))];
  while (out.length < count) out.push(session.lattice.levels(Math.floor(rnd() * session.lattice.size)));
  return out;
}

/** Checks random nodes; returns how many were compared and how many of those suppressed records. */
async function checkSpec(loaded: LoadedSpec, nodes: number, seed: number, extra: Record<string, number>[] = []): Promise<{ checked: number; suppressing: number }> {
  const session = await sessionOf(loaded);
  let checked = 0;
  let suppressing = 0;
  for (const levels of someNodes(session, nodes, seed, extra)) {
    const byName = session.lattice.named(session.lattice.index(levels), session.names);
    const m = session.measure(levels);
    let a: AnalysisResult;
    try {
      a = (await analyze(loaded, { levels: byName, qiContribution: true })).result;
    } catch (e) {
      // every record suppressed: analyze refuses (exit 3), the node releases nothing
      expect((e as Error).message).toMatch(/every record was suppressed/);
      expect(m.records).toBe(0);
      expect(m.verdict).toBe('fail');
      continue;
    }
    expectAgreement(m, a);
    expect(session.nextSteps(levels).map((s) => s.contribution)).toEqual(a.qiContribution);
    checked++;
    if (m.suppressed > 0) suppressing++;
  }
  return { checked, suppressing };
}

describe('a node measured in memory equals analyze --levels', () => {
  it('on Adult: 8 QIs, k = 5, 2% suppression (bottom, top and random nodes)', async () => {
    // the search's optimum suppresses 552 records
    const optimum = { age: 3, education: 2, 'marital-status': 1, 'native-country': 1, occupation: 2, race: 0, sex: 0, workclass: 1 };
    const r = await checkSpec(loadSpec(path.join(repoRoot, 'analyses/adult-search.yaml')), 7, 15, [optimum]);
    expect(r.checked).toBeGreaterThanOrEqual(5);
    expect(r.suppressing).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('on the encounters sample: journalist and marketer, a sampling fraction, individual risk and a sensitive attribute', async () => {
    expect((await checkSpec(loadSpec(path.join(repoRoot, 'analyses/encounters.yaml')), 6, 3)).checked).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('with masked suppression, the exclude policy and attribute thresholds', async () => {
    const text = `dataset: { path: ${path.join(repoRoot, 'samples/encounters.csv')} }
attributes:
  identifying: [encounter_id, mrn, patient_name]
  quasiIdentifiers: [age, sex, zip, ethnicity]
  sensitive: [diagnosis]
  insensitive: [race, admit_date, discharge_date, payer, length_of_stay]
missingValues: exclude
population: { size: 500000 }
adversary: [prosecutor, journalist]
hierarchies:
  age: { intervals: { width: [5, 10, 20] } }
  zip: { mask: { levels: [5, 3, 1, 0] } }
search: { suppressionLimit: 0.1, suppressed: mask, metric: entropy }
thresholds: { k: 3, highestRisk: 0.34, l: 2, t: 0.6, populationUniqueness: 0.5 }
`;
    const r = await checkSpec(parseSpecText(text, t.file('masked.yaml'), t.dir), 6, 9);
    expect(r.checked).toBeGreaterThanOrEqual(4);
    expect(r.suppressing).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('edited settings (withSpecSettings) measure as the edited spec analysed', async () => {
    const base = loadSpec(path.join(repoRoot, 'analyses/adult-search.yaml'));
    const session = await sessionOf(base);
    const edited = parseSpecText(base.text.replace('k: 5', 'k: 11\n  highestRisk: 0.05').replace('suppressionLimit: 0.02', 'suppressionLimit: 0.05'), base.file, base.baseDir);
    const again = new NodeSession(withSpecSettings(session.prepared, edited), session.utilityTables);
    const byName = { age: 2, education: 2, 'marital-status': 1, 'native-country': 1, occupation: 1, race: 0, sex: 0, workclass: 1 };
    const m = again.measure(again.levelsOf(byName));
    expect(m.requiredClassSize).toBe(20);
    expect(m.maxSuppressed).toBe(Math.floor(0.05 * 30162));
    expectAgreement(m, (await analyze(edited, { levels: byName })).result);
    // the first session is unchanged
    expect(session.measure(session.levelsOf(byName)).requiredClassSize).toBe(5);
  }, 120_000);
});
