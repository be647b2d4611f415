/**
 * The closed-form sensitivities (src/dp/sensitivity.ts) against brute force: every way one
 * privacy unit with up to m records can change a table of 3 cells.
 */
import { describe, expect, it } from 'vitest';
import { countSensitivity, tableSensitivity } from '../../src/dp/sensitivity.js';

const CELLS = 3;

/** All contribution vectors of up to m records with values in [lo, hi]. */
function contributions(m: number, lo: number, hi: number): number[][] {
  const out: number[][] = [];
  const rec = (left: number, v: number[]) => {
    out.push([...v]);
    if (left === 0) return;
    for (let c = 0; c < CELLS; c++) {
      for (let x = lo; x <= hi; x++) {
        v[c] += x;
        rec(left - 1, v);
        v[c] -= x;
      }
    }
  };
  rec(m, new Array(CELLS).fill(0));
  return out;
}

function bruteForce(neighbours: 'addRemove' | 'replace', m: number, lo: number, hi: number): { l1: number; l2Squared: number } {
  const all = contributions(m, lo, hi);
  let l1 = 0;
  let l2 = 0;
  const consider = (d: number[]) => {
    l1 = Math.max(l1, d.reduce((s, x) => s + Math.abs(x), 0));
    l2 = Math.max(l2, d.reduce((s, x) => s + x * x, 0));
  };
  if (neighbours === 'addRemove') all.forEach(consider);
  else for (const a of all) for (const b of all) consider(a.map((x, i) => x - b[i]));
  return { l1, l2Squared: l2 };
}

describe('table sensitivity', () => {
  const cases: [number, number, number][] = [
    [1, 1, 1],
    [2, 1, 1],
    [1, 0, 3],
    [2, 0, 3],
    [2, -2, 3],
    [2, -3, -1],
    [1, -1, 1],
    [2, -2, 2],
  ];
  it.each(cases)('m=%i, values in [%i, %i] matches brute force for addRemove and replace', (m, lo, hi) => {
    for (const nb of ['addRemove', 'replace'] as const) {
      const got = tableSensitivity(nb, BigInt(m), BigInt(lo), BigInt(hi));
      const want = bruteForce(nb, m, lo, hi);
      expect({ nb, l1: Number(got.l1), l2Squared: Number(got.l2Squared) }).toEqual({ nb, ...want });
    }
  });

  it('counts: l1 = m, 2m; l2^2 = m^2, 2m^2', () => {
    expect(countSensitivity('addRemove', 3n)).toEqual({ l1: 3n, l2Squared: 9n });
    expect(countSensitivity('replace', 3n)).toEqual({ l1: 6n, l2Squared: 18n });
  });
});
