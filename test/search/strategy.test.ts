import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lattice } from '../../src/search/lattice.js';
import { NodeEvaluator, type NodeOutcome } from '../../src/search/evaluator.js';
import { levelLowerBound, sameUtility } from '../../src/search/utility.js';
import { paretoFront, searchLattice } from '../../src/search/strategy.js';
import { instanceArb, payloadOf } from './fixtures.js';

/** Exhaustive search: every node evaluated by a fresh evaluator (no roll-up). */
function exhaustive(payload: ReturnType<typeof payloadOf>) {
  const lattice = new Lattice(payload.heights);
  const all: NodeOutcome[] = [];
  for (let x = 0; x < lattice.size; x++) all.push(new NodeEvaluator(payload).evaluate(x, lattice.levels(x)));
  const feasible = all.filter((o) => o.feasible);
  feasible.sort((a, b) => a.utility - b.utility || lattice.levelSum(a.node) - lattice.levelSum(b.node) || a.node - b.node);
  const best = feasible[0];
  const tied = best ? feasible.filter((o) => sameUtility(o.utility, best.utility)) : [];
  tied.sort((a, b) => lattice.levelSum(a.node) - lattice.levelSum(b.node) || a.node - b.node);
  return { best: tied[0], ties: Math.max(0, tied.length - 1), all };
}

async function smart(payload: ReturnType<typeof payloadOf>, parallelism = 1) {
  const lattice = new Lattice(payload.heights);
  const ev = new NodeEvaluator(payload);
  const separable = ev.utility.separable;
  return searchLattice(lattice, async (nodes) => nodes.map((x) => ev.evaluate(x, lattice.levels(x))), {
    parallelism,
    levelBound: separable ? (x) => levelLowerBound(ev.utility, lattice.levels(x)) : undefined,
  });
}

describe('lattice', () => {
  it('numbers nodes in mixed radix and walks successors and predecessors', () => {
    const l = new Lattice([2, 1, 3]);
    expect(l.size).toBe(3 * 2 * 4);
    const x = l.index([1, 0, 2]);
    expect(Array.from(l.levels(x))).toEqual([1, 0, 2]);
    expect(l.levelSum(x)).toBe(3);
    const succ: number[][] = [];
    l.forEachSuccessor(x, (y) => succ.push(Array.from(l.levels(y))));
    expect(succ).toEqual([
      [2, 0, 2],
      [1, 1, 2],
      [1, 0, 3],
    ]);
    const pred: number[][] = [];
    l.forEachPredecessor(x, (y) => pred.push(Array.from(l.levels(y))));
    expect(pred).toEqual([
      [0, 0, 2],
      [1, 0, 1],
    ]);
    expect(l.leq(l.index([0, 0, 2]), x)).toBe(true);
    expect(l.leq(l.index([0, 1, 0]), x)).toBe(false);
    const order = l.byLevelSum();
    for (let i = 1; i < order.length; i++) expect(l.levelSum(order[i])).toBeGreaterThanOrEqual(l.levelSum(order[i - 1]));
  });
});

describe('search strategy', () => {
  it('finds the exhaustive optimum (node, utility and tie count) on random small lattices', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, fc.integer({ min: 1, max: 3 }), async (payload, parallelism) => {
        const oracle = exhaustive(payload);
        const found = await smart(payload, parallelism);
        if (!oracle.best) {
          expect(found.optimum).toBeUndefined();
          return;
        }
        expect(found.optimum?.node).toBe(oracle.best.node);
        expect(sameUtility(found.optimum!.utility, oracle.best.utility)).toBe(true);
        expect(found.ties).toBe(oracle.ties);
      }),
      { numRuns: 300 },
    );
  }, 300_000);

  it('agrees with the exhaustive evaluation on every node it evaluated (roll-up = recomputation)', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (payload) => {
        const oracle = exhaustive(payload);
        const found = await smart(payload);
        for (const [x, o] of found.evaluated) {
          const ref = oracle.all[x];
          expect(o.classes).toBe(ref.classes);
          expect(o.suppressed).toBe(ref.suppressed);
          expect(o.k).toBe(ref.k);
          expect(o.feasible).toBe(ref.feasible);
          expect(sameUtility(o.utility, ref.utility)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('checks fewer nodes than the lattice holds on a larger instance', async () => {
    // 4 QIs with 4 levels each (256 nodes), k = 3, no suppression.
    const card = 8;
    const chain = (c: number) => [0, 1, 2, 3].map((l) => Int32Array.from({ length: c }, (_, v) => (l === 3 ? 0 : v >> l)));
    const rows: number[][] = [];
    const counts: number[] = [];
    for (let i = 0; i < 300; i++) {
      rows.push([i % card, (i * 7) % card, (i * 3 + 1) % card, (i * 5 + 2) % card]);
      counts.push(1);
    }
    const byKey = new Map<string, number>();
    const uniqRows: number[][] = [];
    const uniqCounts: number[] = [];
    rows.forEach((r) => {
      const key = r.join(',');
      const at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, uniqRows.length);
        uniqRows.push(r);
        uniqCounts.push(1);
      } else uniqCounts[at]++;
    });
    const payload = payloadOf(uniqRows, uniqCounts, [chain(card), chain(card), chain(card), chain(card)], {
      metric: 'loss',
      requiredSize: 3,
      thresholds: { k: 3, riskLevels: [0.2] },
    });
    const found = await smart(payload);
    const oracle = exhaustive(payload);
    expect(found.optimum?.node).toBe(oracle.best.node);
    expect(found.evaluated.size).toBeLessThan(256 / 2);
  });
});

describe('pareto front', () => {
  it('keeps the feasible nodes no other beats on both risk and loss', () => {
    const o = (node: number, utility: number, highestRisk: number, feasible = true) =>
      ({ node, utility, highestRisk, feasible, classes: 1, suppressed: 0, k: 1, bound: 0, monotoneFail: false }) as NodeOutcome;
    const front = paretoFront([o(1, 0.1, 0.5), o(2, 0.2, 0.5), o(3, 0.3, 0.2), o(4, 0.25, 0.1, false), o(5, 0.4, 0.2), o(6, 0.5, 0.1)]);
    expect(front.map((x) => x.node)).toEqual([1, 3, 6]);
  });
});
