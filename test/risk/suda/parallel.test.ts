import { describe, expect, it } from 'vitest';
import { computeSuda, computeSudaParallel } from '../../../src/risk/suda/disSuda.js';
import { suda2 } from '../../../src/risk/suda/suda2/api.js';
import { suda2Parallel } from '../../../src/risk/suda/worker.js';
import { tableOfRecords } from './helpers.js';

/** Pseudo-random records: QI q has cards[q] values, skewed; code 0 of QI 2 is missing. */
function randomRecords(n: number, cards: number[], seed: number): number[][] {
  let x = seed;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
  return Array.from({ length: n }, () => cards.map((c, q) => Math.floor(c * Math.pow(rnd(), 1 + q / 3))));
}

describe('suda2Parallel (worker threads)', () => {
  it('equals suda2 exactly, missing values included', async () => {
    const t = tableOfRecords(randomRecords(6000, [40, 2, 6, 300, 6, 12, 9], 7), [-1, -1, 0, -1, -1, -1, -1]);
    const ref = suda2(t);
    const par = await suda2Parallel(t, { threads: 2, minGroups: 0 });
    expect(par.maxMsuSize).toBe(ref.maxMsuSize);
    expect(par.msuBySize).toEqual(ref.msuBySize);
    expect(Array.from(par.msuCounts)).toEqual(Array.from(ref.msuCounts));
    const scores = await computeSudaParallel(t, { threads: 2, minGroups: 0, maxMsuSize: 4 });
    const single = computeSuda(t, { maxMsuSize: 4 });
    expect(Array.from(scores.sudaScore)).toEqual(Array.from(single.sudaScore));
    expect(Array.from(scores.disScore)).toEqual(Array.from(single.disScore));
    expect(scores.summary).toEqual(single.summary);
  });

  it('falls back to suda2 for small tables', async () => {
    const t = tableOfRecords(randomRecords(200, [5, 2, 4], 3));
    const par = await suda2Parallel(t, { threads: 2 });
    expect(Array.from(par.msuCounts)).toEqual(Array.from(suda2(t).msuCounts));
  });
});
