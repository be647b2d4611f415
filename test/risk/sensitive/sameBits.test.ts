/**
 * The fast paths of the attribute measures give the very bits of their textbook loops:
 * ordered-distance t (Q_i formed once, P_i only where the class has a value, one-value
 * classes computed once per value), recursive (c,l) (in-place sorts, the line's pass answered
 * from cMin) and entropy (one-value classes at 0), on random histograms where most classes
 * have one value, as in high-cardinality data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classHistogramsOf, valueTotals } from '../../../src/risk/sensitive/classHistograms.js';
import type { ClassHistograms } from '../../../src/model/classHistograms.js';
import { orderedDistanceT } from '../../../src/risk/sensitive/tCloseness.js';
import { recursiveCL, satisfiesRecursiveCL, satisfiesRecursiveCLWith } from '../../../src/risk/sensitive/recursiveCL.js';
import { classEntropies } from '../../../src/risk/sensitive/entropyL.js';
import { ExactSum } from '../../../src/risk/exactSum.js';

/** m values; up to 40 classes, most with one value, some with up to 40 (insertion and typed-array sorts). */
const caseArb = fc.integer({ min: 1, max: 50 }).chain((m) =>
  fc.record({
    m: fc.constant(m),
    classes: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: m - 1 }), fc.integer({ min: 1, max: 1000 })).map((e) => [e]) },
        { weight: 1, arbitrary: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: m - 1 }), fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: m, selector: (e) => e[0] }) },
      ),
      { minLength: 1, maxLength: 40 },
    ),
  }),
);

/** The ordered distance of each class as the definition's loop: cumulative counts divided at every step. */
function naiveOrdered(h: ClassHistograms): number[] {
  const m = h.valueCount;
  const T = valueTotals(h);
  let n = 0;
  for (const x of T) n += x;
  const out: number[] = [];
  for (let k = 0; k + 1 < h.offsets.length; k++) {
    if (m === 1) {
      out.push(0);
      continue;
    }
    const dense = new Float64Array(m);
    let nk = 0;
    for (let e = h.offsets[k]; e < h.offsets[k + 1]; e++) {
      dense[h.values[e]] = h.counts[e];
      nk += h.counts[e];
    }
    let cumClass = 0;
    let cumTable = 0;
    let s = 0;
    for (let i = 0; i < m - 1; i++) {
      cumClass += dense[i];
      cumTable += T[i];
      s += Math.abs(cumClass / nk - cumTable / n);
    }
    const d = s / (m - 1);
    out.push(d < 0 ? 0 : d > 1 ? 1 : d);
  }
  return out;
}

/** r_1 / (r_l + ... + r_m) per class from a sorted copy of its counts. */
function naiveCMin(h: ClassHistograms, l: number): number {
  let cMin = 0;
  for (let k = 0; k + 1 < h.offsets.length; k++) {
    const r = Array.from(h.counts.subarray(h.offsets[k], h.offsets[k + 1])).sort((x, y) => y - x);
    const tail = r.slice(l - 1).reduce((s, x) => s + x, 0);
    const c = tail > 0 ? r[0] / tail : Infinity;
    if (k === 0 || c > cMin) cMin = c;
  }
  return cMin;
}

function naiveEntropies(h: ClassHistograms): number[] {
  const out: number[] = [];
  const sum = new ExactSum();
  for (let k = 0; k + 1 < h.offsets.length; k++) {
    let n = 0;
    for (let e = h.offsets[k]; e < h.offsets[k + 1]; e++) n += h.counts[e];
    sum.reset();
    for (let e = h.offsets[k]; e < h.offsets[k + 1]; e++) sum.add(-(h.counts[e] / n) * Math.log(h.counts[e] / n));
    const s = sum.value();
    out.push(s > 0 ? s : 0);
  }
  return out;
}

describe('fast paths of the attribute measures give the same bits as the textbook loops', () => {
  it('ordered-distance t per class', () => {
    fc.assert(
      fc.property(caseArb, ({ m, classes }) => {
        const h = classHistogramsOf(m, classes);
        expect(Array.from(orderedDistanceT(h).perClass)).toEqual(naiveOrdered(h));
      }),
      { numRuns: 500 },
    );
  });

  it('recursive (c,l): cMin, and the line from cMin agrees with the pass over the classes', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 4 }), fc.double({ min: 0, max: 40, noNaN: true }), ({ m, classes }, l, c) => {
        const h = classHistogramsOf(m, classes);
        const { cMin } = recursiveCL(h, l);
        expect(cMin).toBe(naiveCMin(h, l));
        expect(satisfiesRecursiveCLWith(cMin, c)).toBe(satisfiesRecursiveCL(h, c, l));
        expect(satisfiesRecursiveCLWith(cMin, cMin)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('class entropies', () => {
    fc.assert(
      fc.property(caseArb, ({ m, classes }) => {
        const h = classHistogramsOf(m, classes);
        expect(Array.from(classEntropies(h))).toEqual(naiveEntropies(h));
      }),
      { numRuns: 300 },
    );
  });
});
