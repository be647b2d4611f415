/**
 * Sensitive value hierarchies resolve through src/hierarchy, with the QI hierarchies'
 * validation: an implicit root above a multi-label top level (as ARX users expect), a
 * non-tree file as a clean data error, and the missing-value policy applied before the tree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/helpers.js';
import type { AnalysisResult } from '../../src/contracts/analysis.js';

const t = tempDir('edra-sensitive-hierarchy-');
afterAll(() => t.cleanup());

/** Two classes; each holds one value of group A and one of group B. */
const data = 'age,sex,dx\n30,F,A1\n30,F,B1\n40,M,A2\n40,M,B2\n';

function spec(name: string, csv: string, hierarchy: string, missing = 'ownValue'): string {
  const d = t.file(`${name}.csv`, csv);
  const h = t.file(`${name}-h.csv`, hierarchy);
  return t.file(
    `${name}.yaml`,
    `dataset: { path: ${d} }\nattributes:\n  quasiIdentifiers: [age, sex]\n  sensitive: [dx]\nadversary: [prosecutor]\nsensitive:\n  dx: { distance: hierarchical, hierarchy: ${h}, missing: ${missing} }\nthresholds: { t: 0.9 }\n`,
  );
}

describe('sensitive value hierarchies', () => {
  it('add an implicit root above a top level with several labels', async () => {
    // Tree root -> {A -> {A1, A2}, B -> {B1, B2}}, H = 2. Class {A1, B1} against the table
    // (1/4 each): extra +1/4 at A1 and B1, -1/4 at A2 and B2; node A: 1/2 x min(1/4, 1/4)
    // = 1/8, node B: 1/8, root: 0. t = 1/4 (a flat tree would give 1/2).
    const run = await cli('analyze', spec('root', data, 'A1;A\nA2;A\nB1;B\nB2;B\n'), '--json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as AnalysisResult;
    expect(r.sensitive.dx.tCloseness.t).toBeCloseTo(0.25, 15);
  });

  it('give the same t with the root written out', async () => {
    const run = await cli('analyze', spec('star', data, 'A1;A;*\nA2;A;*\nB1;B;*\nB2;B;*\n'), '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as AnalysisResult).sensitive.dx.tCloseness.t).toBeCloseTo(0.25, 15);
  });

  it('refuse a file that is not a tree with a data error (exit 3), as a QI hierarchy would', async () => {
    const run = await cli('analyze', spec('tree', data, 'A1;A;X\nA2;A;Y\nB1;B;Y\nB2;B;Y\n'));
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n')[0]).toMatch(/^edra: .*tree-h\.csv.*\[rule: hierarchy\.\w+\]$/);
    expect(run.stderr).not.toMatch(/A1|A2|B1|B2/);
  });

  it('apply missing: exclude before the tree is built (one missing value)', async () => {
    const withMissing = `${data}40,M,\n`;
    const run = await cli('analyze', spec('missing', withMissing, 'A1;A\nA2;A\nB1;B\nB2;B\n', 'exclude'), '--json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as AnalysisResult;
    expect(r.sensitive.dx.excludedRecords).toBe(1);
    expect(r.sensitive.dx.tCloseness.t).toBeCloseTo(0.25, 15);
  });

  it('count values the hierarchy does not cover, never naming them', async () => {
    const run = await cli('analyze', spec('uncovered', data, 'A1;A\nA2;A\nB1;B\n'));
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n')[0]).toMatch(/1 of 4 distinct value.*\[rule: hierarchy\.uncovered\]/);
    expect(run.stderr).not.toMatch(/B2/);
  });

  it('refuse an ordered distance over a missing value (it has no rank), and take it with missing: exclude', async () => {
    const csv = 'age,sex,los\n30,F,1\n30,F,5\n40,M,2\n40,M,\n';
    const d = t.file('ordered.csv', csv);
    const base = `dataset: { path: ${d} }\nattributes:\n  quasiIdentifiers: [age, sex]\n  sensitive: [los]\nadversary: [prosecutor]\n`;
    const refused = await cli('analyze', t.file('ordered.yaml', base));
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toMatch(/sensitive\.los: 1 record\(s\) have no value.*\[rule: spec\.orderedMissing\]$/);
    // with a t threshold on los (without one, distinct l = 1 of class (40,M) is a review warning)
    const run = await cli('analyze', t.file('ordered-ex.yaml', `${base}sensitive:\n  los: { missing: exclude }\nthresholds: { t: 0.9 }\n`), '--json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as AnalysisResult;
    // values 1, 2, 5 (m = 3); table 1/3 each. Class (30,F) = {1, 5}: cumulative differences
    // 1/2-1/3, 1/2-2/3, 0 -> (1/6 + 1/6) / 2 = 1/6. Class (40,M) = {2}: 0-1/3, 1-2/3, 0 -> 1/3.
    expect(r.sensitive.los.tCloseness).toEqual({ measure: 'ordered', t: expect.closeTo(1 / 3, 15) });
  });
});
