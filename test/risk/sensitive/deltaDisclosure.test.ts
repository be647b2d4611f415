import { describe, expect, it } from 'vitest';
import { classHistogramsOf } from '../../../src/risk/sensitive/classHistograms.js';
import { deltaDisclosure, satisfiesDeltaDisclosure } from '../../../src/risk/sensitive/deltaDisclosure.js';
import { main } from './fixtures.js';

describe('deltaDisclosure', () => {
  it('is the largest |ln(class share / table share)| over present values', () => {
    // table share 1/3 each
    // single: |ln(1 / (1/3))| = ln 3 = 1.0986
    // pair:   |ln((1/2) / (1/3))| = ln 1.5 = 0.4055
    // mirror: ln 1 = 0
    const r = deltaDisclosure(main());
    expect(r.delta).toBeCloseTo(Math.log(3), 14);
    expect(r.worstClass).toBe(0);
    expect(r.worstValue).toBe(0);
  });

  it('counts decreases as well as increases', () => {
    // T = (4, 4), n = 8; class {0: 1, 1: 3}: |ln(1/4 / 1/2)| = ln 2, |ln(3/4 / 1/2)| = ln 1.5
    const h = classHistogramsOf(2, [[[0, 1], [1, 3]], [[0, 3], [1, 1]]]);
    expect(deltaDisclosure(h).delta).toBeCloseTo(Math.LN2, 14);
  });

  it('is strict: delta itself fails, anything above passes', () => {
    const d = deltaDisclosure(main()).delta;
    expect(satisfiesDeltaDisclosure(main(), d)).toBe(false);
    expect(satisfiesDeltaDisclosure(main(), d + 1e-9)).toBe(true);
  });

  it('is exactly 0 for a single class', () => {
    const h = classHistogramsOf(3, [[[0, 7], [1, 2], [2, 11]]]);
    expect(deltaDisclosure(h)).toEqual({ delta: 0, worstClass: 0, worstValue: 0 });
  });
});
