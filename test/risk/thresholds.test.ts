import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minSafeClassSize } from '../../src/risk/adversary/prosecutor.js';
import { line, verdictOf } from '../../src/risk/verdict/lineKinds.js';
import { resolveThresholds } from '../../src/config/thresholds.js';

describe('minSafeClassSize', () => {
  it('is exact where 1/t is not an integer', () => {
    expect(minSafeClassSize(0.09)).toBe(12); // 1/11 = 0.0909 > 0.09
    expect(minSafeClassSize(0.2)).toBe(5); // 1/5 = 0.2 meets 0.2
    expect(minSafeClassSize(0.33)).toBe(4); // 1/3 = 0.333 > 0.33
    expect(minSafeClassSize(0.075)).toBe(14); // 1/13 = 0.0769
    expect(minSafeClassSize(0.05)).toBe(20);
    expect(minSafeClassSize(1)).toBe(1);
  });

  it('is the smallest f with 1/f <= t', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.0005, max: 1, noNaN: true }), (t) => {
        const f = minSafeClassSize(t);
        expect(1 / f).toBeLessThanOrEqual(t);
        if (f > 1) expect(1 / (f - 1)).toBeGreaterThan(t);
      }),
    );
  });
});

describe('threshold lines and verdict', () => {
  it('compares in the stated direction, boundary included', () => {
    expect(line('k', 5, 5).pass).toBe(true);
    expect(line('k', 4, 5).pass).toBe(false);
    expect(line('highestRisk', 0.2, 0.2, { model: 'prosecutor' })).toMatchObject({ name: 'prosecutor.highestRisk', comparison: '<=', pass: true });
    expect(line('highestRisk', 0.25, 0.2, { model: 'prosecutor' }).pass).toBe(false);
    expect(line('deltaDisclosure', 0.5, 0.5, { attribute: 'dx' })).toMatchObject({ name: 'sensitive.dx.delta', comparison: '<', pass: false });
    expect(line('recursiveCL', 2, 3, { attribute: 'dx', l: 2 }).name).toBe('sensitive.dx.recursiveCL(l=2).c');
    expect(verdictOf([line('k', 5, 5), line('globalRisk', 0.3, 0.2)])).toBe('fail');
    expect(verdictOf([line('k', 5, 5)])).toBe('pass');
  });

  it('fills thresholds from a preset, explicit values winning', () => {
    const r = resolveThresholds({ preset: 'public', averageRisk: 0.03 });
    expect(r.highestRisk).toBe(0.09);
    expect(r.averageRisk).toBe(0.03);
    expect(r.riskLevels).toEqual([0.33, 0.2, 0.09, 0.075, 0.05]);
    expect(resolveThresholds({ highestRisk: 0.1 }).riskLevels).toContain(0.1);
    expect(resolveThresholds({ preset: 'private' }).highestRisk).toBe(0.33);
  });
});
