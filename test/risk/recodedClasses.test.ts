/**
 * The classes of a node from the encoded groups: the bottom node over distinct groups (the
 * encode pass's table) is taken as the groups themselves, which must be what hashing them gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassScratch, classesOf, type GroupCodes } from '../../src/risk/recodedClasses.js';

/** Distinct code tuples over m QIs with identity level-0 maps and one coarser level each. */
const distinctGroups = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 200 })), { minLength: 1, maxLength: 300, selector: (t) => t.join(',') })
  .chain((rows) => fc.tuple(fc.constant(rows), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: rows.length, maxLength: rows.length })));

function codesOf(rows: [number, number, number][], counts: number[]): GroupCodes {
  const cards = [6, 4, 201];
  return {
    codes: cards.map((_, q) => Int32Array.from(rows, (r) => r[q])),
    counts: Int32Array.from(counts),
    maps: cards.map((c) => [Int32Array.from({ length: c }, (_, i) => i), Int32Array.from({ length: c }, (_, i) => i >> 1)]),
    radices: cards.map((c) => Int32Array.from([c, ((c - 1) >> 1) + 1])),
  };
}

describe('classesOf', () => {
  it('at the bottom of distinct groups: the groups themselves, as hashing numbers them (property)', () => {
    fc.assert(
      fc.property(distinctGroups, ([rows, counts]) => {
        const data = codesOf(rows, counts);
        const bottom = [0, 0, 0];
        const hashed = classesOf(data, bottom, new ClassScratch(rows.length));
        const direct = classesOf({ ...data, distinct: true }, bottom, new ClassScratch(rows.length));
        expect(direct).toEqual(hashed);
        // and a roll-up from it is the roll-up from the hashed bottom
        const up = [1, 0, 1];
        expect(classesOf(data, up, new ClassScratch(rows.length), direct)).toEqual(classesOf(data, up, new ClassScratch(rows.length), hashed));
      }),
    );
  });
});
