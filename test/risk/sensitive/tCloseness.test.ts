import { describe, expect, it } from 'vitest';
import { classHistogramsOf } from '../../../src/risk/sensitive/classHistograms.js';
import {
  equalDistanceT,
  hierarchicalDistanceT,
  orderedDistanceT,
  tCloseness,
} from '../../../src/risk/sensitive/tCloseness.js';
import { compileValueHierarchy } from '../../../src/risk/sensitive/valueHierarchy.js';
import { main } from './fixtures.js';

const i32 = (...xs: number[]) => Int32Array.from(xs);

describe('equal and ordered distance on the main fixture (q = (1/3, 1/3, 1/3))', () => {
  // single p = (1, 0, 0):
  //   equal   1/2 (2/3 + 1/3 + 1/3)                      = 2/3
  //   ordered prefixes 1 - 1/3 = 2/3, 1 - 2/3 = 1/3 -> (2/3 + 1/3) / (m-1 = 2) = 1/2
  // pair p = (0, 1/2, 1/2):
  //   equal   1/2 (1/3 + 1/6 + 1/6)                      = 1/3
  //   ordered prefixes |0 - 1/3| = 1/3, |1/2 - 2/3| = 1/6 -> (1/3 + 1/6) / 2 = 1/4
  // mirror: 0 for both
  it('equal distance', () => {
    const r = equalDistanceT(main());
    expect(r.t).toBeCloseTo(2 / 3, 15);
    expect(r.worstClass).toBe(0);
    expect(r.perClass[1]).toBeCloseTo(1 / 3, 15);
    expect(r.perClass[2]).toBe(0);
  });

  it('ordered distance', () => {
    const r = orderedDistanceT(main());
    expect(r.t).toBeCloseTo(1 / 2, 15);
    expect(r.worstClass).toBe(0);
    expect(r.perClass[1]).toBeCloseTo(1 / 4, 15);
    expect(r.perClass[2]).toBe(0);
  });
});

describe('ordered distance sees how far mass moves, equal distance does not', () => {
  // m = 3, one record per class: X = {0}, Y = {1}, Z = {2}; q = (1/3, 1/3, 1/3)
  //   equal: every class 1/2 (2/3 + 1/3 + 1/3) = 2/3
  //   ordered X: prefixes 1 - 1/3, 1 - 2/3   -> (2/3 + 1/3) / 2 = 1/2
  //   ordered Y: prefixes |0 - 1/3|, |1 - 2/3| -> (1/3 + 1/3) / 2 = 1/3   (the middle value is closer)
  //   ordered Z: prefixes |0 - 1/3|, |0 - 2/3| -> (1/3 + 2/3) / 2 = 1/2
  const h = classHistogramsOf(3, [[[0, 1]], [[1, 1]], [[2, 1]]]);
  it('gives different per-class values', () => {
    const eq = equalDistanceT(h).perClass;
    const ord = orderedDistanceT(h).perClass;
    for (let k = 0; k < 3; k++) expect(eq[k]).toBeCloseTo(2 / 3, 15);
    expect(ord[0]).toBeCloseTo(1 / 2, 15);
    expect(ord[1]).toBeCloseTo(1 / 3, 15);
    expect(ord[2]).toBeCloseTo(1 / 2, 15);
  });

  it('is 0 for m = 1', () => {
    const one = classHistogramsOf(1, [[[0, 3]], [[0, 1]]]);
    expect(orderedDistanceT(one).t).toBe(0);
    expect(equalDistanceT(one).t).toBe(0);
    expect(hierarchicalDistanceT(one, []).t).toBe(0);
  });
});

