import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prosecutorRisk } from '../../src/risk/adversary/prosecutor.js';
import { journalistRisk } from '../../src/risk/adversary/journalist.js';
import { marketerRisk } from '../../src/risk/adversary/marketer.js';
import { partitionSizes } from '../../src/risk/classSizes.js';
import { classPopulationSizes, populationFrame } from '../../src/risk/verdict/frame.js';
import { summarizeClasses } from '../../src/risk/classes.js';
import { tableFromRecords, tenRecords } from './fixtures.js';

const levels = [0.5, 0.33, 0.2];

describe('prosecutor risk', () => {
  it('matches the hand-computed ten-record fixture (sizes 3,1,2,4)', () => {
    const p = prosecutorRisk(partitionSizes(tenRecords), levels);
    expect(p.highest).toBe(1); // 1/min f = 1/1
    expect(p.lowest).toBe(0.25); // 1/max f = 1/4
    expect(p.average).toBeCloseTo(0.4, 15); // K/n = 4/10
    expect(p.recordsAtHighest).toBe(1);
    expect(p.recordsAtLowest).toBe(4);
    // risk > 0.5: f=1 only (1/2 is not above 0.5) -> 1; > 0.33: f=1,2,3 (1/3 = 0.333 > 0.33) -> 6; > 0.2: all -> 10
    expect(p.recordsAbove).toEqual({ '0.5': 1, '0.33': 6, '0.2': 10 });
  });

  it('a risk equal to the threshold is not above it (f = 5, t = 0.2)', () => {
    const t = tableFromRecords(Array.from({ length: 5 }, () => [7]), 1);
    expect(prosecutorRisk(partitionSizes(t), [0.2]).recordsAbove['0.2']).toBe(0);
  });
});

describe('journalist and marketer risk', () => {
  it('from a sampling fraction: F = f / pi (pi = 0.5 -> F = 6,2,4,8)', () => {
    const cs = partitionSizes(tenRecords);
    const frame = populationFrame({ samplingFraction: 0.5 }, cs.n);
    const pop = classPopulationSizes(frame, cs);
    expect([...pop.sizes]).toEqual([6, 2, 4, 8]);
    expect(frame.size).toBe(20);
    const j = journalistRisk(cs, pop.sizes, frame.size, levels);
    expect(j.highest).toBe(0.5);
    expect(j.lowest).toBe(0.125);
    expect(j.recordsAtHighest).toBe(1);
    expect(j.recordsAtLowest).toBe(4);
    // max(K / sum F, sum(f/F)/n) = max(4/20, (4 x 0.5)/10) = 0.2
    expect(j.average).toBeCloseTo(0.2, 15);
    expect(j.recordsAbove).toEqual({ '0.5': 0, '0.33': 1, '0.2': 3 });
    expect(j.populationSize).toBe(20);
    expect(marketerRisk(cs, pop.sizes).expected).toBeCloseTo(0.2, 15);
  });

  it('from a population table, with an absent class falling back to F = f', () => {
    const cs = partitionSizes(tenRecords);
    // table counts per class: 3, 10, absent (-1), 100
    const frame = populationFrame({ table: {} }, cs.n, 115);
    expect(frame.samplingFraction).toBeCloseTo(10 / 115, 15);
    const pop = classPopulationSizes(frame, cs, Float64Array.from([3, 10, -1, 100]));
    expect([...pop.sizes]).toEqual([3, 10, 2, 100]);
    expect(pop.inconsistent).toBe(1);
    const j = journalistRisk(cs, pop.sizes, 115, levels);
    expect(j.highest).toBe(0.5);
    // max(4/115, (3/3 + 1/10 + 2/2 + 4/100)/10 = 0.214)
    expect(j.average).toBeCloseTo(0.214, 12);
    expect(marketerRisk(cs, pop.sizes).expected).toBeCloseTo(0.214, 12);
  });

  it('without a population (pi = 1) journalist and marketer equal prosecutor', () => {
    const cs = partitionSizes(tenRecords);
    const frame = populationFrame(undefined, cs.n);
    expect(frame.source).toBe('none');
    const pop = classPopulationSizes(frame, cs);
    const p = prosecutorRisk(cs, levels);
    const j = journalistRisk(cs, pop.sizes, frame.size, levels);
    expect(j.highest).toBe(p.highest);
    expect(j.average).toBeCloseTo(p.average, 15);
    expect(marketerRisk(cs, pop.sizes).expected).toBeCloseTo(p.average, 15);
  });
});

describe('risk invariants (property tests)', () => {
  const records = fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 80 });
  const fraction = fc.double({ min: 0.001, max: 1, noNaN: true });

  it('1/k is the highest prosecutor risk and the average is K/n', () => {
    fc.assert(
      fc.property(records, (recs) => {
        const cs = partitionSizes(tableFromRecords(recs, 2));
        const s = summarizeClasses(cs);
        const p = prosecutorRisk(cs, levels);
        expect(p.highest).toBe(1 / s.k);
        expect(p.average).toBeCloseTo(s.count / recs.length, 12);
      }),
    );
  });

  it('every risk lies in [0, 1] and journalist <= prosecutor', () => {
    fc.assert(
      fc.property(records, fraction, (recs, pi) => {
        const cs = partitionSizes(tableFromRecords(recs, 2));
        const frame = populationFrame({ samplingFraction: pi }, cs.n);
        const pop = classPopulationSizes(frame, cs);
        const p = prosecutorRisk(cs, levels);
        const j = journalistRisk(cs, pop.sizes, frame.size, levels);
        const m = marketerRisk(cs, pop.sizes);
        for (const x of [p.highest, p.lowest, p.average, j.highest, j.lowest, j.average, m.expected]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
        expect(j.highest).toBeLessThanOrEqual(p.highest);
        expect(m.expected).toBeLessThanOrEqual(p.average + 1e-12);
        for (const t of levels) expect(j.recordsAbove[String(t)]).toBeLessThanOrEqual(p.recordsAbove[String(t)]);
      }),
    );
  });
});
