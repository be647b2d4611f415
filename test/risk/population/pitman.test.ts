import { describe, expect, it } from 'vitest';
import { frequencyOfFrequencies } from '../../../src/risk/population/frequencyOfFrequencies.js';
import { logGamma } from '../../../src/risk/population/numeric.js';
import { pitman } from '../../../src/risk/population/pitman.js';
import { bernoulliSample, goldenMax, pitmanLogLikelihood, pitmanPopulation, rng } from './helpers.js';

const fofOf = (sizes: ArrayLike<number>) => frequencyOfFrequencies(Int32Array.from(sizes));

/** Brute-force ML by the term-by-term likelihood: grid over alpha, golden section over ln(theta + alpha). */
function bruteForceMle(sizes: number[]): { theta: number; alpha: number; l: number } {
  const profile = (alpha: number) => {
    const u = goldenMax((v) => pitmanLogLikelihood(sizes, -alpha + Math.exp(v), alpha), -25, 20, 120);
    const theta = -alpha + Math.exp(u);
    return { theta, l: pitmanLogLikelihood(sizes, theta, alpha) };
  };
  const alpha = goldenMax((a) => profile(a).l, 1e-6, 1 - 1e-6, 120);
  const { theta, l } = profile(alpha);
  return { theta, alpha, l };
}

describe('pitman: maximum likelihood', () => {
  const tables: number[][] = [
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 5, 8],
    [1, 1, 1, 1, 1, 1, 1, 2, 1, 3, 1, 1, 4, 1, 2],
    [1, 2, 1, 1, 6, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 12, 1, 1, 2],
  ];

  it.each(tables.map((t, i) => [i, t] as const))('table %i: matches a brute-force maximisation', (_i, sizes) => {
    const p = pitman(fofOf(sizes), 1e6);
    const bf = bruteForceMle(sizes);
    expect(p.valid).toBe(true);
    expect(p.solver).toBe('newton');
    const l = pitmanLogLikelihood(sizes, p.theta as number, p.alpha as number);
    expect(l).toBeGreaterThanOrEqual(bf.l - 1e-9);
    expect(Math.abs((p.alpha as number) - bf.alpha)).toBeLessThan(1e-4);
    expect(Math.abs((p.theta as number) - bf.theta)).toBeLessThan(1e-3 * Math.max(1, bf.theta));
  });

  it('the fitted point zeroes the term-by-term score (finite differences)', () => {
    const sizes = tables[2];
    const p = pitman(fofOf(sizes), 5e4);
    const t = p.theta as number;
    const a = p.alpha as number;
    const h = 1e-6;
    const dT = (pitmanLogLikelihood(sizes, t + h, a) - pitmanLogLikelihood(sizes, t - h, a)) / (2 * h);
    const dA = (pitmanLogLikelihood(sizes, t, a + h) - pitmanLogLikelihood(sizes, t, a - h)) / (2 * h);
    expect(Math.abs(dT)).toBeLessThan(1e-6);
    expect(Math.abs(dA)).toBeLessThan(1e-6);
  });

  it('reports U = Gamma(theta+1)/Gamma(theta+alpha) N^alpha', () => {
    const N = 2_500_000;
    const p = pitman(fofOf(tables[0]), N);
    const t = p.theta as number;
    const a = p.alpha as number;
    const u = Math.exp(logGamma(t + 1) - logGamma(t + a)) * Math.pow(N, a);
    expect(p.count).toBeCloseTo(u, 6);
    expect(p.fraction).toBeCloseTo(u / N, 12);
  });

  it('the profile-likelihood fallback finds the same maximum as Newton', () => {
    const fof = fofOf(tables[1]);
    const newton = pitman(fof, 1e5);
    const fallback = pitman(fof, 1e5, { maxIterations: 0 });
    expect(fallback.solver).toBe('profile');
    expect(fallback.alpha as number).toBeCloseTo(newton.alpha as number, 8);
    expect(fallback.theta as number).toBeCloseTo(newton.theta as number, 6);
    expect(fallback.count as number).toBeCloseTo(newton.count as number, 4);
  });
});

