/**
 * The class size the thresholds require, as the report flags it: the verdict's
 * `thresholdSettings.requiredClassSize` (k, and highestRisk under every adversary model asked
 * for, the journalist's included), the old prosecutor-only computation only for older results.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/contracts/analysis.js';
import { renderReport } from '../../src/report/render.js';
import { minimalResult } from './fixtures.js';

interface BandJson {
  label: string;
  belowRequired: boolean;
}
interface ClassSizesJson {
  bands: BandJson[];
  requiredSize: number | null;
  recordsBelowRequired: number | null;
}

/** The minimal fixture's classes (sizes 1, 2, 3, 4, 6) seen by a journalist with pi = 0.5 only. */
function journalistOnly(thresholds: { k?: number; highestRisk: number }, required: number): AnalysisResult {
  const r = minimalResult();
  const highest = 0.5; // 1 / (1 / 0.5): the unique records
  return {
    ...r,
    adversaryModels: ['journalist'],
    population: { size: 2000, samplingFraction: 0.5, source: 'samplingFraction', notes: [] },
    risk: {
      journalist: {
        highest,
        lowest: 0.5 / 6,
        average: 0.2,
        recordsAtHighest: 200,
        recordsAtLowest: 150,
        recordsAbove: { '0.33': 200, '0.2': 400, '0.1': 650, '0.09': 650, '0.075': 800, '0.05': 800 },
        populationSize: 2000,
      },
    },
    thresholdSettings: {
      ...thresholds,
      // the prosecutor's size for highestRisk, recorded whatever the models
      minClassSizeForHighestRisk: Math.ceil(1 / thresholds.highestRisk),
      requiredClassSize: required,
      riskLevels: [0.33, 0.2, 0.1, 0.09, 0.075, 0.05],
    },
    thresholds: [
      ...(thresholds.k !== undefined ? [{ name: 'k', kind: 'k' as const, limit: thresholds.k, value: 1, comparison: '>=' as const, pass: false }] : []),
      { name: 'journalist.highestRisk', kind: 'highestRisk', model: 'journalist', limit: thresholds.highestRisk, value: highest, comparison: '<=', pass: false },
    ],
    verdict: 'fail',
  };
}

function classSizes(result: AnalysisResult): { json: ClassSizesJson; html: string } {
  const rendered = renderReport(result);
  const report = rendered.twin.report as unknown as { results: { classSizes: ClassSizesJson } };
  return { json: report.results.classSizes, html: rendered.html };
}

const flagged = (j: ClassSizesJson): string[] => j.bands.filter((b) => b.belowRequired).map((b) => b.label);

describe('class-size bands below the required size', () => {
  it('journalist-only highestRisk: the classes below the journalist size (1/(f/pi) <= 0.1: f >= 5) are flagged', () => {
    const { json, html } = classSizes(journalistOnly({ highestRisk: 0.1 }, 5));
    expect(json.requiredSize).toBe(5);
    expect(flagged(json)).toEqual(['1', '2', '3', '4']);
    expect(json.recordsBelowRequired).toBe(200 + 200 + 150 + 100);
    expect(html).toContain('The thresholds require classes of at least 5 records; 650 records are in smaller classes (in red).');
    expect(html).toContain('smaller than 5 records');
    expect(html).toContain('need classes of at least <strong>5</strong> records');
  });

  it('journalist-only highestRisk and a smaller k: the larger size of the two is required, not k', () => {
    const { json } = classSizes(journalistOnly({ k: 2, highestRisk: 0.1 }, 5));
    expect(json.requiredSize).toBe(5);
    expect(flagged(json)).toEqual(['1', '2', '3', '4']);
  });

  it('a result written before requiredClassSize existed: k and the prosecutor size, as before', () => {
    const old = minimalResult() as unknown as { thresholdSettings: Record<string, unknown> };
    delete old.thresholdSettings.requiredClassSize;
    const { json } = classSizes(old as unknown as AnalysisResult);
    expect(json.requiredSize).toBe(5);
    expect(flagged(json)).toEqual(['1', '2', '3', '4']);
  });

  it('no class-size threshold (only an average risk): nothing is flagged', () => {
    const r = minimalResult();
    r.thresholdSettings = { averageRisk: 0.5, requiredClassSize: 1, riskLevels: [0.33, 0.2] };
    r.thresholds = [{ name: 'prosecutor.averageRisk', kind: 'averageRisk', model: 'prosecutor', limit: 0.5, value: 0.4, comparison: '<=', pass: true }];
    const { json, html } = classSizes(r);
    expect(json.requiredSize).toBeNull();
    expect(flagged(json)).toEqual([]);
    expect(html).not.toContain('The thresholds require classes');
  });
});
