/**
 * DuckDB hands out a class's (value, count) entries in no fixed order: every attribute measure
 * must give the same bits whatever that order (an end-to-end property run found t differing in
 * the last bit between an analysis and the re-analysis of its released file).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classHistogramsOf } from '../../../src/risk/sensitive/classHistograms.js';
import { entropyL, classEntropies } from '../../../src/risk/sensitive/entropyL.js';
import { tCloseness } from '../../../src/risk/sensitive/tCloseness.js';
import { basicBetaLikeness } from '../../../src/risk/sensitive/betaLikeness.js';
import { deltaDisclosure } from '../../../src/risk/sensitive/deltaDisclosure.js';
import { recursiveCL } from '../../../src/risk/sensitive/recursiveCL.js';

const classesArb = fc.array(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 8, selector: (p) => p[0] }), {
  minLength: 1,
  maxLength: 12,
});

describe('attribute measures do not depend on the order of a class\'s entries', () => {
  it('entropy, t (equal, ordered), beta, delta and recursive (c,l) give the same bits reversed', () => {
    fc.assert(
      fc.property(classesArb, (classes) => {
        const a = classHistogramsOf(8, classes);
        const b = classHistogramsOf(8, classes.map((c) => [...c].reverse()));
        expect(Array.from(classEntropies(b))).toEqual(Array.from(classEntropies(a)));
        expect(entropyL(b)).toBe(entropyL(a));
        expect(tCloseness(b, { kind: 'equal' }).t).toBe(tCloseness(a, { kind: 'equal' }).t);
        expect(tCloseness(b, { kind: 'ordered' }).t).toBe(tCloseness(a, { kind: 'ordered' }).t);
        expect(basicBetaLikeness(b).beta).toBe(basicBetaLikeness(a).beta);
        expect(deltaDisclosure(b).delta).toBe(deltaDisclosure(a).delta);
        expect(recursiveCL(b, 2).cMin).toBe(recursiveCL(a, 2).cMin);
      }),
      { numRuns: 500 },
    );
  });

  it('equal-distance t is exact: 1/2 sum |p - q| as one rounded division (hand-computed)', () => {
    // Class {x: 1, y: 2} in a table {x: 1, y: 2, z: 3}: p = (1/3, 2/3, 0), q = (1/6, 1/3, 1/2):
    // 1/2 (1/6 + 1/3 + 1/2) = 1/2.
    const h = classHistogramsOf(3, [[[0, 1], [1, 2]], [[2, 3]]]);
    expect(tCloseness(h, { kind: 'equal' }).perClass[0]).toBe(0.5);
    expect(tCloseness(h, { kind: 'equal' }).perClass[1]).toBe(0.5);
  });
});