describe('pitman: undefined cases', () => {
  it('all-unique: the likelihood rises to alpha = 1', () => {
    const p = pitman(fofOf([1, 1, 1, 1, 1]), 1000);
    expect(p).toMatchObject({ count: null, fraction: null, valid: false, theta: null, alpha: null });
    expect(p.note).toMatch(/every record is a sample unique.*alpha = 1/);
  });

  it('few uniques relative to pairs: the maximum is at the boundary alpha = 0', () => {
    // c_2/c_1 = 2 > 1/2, the largest ratio a Pitman law with alpha > 0 has.
    const sizes = [...Array(10).fill(1), ...Array(20).fill(2), ...Array(20).fill(3), ...Array(10).fill(4)];
    // Independently: the term-by-term profile likelihood decreases in alpha.
    const prof = (alpha: number) =>
      pitmanLogLikelihood(sizes, -alpha + Math.exp(goldenMax((v) => pitmanLogLikelihood(sizes, -alpha + Math.exp(v), alpha), -25, 20, 120)), alpha);
    expect(prof(0.001)).toBeGreaterThan(prof(0.05));
    expect(prof(0.05)).toBeGreaterThan(prof(0.3));
    const p = pitman(fofOf(sizes), 1e5);
    expect(p.valid).toBe(false);
    expect(p.note).toMatch(/boundary alpha = 0/);
    // A small mixed table can be a boundary case too (checked by brute force).
    const small = [1, 1, 1, 1, 1, 2, 2, 3, 5, 8];
    const profSmall = (alpha: number) =>
      pitmanLogLikelihood(small, -alpha + Math.exp(goldenMax((v) => pitmanLogLikelihood(small, -alpha + Math.exp(v), alpha), -25, 20, 120)), alpha);
    expect(profSmall(0.001)).toBeGreaterThan(profSmall(0.1));
    expect(pitman(fofOf(small), 1e6).note).toMatch(/boundary alpha = 0/);
  });

  it('c_1 = 0 gives 0; pi >= 1 is invalid', () => {
    expect(pitman(fofOf([2, 2, 5]), 100)).toMatchObject({ count: 0, valid: true });
    expect(pitman(fofOf([1, 2, 5]), 8).valid).toBe(false);
  });
});

describe('pitman: simulated Pitman populations', () => {
  it('recovers alpha and the population uniques', () => {
    const r = rng(20240601);
    const N = 400_000;
    const pop = pitmanPopulation(N, 200, 0.6, r);
    let trueUniques = 0;
    for (const F of pop) if (F === 1) trueUniques++;
    const sample = bernoulliSample(pop, 0.02, r);
    const p = pitman(fofOf(sample), N);
    expect(p.valid).toBe(true);
    expect(Math.abs((p.alpha as number) - 0.6)).toBeLessThan(0.05);
    expect(Math.abs((p.count as number) - trueUniques) / trueUniques).toBeLessThan(0.15);
  });

  it('with more than 65536 classes (closed-form sums) the score vanishes term by term', () => {
    const r = rng(7);
    const N = 2_000_000;
    const pop = pitmanPopulation(N, 50_000, 0.5, r);
    const sample = Array.from(bernoulliSample(pop, 0.2, r));
    const fof = fofOf(sample);
    expect(fof.classes).toBeGreaterThan(65536);
    const p = pitman(fof, N);
    expect(p.valid).toBe(true);
    const t = p.theta as number;
    const a = p.alpha as number;
    // Term-by-term score components and their scales.
    let sK = 0;
    let sKi = 0;
    for (let i = 1; i < fof.classes; i++) {
      sK += 1 / (t + i * a);
      sKi += i / (t + i * a);
    }
    let sN = 0;
    for (let i = 1; i < fof.records; i++) sN += 1 / (t + i);
    let sC = 0;
    for (const f of sample) for (let j = 1; j < f; j++) sC += 1 / (j - a);
    expect(Math.abs(sK - sN) / sN).toBeLessThan(1e-8);
    expect(Math.abs(sKi - sC) / sC).toBeLessThan(1e-8);
  });
});
