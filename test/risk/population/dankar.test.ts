import { describe, expect, it } from 'vitest';
import { frequencyOfFrequencies } from '../../../src/risk/population/frequencyOfFrequencies.js';
import { dankar } from '../../../src/risk/population/dankar.js';
import { pitman } from '../../../src/risk/population/pitman.js';
import { snb } from '../../../src/risk/population/snb.js';
import { zayatz } from '../../../src/risk/population/zayatz.js';
import { bernoulliSample, pitmanPopulation, rng } from './helpers.js';

const fofOf = (sizes: ArrayLike<number>) => frequencyOfFrequencies(Int32Array.from(sizes));

describe('dankar decision rule', () => {
  const r = rng(5);
  const N = 300_000;
  const pop = pitmanPopulation(N, 300, 0.5, r);

  it('c_1 = 0: 0 population uniques, model none', () => {
    expect(dankar(fofOf([2, 2, 4]), 1000)).toMatchObject({ count: 0, fraction: 0, valid: true, model: 'none' });
  });

  it('pi <= 0.1: Pitman when valid (pi = 0.1 included)', () => {
    const fof = fofOf(bernoulliSample(pop, 0.05, r));
    const d = dankar(fof, N);
    expect(d.model).toBe('pitman');
    expect(d.count).toBe(pitman(fof, N).count);
    const small = fofOf([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 5, 8]);
    const n = small.records;
    expect(dankar(small, n / 0.1).model).toBe('pitman');
  });

  it('pi <= 0.1 and Pitman invalid: Zayatz, with the reason', () => {
    const fof = fofOf([...Array(10).fill(1), ...Array(20).fill(2), ...Array(20).fill(3)]);
    const N2 = fof.records * 100;
    const d = dankar(fof, N2);
    expect(d.model).toBe('zayatz');
    expect(d.count).toBe(zayatz(fof, N2).count);
    expect(d.note).toMatch(/Pitman is invalid.*boundary alpha = 0/);
    expect(d.pitman?.valid).toBe(false);
  });

  it('pi > 0.1: the smaller of Zayatz and SNB', () => {
    const fof = fofOf(bernoulliSample(pop, 0.3, r));
    const d = dankar(fof, N);
    const z = zayatz(fof, N).count as number;
    const s = snb(fof, N).count as number;
    expect(d.count).toBe(Math.min(z, s));
    expect(d.model).toBe(s < z ? 'snb' : 'zayatz');
    expect(d.zayatz?.valid && d.snb?.valid).toBe(true);
  });

  it('pi > 0.1 and SNB invalid: Zayatz', () => {
    const fof = fofOf([1, 1, 1, 3, 4]); // c_2 = 0
    const d = dankar(fof, 20);
    expect(d.model).toBe('zayatz');
    expect(d.count).toBe(zayatz(fof, 20).count);
    expect(d.note).toMatch(/SNB is invalid/);
  });

  it('pi >= 1: invalid, no model', () => {
    expect(dankar(fofOf([1, 2]), 3)).toMatchObject({ valid: false, count: null, model: null });
  });
});
