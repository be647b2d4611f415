import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type FrequencyOfFrequencies,
  type UniquenessEstimate,
  frequencyOfFrequencies,
} from '../../../src/risk/population/frequencyOfFrequencies.js';
import { dankar } from '../../../src/risk/population/dankar.js';
import { pitman } from '../../../src/risk/population/pitman.js';
import { snb } from '../../../src/risk/population/snb.js';
import { zayatz } from '../../../src/risk/population/zayatz.js';
import { bernoulliSample, pitmanPopulation, rng, shuffled } from './helpers.js';

const estimators: [string, (fof: FrequencyOfFrequencies, N: number) => UniquenessEstimate][] = [
  ['zayatz', zayatz],
  ['pitman', pitman],
  ['snb', snb],
  ['dankar', dankar],
];

/** Either a finite count in [0, N] with fraction = count/N in [0, 1], or null + a note. Never NaN. */
function expectSane(e: UniquenessEstimate, N: number): void {
  if (e.valid) {
    expect(typeof e.count).toBe('number');
    const c = e.count as number;
    const f = e.fraction as number;
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThanOrEqual(N);
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThanOrEqual(1);
    expect(Math.abs(f - c / N)).toBeLessThanOrEqual(1e-15);
  } else {
    expect(e.count).toBeNull();
    expect(e.fraction).toBeNull();
    expect(typeof e.note).toBe('string');
    expect((e.note as string).length).toBeGreaterThan(10);
  }
}

/** Class sizes of one of several shapes, K classes, deterministic in the seed. */
function generatedSizes(seed: number, K: number, shape: number, param: number): Int32Array {
  const r = rng(seed);
  const out = new Int32Array(K);
  for (let k = 0; k < K; k++) {
    const u = r();
    let v: number;
    switch (shape) {
      case 0: // geometric, mean 1 + param
        v = 1 + Math.floor(-Math.log(1 - u) * param);
        break;
      case 1: // Pareto tail, index in (0.3, 2.3)
        v = Math.floor(Math.pow(1 - u, -1 / (0.3 + param / 5)));
        break;
      case 2: // many uniques plus large classes
        v = u < 0.3 + param / 20 ? 1 : 1 + Math.floor(r() * 200);
        break;
      default: // few uniques
        v = u < 0.05 ? 1 : u < 0.06 ? 2 : 3 + Math.floor(r() * 30 * param);
    }
    out[k] = Math.min(Math.max(v, 1), 1_000_000);
  }
  return out;
}

const logUniformPi = fc.double({ min: Math.log(0.001), max: Math.log(0.5), noNaN: true }).map(Math.exp);

describe('population estimators: robustness (properties)', () => {
  it('generated tables with many classes, pi in 0.001..0.5: valid estimates in [0, N], else null + note', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        logUniformPi,
        (seed, K, shape, param, pi) => {
          const fof = frequencyOfFrequencies(generatedSizes(seed, K, shape, param));
          const N = fof.records / pi;
          for (const [, est] of estimators) expectSane(est(fof, N), N);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('samples of simulated Pitman populations: the same guarantees, Pitman and SNB never NaN', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 20_000, max: 200_000 }),
        logUniformPi,
        (seed, theta, alpha, N, pi) => {
          const r = rng(seed);
          const fof = frequencyOfFrequencies(bernoulliSample(pitmanPopulation(N, theta, alpha, r), pi, r));
          for (const [, est] of estimators) expectSane(est(fof, N), N);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('are invariant under a permutation of the classes', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 2, max: 3000 }), fc.integer({ min: 0, max: 3 }), logUniformPi, (seed, K, shape, pi) => {
        const sizes = generatedSizes(seed, K, shape, 3);
        const a = frequencyOfFrequencies(sizes);
        const b = frequencyOfFrequencies(shuffled(sizes, rng(seed + 1)));
        const N = a.records / pi;
        for (const [, est] of estimators) expect(est(b, N)).toEqual(est(a, N));
      }),
      { numRuns: 30 },
    );
  });

  it('N beyond 2^31 works (no int overflow)', () => {
    const sizes = generatedSizes(1, 5000, 1, 3);
    const fof = frequencyOfFrequencies(sizes);
    const N = 3.2e9;
    for (const [, est] of estimators) expectSane(est(fof, N), N);
    expect(zayatz(fof, N).valid).toBe(true);
  });
});