describe('hierarchical distance', () => {
  // m = 4 values; classes X = {0: 2}, Y = {1: 2}, Z = {2: 1, 3: 1}
  // T = (2, 2, 1, 1), n = 6, q = (1/3, 1/3, 1/6, 1/6)
  const h = classHistogramsOf(4, [[[0, 2]], [[1, 2]], [[2, 1], [3, 1]]]);

  it('two-level tree {0,1} {2,3} under a root (H = 2)', () => {
    // levels: L = {0,1}, R = {2,3} at height 1; root at height 2
    // X: p = (1,0,0,0), leaf extras p - q = (2/3, -1/3, -1/6, -1/6)
    //   L: pos 2/3, neg 1/3 -> cost 1/2 * 1/3 = 1/6; extra(L) = 1/3
    //   R: pos 0            -> cost 0;               extra(R) = -1/3
    //   root: pos 1/3, neg 1/3 -> cost 2/2 * 1/3 = 1/3          D = 1/6 + 1/3 = 1/2
    // Y: symmetric to X                                         D = 1/2
    // Z: p = (0,0,1/2,1/2), extras (-1/3, -1/3, 1/3, 1/3)
    //   L, R: one-signed -> 0; extra(L) = -2/3, extra(R) = 2/3
    //   root: min(2/3, 2/3) * 2/2 = 2/3                         D = 2/3
    // Equal distance gives 2/3 for every class (X: 1/2 (2/3 + 1/3 + 1/6 + 1/6)).
    const levels = [i32(0, 0, 1, 1), i32(0, 0, 0, 0)];
    const r = hierarchicalDistanceT(h, levels);
    expect(r.perClass[0]).toBeCloseTo(1 / 2, 15);
    expect(r.perClass[1]).toBeCloseTo(1 / 2, 15);
    expect(r.perClass[2]).toBeCloseTo(2 / 3, 15);
    expect(r.t).toBeCloseTo(2 / 3, 15);
    expect(r.worstClass).toBe(2);
    expect(equalDistanceT(h).perClass[0]).toBeCloseTo(2 / 3, 15);
    expect(tCloseness(h, { kind: 'hierarchical', levels }).t).toBe(r.t);
  });

  it('three-level tree with single-child chain nodes (H = 3)', () => {
    // level 1: {0,1}, {2}, {3}; level 2: {0,1}, {2,3}; level 3: root
    // ground distances: d(0,1) = 1/3, d(2,3) = 2/3, across = 1
    // X: extras (2/3, -1/3, -1/6, -1/6)
    //   {0,1}@1: min(2/3, 1/3) * 1/3 = 1/9; extra 1/3
    //   {2}@1, {0,1}@2: one child -> 0
    //   {2,3}@2: extras -1/6, -1/6 -> 0; extra -1/3
    //   root@3: min(1/3, 1/3) * 3/3 = 1/3                    D = 1/9 + 1/3 = 4/9
    //   (flow view: 1/3 from 0 to 1 at 1/3, 1/6 + 1/6 from 0 to 2, 3 at 1)
    // Z: extras (-1/3, -1/3, 1/3, 1/3): inner nodes one-signed; root min(2/3, 2/3) = 2/3
    const levels = [i32(0, 0, 1, 2), i32(0, 0, 1, 1), i32(0, 0, 0, 0)];
    const tree = compileValueHierarchy(4, levels);
    expect(tree.nodeCount).toBe(4 + 3); // {0,1}@1, {2,3}@2, root; chains are dropped
    const r = hierarchicalDistanceT(h, tree);
    expect(r.perClass[0]).toBeCloseTo(4 / 9, 15);
    expect(r.perClass[1]).toBeCloseTo(4 / 9, 15);
    expect(r.perClass[2]).toBeCloseTo(2 / 3, 15);
  });

  it('with a single root level equals the equal distance', () => {
    const flat = hierarchicalDistanceT(main(), [i32(0, 0, 0)]);
    const eq = equalDistanceT(main());
    for (let k = 0; k < 3; k++) expect(flat.perClass[k]).toBeCloseTo(eq.perClass[k], 15);
  });

  it('gives 0 for a class that mirrors the table', () => {
    expect(hierarchicalDistanceT(main(), [i32(0, 0, 1), i32(0, 0, 0)]).perClass[2]).toBe(0);
  });

  it.each([
    ['a level of the wrong length', 3, [i32(0, 0), i32(0, 0)]],
    ['a group id out of range', 3, [i32(0, 0, 3), i32(0, 0, 0)]],
    ['a last level that is not a single root', 3, [i32(0, 0, 1)]],
    ['a level that splits a group', 3, [i32(0, 0, 1), i32(0, 1, 1), i32(0, 0, 0)]],
    ['no level for m > 1', 3, []],
  ] as const)('rejects %s', (_name, m, levels) => {
    expect(() => compileValueHierarchy(m, levels)).toThrow(RangeError);
  });

  it('rejects a hierarchy for another attribute', () => {
    expect(() => hierarchicalDistanceT(main(), compileValueHierarchy(4, [i32(0, 0, 0, 0)]))).toThrow(RangeError);
  });
});
