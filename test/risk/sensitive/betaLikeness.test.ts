import { describe, expect, it } from 'vitest';
import { classHistogramsOf } from '../../../src/risk/sensitive/classHistograms.js';
import {
  basicBetaLikeness,
  enhancedBetaLikeness,
  satisfiesBasicBetaLikeness,
  satisfiesEnhancedBetaLikeness,
} from '../../../src/risk/sensitive/betaLikeness.js';
import { main } from './fixtures.js';

// Paper letters: p_i = table share, q_i = class share, D = (q_i - p_i) / p_i for q_i > p_i.
describe('beta-likeness on the main fixture (p = (1/3, 1/3, 1/3))', () => {
  // single: q_0 = 1   -> D = (1 - 1/3) / (1/3) = 2
  // pair:   q_1 = q_2 = 1/2 -> D = (1/2 - 1/3) / (1/3) = 1/2
  // mirror: q = p     -> no gain
  it('basic = 2, from the single class', () => {
    const r = basicBetaLikeness(main());
    expect(r.beta).toBeCloseTo(2, 14);
    expect(r.worstClass).toBe(0);
    expect(r.worstValue).toBe(0);
    expect(satisfiesBasicBetaLikeness(main(), 2)).toBe(true);
    expect(satisfiesBasicBetaLikeness(main(), 1.999)).toBe(false);
  });

  it('enhanced is unattainable: gain 2 > -ln(1/3) = 1.0986', () => {
    const r = enhancedBetaLikeness(main());
    expect(r).toEqual({ beta: Infinity, worstClass: 0, worstValue: 0, capViolations: 1 });
    expect(satisfiesEnhancedBetaLikeness(main(), 100)).toBe(false);
  });
});

describe('enhanced beta-likeness within the caps', () => {
  // classes A = {0: 1, 1: 1}, B = {1: 1, 2: 1}, C = {0: 1, 2: 1}: T = (2, 2, 2), n = 6, p = 1/3 each
  // every class share is 1/2 -> D = (1/2 - 1/3) / (1/3) = 1/2 <= -ln(1/3) = 1.0986
  const h = classHistogramsOf(3, [[[0, 1], [1, 1]], [[1, 1], [2, 1]], [[0, 1], [2, 1]]]);
  it('equals basic beta', () => {
    const b = basicBetaLikeness(h);
    const e = enhancedBetaLikeness(h);
    expect(b.beta).toBeCloseTo(0.5, 14);
    expect(e.beta).toBe(b.beta);
    expect(e.capViolations).toBe(0);
    expect(satisfiesEnhancedBetaLikeness(h, 0.5)).toBe(true);
    expect(satisfiesEnhancedBetaLikeness(h, 0.49)).toBe(false);
  });

  it('caps frequent values at -ln p', () => {
    // T = (3, 1), n = 4: p_0 = 3/4, cap -ln(3/4) = 0.2877; class {0: 1} has q_0 = 1
    // D = (1 - 3/4) / (3/4) = 1/3 > 0.2877 -> unattainable even though basic beta = 1/3
    const f = classHistogramsOf(2, [[[0, 1]], [[0, 2], [1, 1]]]);
    expect(basicBetaLikeness(f).beta).toBeCloseTo(1 / 3, 14);
    expect(enhancedBetaLikeness(f).beta).toBe(Infinity);
    expect(satisfiesBasicBetaLikeness(f, 0.34)).toBe(true);
    expect(satisfiesEnhancedBetaLikeness(f, 0.34)).toBe(false);
  });
});

describe('beta-likeness edge cases', () => {
  it('is 0 for a single class (the table mirrors itself)', () => {
    const h = classHistogramsOf(3, [[[0, 5], [1, 2], [2, 9]]]);
    expect(basicBetaLikeness(h)).toEqual({ beta: 0, worstClass: -1, worstValue: -1 });
    expect(enhancedBetaLikeness(h).beta).toBe(0);
  });

  it('validates beta', () => {
    expect(() => satisfiesBasicBetaLikeness(main(), -1)).toThrow(RangeError);
    expect(() => satisfiesEnhancedBetaLikeness(main(), Number.NaN)).toThrow(RangeError);
  });
});
