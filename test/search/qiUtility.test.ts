/**
 * What the recipient loses (src/search/qiUtility.ts), on a fixture computed by hand: one QI
 * with four values of 4, 2, 1 and 1 records (n = 8), grouped {0,1} {2,3} at level 1.
 */
import { describe, expect, it } from 'vitest';
import { ClassScratch, classesOf, type GroupCodes } from '../../src/risk/recodedClasses.js';
import { transformationUtility, type TransformationInput } from '../../src/search/qiUtility.js';

const data: GroupCodes = {
  codes: [Int32Array.from([0, 1, 2, 3])],
  counts: Int32Array.from([4, 2, 1, 1]),
  maps: [[Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 0, 0, 0])]],
  radices: [Int32Array.from([4, 2, 1])],
};
const base: TransformationInput = {
  names: ['a'],
  heights: [2],
  shares: [[Float64Array.from([0.25, 0.25, 0.25, 0.25]), Float64Array.from([0.5, 0.5]), Float64Array.from([1])]],
  leaves: [4],
  levels: [1],
  required: 0,
  suppressed: 0,
  masked: false,
  changed: [Uint8Array.from([1, 1, 1, 1])],
  starGroup: [-1],
};
const classes = classesOf(data, [1], new ClassScratch(4));

describe('transformationUtility', () => {
  it('level 1, nothing suppressed', () => {
    const u = transformationUtility(data, classes, base);
    const q = u.qis[0];
    expect(q).toMatchObject({ attribute: 'a', level: 1, height: 2, distinctBefore: 4, distinctAfter: 2, recordsChanged: 8, changedFraction: 1, precision: 0.5 });
    // Iyengar: shares sum 8 x 0.5 = 4, floor n / M = 2: (4 - 2) / (8 - 2) = 1/3
    expect(q.loss).toBeCloseTo(1 / 3, 12);
    // H = 0.5 + 0.5 + 2 x 0.375 = 1.75 bits; released H = 0.75 log2(8/6) + 0.5 = 0.811278: 1 - 0.811278 / 1.75
    expect(q.informationRemoved).toBeCloseTo(1 - (0.75 * Math.log2(8 / 6) + 0.5) / 1.75, 12);
    expect(q.informationRemoved).toBeCloseTo(0.536413, 6);
    expect(u.metrics.precision).toBe(0.5);
    expect(u.metrics.discernibility).toBe(36 + 4);
    expect(u.metrics.aecs).toBe(4);
    expect(u.metrics.loss).toBeCloseTo(1 / 3, 12);
    // non-uniform entropy: 4 log2(6/4) + 2 log2(6/2) + 1 + 1 = 7.509775
    expect(u.metrics.entropy).toBeCloseTo(4 * Math.log2(1.5) + 2 * Math.log2(3) + 2, 12);
    expect(u.suppressedByClassSize).toEqual([]);
  });

  it('level 1, the class of 2 suppressed (required 3): dropped, then masked', () => {
    const dropped = transformationUtility(data, classes, { ...base, required: 3, suppressed: 2 });
    const q = dropped.qis[0];
    expect(q).toMatchObject({ distinctAfter: 1, recordsChanged: 8 });
    expect(q.loss).toBeCloseTo((6 * 0.5 + 2 - 2) / 6, 12); // 0.5
    // suppressed records count log2(n / c_v) = 3 each: (7.509775 - 2 + 6) / 14
    expect(q.informationRemoved).toBeCloseTo((4 * Math.log2(1.5) + 2 * Math.log2(3) + 6) / 14, 12);
    expect(dropped.metrics.precision).toBe((6 * 0.5 + 2) / 8);
    expect(dropped.metrics.discernibility).toBe(36 + 8 * 2);
    expect(dropped.metrics.aecs).toBe(8 / 2);
    expect(dropped.metrics.entropy).toBeCloseTo(4 * Math.log2(1.5) + 2 * Math.log2(3) + 6, 12);
    expect(dropped.suppressedByClassSize).toEqual([[2, 1, 2]]);
    const masked = transformationUtility(data, classes, { ...base, required: 3, suppressed: 2, masked: true });
    expect(masked.qis[0].distinctAfter).toBe(2); // the group kept and "*"
  });

  it('level 0 changes nothing; the top level "*" removes all the information', () => {
    const zero = transformationUtility(data, classesOf(data, [0], new ClassScratch(4)), { ...base, levels: [0], changed: [new Uint8Array(4)] });
    expect(zero.qis[0]).toMatchObject({ distinctAfter: 4, recordsChanged: 0, precision: 0, loss: 0, informationRemoved: 0 });
    const top = transformationUtility(data, classesOf(data, [2], new ClassScratch(4)), { ...base, levels: [2], starGroup: [0] });
    expect(top.qis[0]).toMatchObject({ distinctAfter: 1, precision: 1, informationRemoved: 1 });
    expect(top.qis[0].loss).toBeCloseTo(1, 12);
  });
});
