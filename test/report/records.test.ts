/**
 * Every figure of the report is over n = `result.records` (after missing-value exclusion and
 * record suppression; masked records included), and the report says how many records were
 * read, excluded and suppressed, and how, in each section that states n.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { renderReport } from '../../src/report/render.js';
import { minimalResult } from './fixtures.js';

/** The text of an HTML fragment, tags removed, quotes unescaped and spaces collapsed. */
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/\s+/g, ' ');

/**
 * 1,000 records read; 100 in classes below 5 suppressed (dropped, or masked as one class of
 * 100); 900 kept in 90 classes of 10. `excluded` more records read and left out.
 */
function suppressed(mode: 'drop' | 'mask', excluded = 0): AnalysisResult {
  const r = minimalResult();
  const masked = mode === 'mask';
  const n = masked ? 1000 : 900;
  return {
    ...r,
    dataset: { ...r.dataset, rows: 1000 + excluded, excludedRecords: excluded, missingValues: excluded ? 'exclude' : 'ownValue' },
    records: n,
    classes: {
      count: masked ? 91 : 90,
      minSize: 10,
      maxSize: masked ? 100 : 10,
      meanSize: n / (masked ? 91 : 90),
      uniques: 0,
      uniqueFraction: 0,
      sizeHistogram: masked ? [[10, 90], [100, 1]] : [[10, 90]],
      recordsBelowK: 0,
    },
    k: 10,
    risk: { prosecutor: { highest: 0.1, lowest: masked ? 0.01 : 0.1, average: (masked ? 91 : 90) / n, recordsAtHighest: 900, recordsAtLowest: masked ? 100 : 900, recordsAbove: { '0.33': 0, '0.2': 0, '0.09': 900, '0.075': 900, '0.05': 900 } } },
    thresholdSettings: { k: 5, requiredClassSize: 5, riskLevels: [0.33, 0.2, 0.09, 0.075, 0.05] },
    thresholds: [{ name: 'k', kind: 'k', limit: 5, value: 10, comparison: '>=', pass: true }],
    verdict: 'pass',
    transformation: {
      levels: { age: 2, sex: 0 },
      heights: { age: 3, sex: 1 },
      hierarchies: [
        { attribute: 'age', kind: 'intervals', height: 3, sizes: [90, 18, 6, 1] },
        { attribute: 'sex', kind: 'groups', height: 1, sizes: [2, 1] },
      ],
      suppressed: 100,
      suppressedAs: mode,
      suppressionLimit: 0.1,
      requiredClassSize: 5,
      before: { k: 1, classes: 400, sampleUniques: 200, prosecutorHighest: 1, prosecutorAverage: 0.4 },
      after: { k: 10, classes: masked ? 91 : 90, sampleUniques: 0, prosecutorHighest: 0.1, prosecutorAverage: (masked ? 91 : 90) / n },
    },
  };
}

interface Twin {
  summary: { records: number };
  data: { analysed: number };
  results: {
    records: number;
    classSizes: { bands: { records: number }[] };
    riskDistribution: { rows: { label: string; values: number[] }[] };
    recordsAtRisk: { rows: { label: string; records: number; fraction: number }[] } | null;
  };
}
const render = (r: AnalysisResult) => {
  const out = renderReport(r);
  return { html: text(out.html), twin: out.twin.report as unknown as Twin };
};

describe('the records every figure is over', () => {
  it('suppressed records dropped: n is the records kept, in every section, and the report says how the others went', () => {
    const { html, twin } = render(suppressed('drop'));
    const basis = 'of the 1,000 records read: 100 suppressed, dropped from the release because their class stayed below 5 records';
    expect(html).toContain(`900 records analysed, ${basis}`);
    expect(html).toContain(`Records analysed 900 (${basis})`);
    expect(html).toContain(`All figures are over the 900 records analysed (${basis}).`);
    expect([twin.summary.records, twin.data.analysed, twin.results.records]).toEqual([900, 900, 900]);
    // the class-size bands and the risk bands add up to n, not to the records read
    expect(twin.results.classSizes.bands.reduce((s, b) => s + b.records, 0)).toBe(900);
    expect(twin.results.riskDistribution.rows.reduce((s, r) => s + r.values[0], 0)).toBe(900);
    expect(twin.results.riskDistribution.rows.at(-1)).toEqual({ label: '0.05 or less', values: [0] });
    expect(html).toContain('100 records (10.0% of the 1,000 records analysed before suppression; limit 10.0%) were suppressed because their class stayed too small: they are dropped from the release.');
    expect(html).toContain('Before: the 1,000 records with their original values. After: the 900 records as released; these are the figures of section 5.');
  });

  it('suppressed records masked: they stay in n as one class, and the report says so', () => {
    const { html, twin } = render(suppressed('mask'));
    expect(html).toContain(
      'All figures are over the 1,000 records analysed (of the 1,000 records read: 100 suppressed by masking because their class stayed below 5 records: they stay in the release with every quasi-identifier replaced by "*", as one class of their own, and are counted here).',
    );
    expect(twin.results.classSizes.bands.reduce((s, b) => s + b.records, 0)).toBe(1000);
    expect(twin.results.riskDistribution.rows.reduce((s, r) => s + r.values[0], 0)).toBe(1000);
    expect(html).toContain('were suppressed because their class stayed too small: they are released with every quasi-identifier replaced by "*", as one class of their own.');
    expect(html).toContain('After: the 1,000 records as released, the masked records counted as one class;');
  });

  it('records excluded for a missing value and records suppressed: both are stated', () => {
    const { html } = render(suppressed('drop', 50));
    expect(html).toContain(
      'All figures are over the 900 records analysed (of the 1,050 records read: 50 left out for a missing quasi-identifier value; 100 suppressed, dropped from the release because their class stayed below 5 records).',
    );
    expect(html).toContain('Before: the 1,000 records with their original values.');
  });

  it('nothing left out: the figures are over all the records read', () => {
    const { html, twin } = render(minimalResult());
    expect(html).toContain('All figures are over the 1,000 records analysed (all the 1,000 records read).');
    expect(twin.results.recordsAtRisk!.rows.find((r) => r.label === 'Records in classes smaller than k')).toMatchObject({ records: 750, fraction: 0.75 });
  });

  it('a result written before `records` existed: the rows less the excluded and the dropped records', () => {
    const old = suppressed('drop', 50) as Partial<AnalysisResult>;
    delete old.records;
    const { twin } = render(old as AnalysisResult);
    expect(twin.results.records).toBe(900);
    const masked = suppressed('mask') as Partial<AnalysisResult>;
    delete masked.records;
    expect(render(masked as AnalysisResult).twin.results.records).toBe(1000);
  });
});
