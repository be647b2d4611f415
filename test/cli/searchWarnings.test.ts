/**
 * The search warns when its optimum suppresses a quasi-identifier completely or removes more
 * than half of its information, and says which setting binds; a search whose optimum keeps the
 * values says nothing. analyze --levels prints what the recipient loses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SearchJson } from '../../src/contracts/search.js';
import { cli, repoRoot, tempDir } from './helpers.js';

const t = tempDir('edra-search-warnings-');
afterAll(() => t.cleanup());
const sample = path.join(repoRoot, 'samples', 'encounters.csv');

function spec(name: string, thresholds: string, search = 'search: { suppressionLimit: 0.05 }'): string {
  return t.file(
    name,
    `dataset: { path: ${sample} }\nattributes:\n  identifying: [encounter_id, mrn, patient_name, admit_date, discharge_date]\n  quasiIdentifiers: [age, sex, race, zip]\n  insensitive: [ethnicity, payer, length_of_stay, diagnosis]\n` +
      `population: { samplingFraction: 0.01 }\nadversary: [prosecutor]\nhierarchies:\n  age: { intervals: { width: [5, 10, 20] } }\n  zip: { mask: { levels: [5, 3, 1, 0] } }\n${search}\nthresholds: ${thresholds}\n`,
  );
}

describe('search warnings', () => {
  it('k = 5 on 4,000 records with 300 ZIP codes: the optimum suppresses the ZIP code, and the suppression limit binds', async () => {
    const r = await cli('search', spec('k5.yaml', '{ k: 5 }'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as SearchJson;
    expect(s.optimum!.levels.zip).toBe(3);
    const zip = s.warnings!.find((w) => w.subject === 'zip')!;
    expect(zip.rule).toBe('search.qiSuppressed');
    expect(zip.message).toContain('the optimum generalizes zip to its top level (3 of 3), one value for every record');
    expect(zip.message).toMatch(/at level 2, it would need \d+ records suppressed \(in classes below 5\) and search\.suppressionLimit \(5%\) allows 200: raise it/);
    const zipLoss = s.optimum!.utilityDetail!.qis.find((q) => q.attribute === 'zip')!;
    expect(zipLoss.distinctAfter).toBe(1);
    expect(zipLoss.informationRemoved).toBeCloseTo(1, 12);
    const text = await cli('search', spec('k5.yaml', '{ k: 5 }'));
    expect(text.stdout).toMatch(/^warning\s+the optimum generalizes zip to its top level/m);
    expect(text.stdout).toMatch(/^utility\s+precision /m);
  });

  it('names the failing threshold when no suppression is allowed', async () => {
    const r = await cli('search', spec('pu.yaml', '{ populationUniqueness: 0.01 }', 'search: { suppressionLimit: 0 }'), '--json');
    const s = JSON.parse(r.stdout) as SearchJson;
    const w = s.warnings!.find((x) => x.subject === 'zip');
    expect(w?.rule).toBe('search.qiInformationLoss');
    expect(w?.message).toMatch(/at level 1, it fails population\.uniqueness <= 0\.01 \(there 0\.0\d+\): relax that threshold/);
  });

  it('is silent when the optimum keeps every value (the extract already meets the thresholds)', async () => {
    const r = await cli('search', spec('easy.yaml', '{ populationUniqueness: 0.2 }'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as SearchJson;
    expect(Object.values(s.optimum!.levels)).toEqual([0, 0, 0, 0]);
    expect(s.warnings).toEqual([]);
    expect(s.optimum!.utilityDetail!.metrics.loss).toBeCloseTo(0, 12);
  });

  it('search --report exits by the verdict of the data at the optimum: 4 when a review warning is open', async () => {
    const text = fs.readFileSync(spec('journalist.yaml', '{ k: 5, highestRisk: 0.2 }'), 'utf8').replace('adversary: [prosecutor]', 'adversary: [prosecutor, journalist]');
    const f = t.file('journalist2.yaml', text);
    expect((await cli('search', f, '--quiet')).code).toBe(0);
    const r = await cli('search', f, '--quiet', '--report', t.file('journalist.html'));
    expect(r.code).toBe(4);
    const twin = JSON.parse(fs.readFileSync(t.file('journalist.json'), 'utf8'));
    expect(twin.result.warnings.filter((w: { review?: boolean }) => w.review).map((w: { subject: string }) => w.subject)).toEqual(['journalist.highestRisk']);
  });

  it('analyze --levels prints what the recipient loses, per quasi-identifier', async () => {
    const r = await cli('analyze', spec('levels.yaml', '{ k: 5 }'), '--levels', 'age=2,zip=1', '--quiet');
    expect(r.stdout).toMatch(/^utility\s+precision [\d.]+; discernibility \d+; aecs [\d.]+; loss [\d.]+; entropy [\d.]+$/m);
    expect(r.stdout).toMatch(/^ {2}zip\s+1\/3\s+298\s+\d+\s+4000 \(100\.0%\)\s+[\d.]+%$/m);
    expect(r.stdout).toMatch(/^before\s+the extract as read: FAIL, 1 of 1 thresholds not met/m);
  });
});
