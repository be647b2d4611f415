import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NodeEvaluator } from '../../src/search/evaluator.js';
import { Lattice } from '../../src/search/lattice.js';
import { instanceArb, payloadOf } from './fixtures.js';
import type { UtilityMetric } from '../../src/contracts/search.js';

/**
 * Hand-computed fixture. QI a: values 0..3, hierarchy {0,1}->0, {2,3}->1 at level 1, all at 2.
 * QI b: values 0..1, level 1 = all. Groups (a,b): count
 *   (0,0):3  (1,0):1  (2,1):2  (3,1):4        n = 10
 * Node (1,0): classes {0,1}x0 -> 4, {2,3}x1 -> 6; node (0,0): 3,1,2,4.
 */
const rows = [
  [0, 0],
  [1, 0],
  [2, 1],
  [3, 1],
];
const counts = [3, 1, 2, 4];
const maps = [
  [Int32Array.of(0, 1, 2, 3), Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 0, 0, 0)],
  [Int32Array.of(0, 1), Int32Array.of(0, 0)],
];

function evaluate(metric: UtilityMetric, levels: number[], k: number, maxSuppressed: number) {
  const payload = payloadOf(rows, counts, maps, { metric, requiredSize: k, maxSuppressed, thresholds: { k, riskLevels: [0.2] } });
  const lattice = new Lattice(payload.heights);
  return new NodeEvaluator(payload).evaluate(lattice.index(levels), Int32Array.from(levels));
}

describe('utility metrics (hand-computed)', () => {
  it('precision: (U * mean(l/h) + S) / n', () => {
    // Node (0,0) with k = 3, up to 3 suppressed: classes 1 and 2 go (S = 3), U = 7, mean = 0.
    expect(evaluate('precision', [0, 0], 3, 3).utility).toBeCloseTo(3 / 10, 12);
    // Node (1,0): no suppression, mean(1/2, 0/1) = 0.25.
    expect(evaluate('precision', [1, 0], 3, 3).utility).toBeCloseTo(0.25, 12);
    // Node (1,1): mean(1/2, 1) = 0.75.
    expect(evaluate('precision', [1, 1], 1, 0).utility).toBeCloseTo(0.75, 12);
  });

  it('discernibility: sum of kept f^2 + n * S', () => {
    // (0,0), k = 3: kept 3 and 4 -> 9 + 16, suppressed 3 records -> + 10 * 3.
    expect(evaluate('discernibility', [0, 0], 3, 3).utility).toBe(9 + 16 + 30);
    expect(evaluate('discernibility', [1, 0], 3, 3).utility).toBe(16 + 36);
  });

  it('aecs: n / (kept classes + 1 when records are suppressed)', () => {
    expect(evaluate('aecs', [0, 0], 3, 3).utility).toBeCloseTo(10 / 3, 12);
    expect(evaluate('aecs', [0, 0], 1, 0).utility).toBeCloseTo(10 / 4, 12);
    expect(evaluate('aecs', [2, 1], 1, 0).utility).toBe(10);
  });

  it("loss: Iyengar's per-QI loss with ARX's shares, geometric mean", () => {
    // Node (1,0), no suppression. QI a: shares 2/4 for both groups -> sum f*share = 10 * 0.5 = 5;
    // M = 4, n/M = 2.5: L_a = (5 - 2.5) / (10 - 2.5) = 1/3. QI b at level 0: L_b = 0.
    // loss = sqrt((1 + 1/3)(1 + 0)) - 1.
    expect(evaluate('loss', [1, 0], 1, 0).utility).toBeCloseTo(Math.sqrt(4 / 3) - 1, 12);
    // Node (0,0), k = 3, S = 3 (groups (1,0) and (2,1)): QI a: kept 3*0.25 + 4*0.25 = 1.75, + S = 4.75;
    // L_a = (4.75 - 2.5) / 7.5 = 0.3. QI b (M = 2, n/M = 5): kept 3*0.5 + 4*0.5 = 3.5 + 3 = 6.5; L_b = 1.5/5 = 0.3.
    expect(evaluate('loss', [0, 0], 3, 3).utility).toBeCloseTo(Math.sqrt(1.3 * 1.3) - 1, 12);
  });

  it('entropy: sum of log2(count(label) / count(value)); a suppressed record costs log2(n / count(value))', () => {
    // Node (1,0): QI a: values 0,1 (counts 3,1) -> label count 4; values 2,3 (2,4) -> 6.
    // 3 log2(4/3) + 1 log2(4/1) + 2 log2(6/2) + 4 log2(6/4); QI b at level 0 costs 0.
    const expected = 3 * Math.log2(4 / 3) + 2 + 2 * Math.log2(3) + 4 * Math.log2(1.5);
    expect(evaluate('entropy', [1, 0], 1, 0).utility).toBeCloseTo(expected, 10);
    // Node (0,0), k = 3, S = 3: the suppressed records (value a=1 x1, a=2 x2; b=0 x1, b=1 x2) cost
    // log2(10/1) + 2 log2(10/2) for a and log2(10/4) + 2 log2(10/6) for b.
    const s = Math.log2(10) + 2 * Math.log2(5) + Math.log2(10 / 4) + 2 * Math.log2(10 / 6);
    expect(evaluate('entropy', [0, 0], 3, 3).utility).toBeCloseTo(s, 10);
  });

  it('a node over the suppression limit is infeasible and fails monotonically', () => {
    const o = evaluate('precision', [0, 0], 3, 2);
    expect(o.suppressed).toBe(3);
    expect(o.feasible).toBe(false);
    expect(o.monotoneFail).toBe(true);
  });
});

describe('lattice invariants (property)', () => {
  it('generalizing never lowers k, never adds classes, never raises the suppressed records; bounds never exceed the utility', () => {
    fc.assert(
      fc.property(instanceArb, (payload) => {
        const lattice = new Lattice(payload.heights);
        const ev = new NodeEvaluator(payload);
        const out = Array.from({ length: lattice.size }, (_, x) => ev.evaluate(x, lattice.levels(x)));
        const minSize = (x: number) => out[x].k;
        for (let x = 0; x < lattice.size; x++) {
          expect(out[x].bound).toBeLessThanOrEqual(out[x].utility + 1e-9 * Math.max(1, Math.abs(out[x].utility)));
          lattice.forEachSuccessor(x, (y) => {
            expect(out[y].classes).toBeLessThanOrEqual(out[x].classes);
            expect(out[y].suppressed).toBeLessThanOrEqual(out[x].suppressed);
            expect(out[y].bound).toBeGreaterThanOrEqual(out[x].bound - 1e-9 * Math.max(1, Math.abs(out[x].bound)));
            if (payload.settings.maxSuppressed === 0 && out[x].suppressed === 0 && out[y].suppressed === 0) expect(minSize(y)).toBeGreaterThanOrEqual(minSize(x));
            if (out[x].feasible && !out[x].monotoneFail) expect(out[y].monotoneFail).toBe(false);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
