/**
 * Population uniqueness when no record is unique in the sample: every estimator gives 0 by
 * convention and Dankar et al.'s rule reports the model 'none'. The report renders it (it
 * once stopped on a missing label, exit 70) and says so in plain words.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { renderReport } from '../../src/report/render.js';
import { minimalResult } from './fixtures.js';

/** 1,000 records in classes of 5 and 10 (no sample unique), a 10% sample of 10,000 people. */
function noSampleUniques(): AnalysisResult {
  const r = minimalResult();
  const zero = (name: string) => ({ count: 0, fraction: 0, valid: true, note: `${name}: c_1 = 0 (no sample uniques), so 0 population uniques by convention (Dankar et al. 2012; ARX)` });
  return {
    ...r,
    classes: { count: 150, minSize: 5, maxSize: 10, meanSize: 1000 / 150, uniques: 0, uniqueFraction: 0, sizeHistogram: [[5, 100], [10, 50]], recordsBelowK: 0 },
    k: 5,
    adversaryModels: ['prosecutor', 'journalist'],
    risk: {
      prosecutor: { highest: 0.2, lowest: 0.1, average: 0.15, recordsAtHighest: 500, recordsAtLowest: 500, recordsAbove: { '0.33': 0, '0.2': 0, '0.09': 1000, '0.075': 1000, '0.05': 1000 } },
      journalist: { highest: 0.02, lowest: 0.01, average: 0.015, recordsAtHighest: 500, recordsAtLowest: 500, recordsAbove: { '0.33': 0, '0.2': 0, '0.09': 0, '0.075': 0, '0.05': 0 }, populationSize: 10000 },
    },
    population: {
      size: 10000,
      samplingFraction: 0.1,
      source: 'samplingFraction',
      uniqueness: { pitman: zero('Pitman'), zayatz: zero('Zayatz'), snb: zero('SNB'), dankar: zero('Dankar'), dankarModel: 'none' },
      notes: [],
    },
    thresholds: [{ name: 'k', kind: 'k', limit: 5, value: 5, comparison: '>=', pass: true }],
    thresholdSettings: { k: 5, requiredClassSize: 5, riskLevels: [0.33, 0.2, 0.09, 0.075, 0.05] },
    verdict: 'pass',
  };
}

describe('population uniqueness with no sample unique', () => {
  it('renders, with the estimates as 0 and no model picked, in the summary and the results', () => {
    const { html, twin } = renderReport(noSampleUniques());
    expect(html).toContain('<div class="figure">0.0%</div><div class="what">of the population estimated to be unique (0 people; no record is unique in the sample)</div>');
    expect(html).toContain('No record is unique in the sample: the estimators give 0 population uniques by convention (Dankar et al. 2012), and the rule of Dankar et al. picks no model.');
    expect(html).toMatch(/<tr><td>Pitman<\/td><td class="num">0<\/td><td class="num">0\.0%<\/td><td>valid: Pitman: c_1 = 0/);
    expect(html).not.toContain('about 0');
    const report = twin.report as unknown as { results: { population: { picked: string; noSampleUniques: boolean } } };
    expect(report.results.population).toMatchObject({ picked: 'none (no record is unique in the sample)', noSampleUniques: true });
  });
});
