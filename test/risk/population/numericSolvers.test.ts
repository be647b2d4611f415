import { describe, expect, it } from 'vitest';
import {
  ascentDirection2,
  backtrackAscent2,
  downwardRoots,
  eigen2,
  negativeDefinite2,
  rootAbove,
} from '../../../src/risk/population/numeric.js';

describe('bracketing helpers', () => {
  it('rootAbove grows the bracket until f < 0, NaN without one', () => {
    expect(rootAbove((x) => 1000 - x, 0, 1, 1e-15)).toBeCloseTo(1000, 9);
    expect(rootAbove((x) => 1 / x - 1e-6, 1e-9, 1, 1e-15)).toBeCloseTo(1e6, 3);
    expect(rootAbove(() => 1, 0, 1, 1e-15)).toBeNaN();
    expect(rootAbove((x) => 5 - x, 10, 1, 1e-15)).toBeNaN(); // f(lo) < 0
  });

  it('downwardRoots finds the + -> - sign changes over a grid', () => {
    const f = Math.cos; // + -> - at pi/2 and 5 pi/2 on [0, 9]; - -> + at 3 pi/2 is skipped
    const grid = Array.from({ length: 10 }, (_, i) => i);
    const roots = downwardRoots(f, grid, grid.map(f), 1e-14);
    expect(roots).toHaveLength(2);
    expect(roots[0]).toBeCloseTo(Math.PI / 2, 12);
    expect(roots[1]).toBeCloseTo((5 * Math.PI) / 2, 12);
    expect(downwardRoots((x) => x - 3, [0, 3, 6], [-3, 0, 3], 1e-14)).toEqual([]);
    expect(downwardRoots((x) => 3 - x, [0, 3, 6], [3, 0, -3], 1e-14)).toEqual([3]); // exact zero on the grid
  });
});

describe('2-D Newton pieces', () => {
  it('eigen2 and negativeDefinite2', () => {
    expect(eigen2(2, 0, -1)).toEqual([2, -1]);
    const [a, b] = eigen2(1, 2, 1);
    expect(a).toBeCloseTo(3, 14);
    expect(b).toBeCloseTo(-1, 14);
    expect(negativeDefinite2(-2, 1, -2)).toBe(true);
    expect(negativeDefinite2(-1, 2, -1)).toBe(false);
  });

  it('ascentDirection2 is the Newton step when H < 0, an ascent direction otherwise', () => {
    // f = -(x - 1)^2 - 2 (y + 1)^2 at (0, 0): g = (2, -4), H = diag(-2, -4); the step reaches (1, -1).
    const [sx, sy] = ascentDirection2(2, -4, -2, 0, -4);
    expect(sx).toBeCloseTo(1, 14);
    expect(sy).toBeCloseTo(-1, 14);
    // Indefinite H: the shifted step still goes uphill (g . s > 0).
    const [tx, ty] = ascentDirection2(1, 1, 1, 0, -1);
    expect(1 * tx + 1 * ty).toBeGreaterThan(0);
  });

  it('backtrackAscent2 halves the step until the Armijo condition holds', () => {
    const f = (x: number, y: number) => -(x * x) - y * y;
    // From (-1, 0) along (4, 0): t = 1 lands at 3 (worse), t = 1/2 at 1 (equal: fails), t = 1/4 at 0.
    const r = backtrackAscent2(f, -1, 0, 4, 0, f(-1, 0), 8);
    expect(r).toEqual({ x: 0, y: 0, value: -0 });
    expect(backtrackAscent2(f, 0, 0, 1, 0, f(0, 0), 1, 1e-4, 5)).toBeNull(); // at the maximum: nothing passes
  });
});
