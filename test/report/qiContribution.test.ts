/**
 * The per-QI contribution recommends a QI only when dropping it removes uniques, draws its
 * chart only when some record is unique, and says why a QI has no "one level up" figure.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { renderReport } from '../../src/report/render.js';
import { fullResult, minimalResult } from './fixtures.js';

interface Qi {
  strongest: string | null;
  noUniques: boolean;
  atLevels: boolean;
  rows: { attribute: string; notGeneralized: string | null }[];
}
const qiOf = (r: AnalysisResult) => {
  const out = renderReport(r);
  return { html: out.html, qi: (out.twin.report as unknown as { results: { qiContribution: Qi } }).results.qiContribution };
};

describe('per-QI contribution', () => {
  it('uniques that no single QI removes: no QI recommended, the chart still drawn', () => {
    const r = minimalResult();
    r.qiContribution = [
      { attribute: 'age', dropped: { k: 1, sampleUniques: 200 } },
      { attribute: 'sex', dropped: { k: 1, sampleUniques: 200 } },
    ];
    const { html, qi } = qiOf(r);
    expect(qi.strongest).toBeNull();
    expect(html).not.toContain('first candidate to generalize');
    expect(html).toContain('Dropping any one quasi-identifier leaves every unique record unique');
    expect(html).toContain('id="chart-qi-contribution"');
    // no transformation: the QIs have no hierarchy (the analysis computes one level up for those that do)
    expect(qi.rows.map((x) => x.notGeneralized)).toEqual(['no hierarchy', 'no hierarchy']);
    expect(qi.atLevels).toBe(false);
  });

  it('a QI whose removal removes uniques is recommended, as before', () => {
    const { html, qi } = qiOf(fullResult());
    expect(qi.strongest).toBe('age');
    expect(html).toContain('Dropping <code>age</code> removes the most uniques: it is the first candidate to generalize or remove.');
  });

  it('no unique record: no recommendation and no all-zero chart', () => {
    const r = minimalResult();
    r.classes = { ...r.classes, uniques: 0, uniqueFraction: 0 };
    r.qiContribution = [
      { attribute: 'age', dropped: { k: 5, sampleUniques: 0 } },
      { attribute: 'sex', dropped: { k: 5, sampleUniques: 0 } },
    ];
    const { html, qi } = qiOf(r);
    expect(qi).toMatchObject({ strongest: null, noUniques: true });
    expect(html).not.toContain('chart-qi-contribution');
    expect(html).not.toContain('Figure 3.');
    expect(html).toContain('With no unique record, dropping a quasi-identifier removes none');
  });
});
