import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classSizeBands, riskBands } from '../../src/report/bands.js';
import { addMonths, fig, formatDateTime, oneIn } from '../../src/report/figure.js';
import { thresholdRows } from '../../src/report/sections/thresholdRows.js';
import { loadReportTemplate } from '../../src/report/templateDir.js';
import type { SensitiveResult } from '../../src/contracts/measures.js';
import type { LineKind } from '../../src/model/thresholdLine.js';

const labels = loadReportTemplate().labels;

describe('figure formatting (one format per kind of number)', () => {
  it('counts, risks, percentages and measures', () => {
    expect(fig.count(2337).text).toBe('2,337');
    expect(fig.count(4000000).text).toBe('4,000,000');
    expect(fig.estimate(32714.72).text).toBe('about 32,715');
    expect(fig.risk(0.0073475).text).toBe('0.00735');
    expect(fig.risk(0.09).text).toBe('0.09');
    expect(fig.risk(1).text).toBe('1');
    expect(fig.risk(2.092e-5).text).toBe('0.0000209');
    expect(fig.percent(0.58425).text).toBe('58.4%');
    expect(fig.percent(0).text).toBe('0.0%');
    expect(fig.percent(0.0001).text).toBe('below 0.1%');
    expect(fig.measure(8.294049640102028).text).toBe('8.294');
    expect(fig.measure(3999).text).toBe('3,999');
  });

  it('null, NaN and infinities are "not defined" and hold null in the twin', () => {
    for (const x of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      const f = fig.risk(x);
      expect(f.text).toBe('not defined');
      expect(JSON.stringify({ f })).toBe('{"f":null}');
    }
    expect(JSON.stringify({ f: fig.count(12) })).toBe('{"f":12}');
  });

  it('one in N, dates and months', () => {
    expect(oneIn(0.0073475)?.text).toBe('1 in 136');
    expect(oneIn(0.0073475)?.value).toBe(136);
    expect(oneIn(0)).toBeNull();
    expect(formatDateTime('2026-11-22T18:41:28.201Z')).toBe('2026-11-22 18:41 UTC');
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(addMonths(new Date('2028-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe('2028-02-29');
    expect(addMonths(new Date('2026-11-22T18:41:28Z'), 24).toISOString().slice(0, 10)).toBe('2028-11-22');
  });
});

describe('threshold rows', () => {
  it('name the threshold in plain words and never print a failing value like its limit', () => {
    const rows = thresholdRows(
      [
        { name: 'journalist.highestRisk', kind: 'highestRisk', model: 'journalist', limit: 0.09, value: 0.090001, comparison: '<=', pass: false },
        { name: 'k', kind: 'k', limit: 5, value: 3, comparison: '>=', pass: false },
        { name: 'sensitive.diagnosis.recursiveCL(l=3).c', kind: 'recursiveCL', attribute: 'diagnosis', limit: 3, value: 2.5, comparison: '<', pass: true },
        { name: 'future.measure', kind: 'futureKind' as LineKind, limit: 1, value: 0.5, comparison: '<=', pass: true },
      ],
      labels,
      { diagnosis: { recursiveCL: { l: 3, c: 2.5 } } as SensitiveResult },
    );
    expect(rows[0].label).toBe('Highest record risk, journalist model');
    expect(rows[0].limit.text).toBe('0.09');
    expect(rows[0].value.text).not.toBe('0.09');
    expect(Number(rows[0].value.text)).toBeGreaterThan(0.09);
    expect(rows[0].status).toBe('FAIL');
    expect(rows[1].comparison).toBe('at least');
    expect(rows[2].label).toBe('Recursive (c, l = 3)-diversity of diagnosis: c');
    expect(rows[2].comparison).toBe('below');
    // a kind this version does not know (a newer analysis) prints its name
    expect(rows[3].label).toBe('future.measure');
  });
});

describe('bands', () => {
  it('class-size bands, hand-computed, with a cut at the required size', () => {
    const h: [number, number][] = [
      [1, 200],
      [2, 100],
      [7, 10],
      [12, 3],
    ];
    const bands = classSizeBands(h, 12);
    expect(bands.map((b) => [b.from, b.to, b.classes, b.records])).toEqual([
      [1, 1, 200, 200],
      [2, 2, 100, 200],
      [3, 3, 0, 0],
      [4, 4, 0, 0],
      [5, 5, 0, 0],
      [6, 10, 10, 70],
      [11, 11, 0, 0],
      [12, 20, 3, 36],
    ]);
  });

  it('risk bands from "records above" counts, hand-computed', () => {
    // 1,000 records: 550 above 0.33, 650 above 0.2, 800 above 0.09 and 0.05
    const bands = riskBands({ '0.33': 550, '0.2': 650, '0.09': 800, '0.05': 800 }, [0.05, 0.33, 0.2, 0.09], 1000);
    expect(bands).toEqual([
      { lower: 0.33, upper: null, records: 550 },
      { lower: 0.2, upper: 0.33, records: 100 },
      { lower: 0.09, upper: 0.2, records: 150 },
      { lower: 0.05, upper: 0.09, records: 0 },
      { lower: null, upper: 0.05, records: 200 },
    ]);
  });

  it('the bands of any class-size histogram add up to its classes and records', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (sizes, cut) => {
        const h = sizes.map((s, i): [number, number] => [s, (i % 7) + 1]);
        const bands = classSizeBands(h, cut);
        expect(bands.reduce((a, b) => a + b.classes, 0)).toBe(h.reduce((a, [, c]) => a + c, 0));
        expect(bands.reduce((a, b) => a + b.records, 0)).toBe(h.reduce((a, [s, c]) => a + s * c, 0));
        // no band straddles the cut
        expect(bands.every((b) => !(b.from < cut && b.to >= cut))).toBe(true);
      }),
    );
  });
});
