import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lattice } from '../../src/search/lattice.js';
import { NodeEvaluator } from '../../src/search/evaluator.js';
import { createNodePool, startWorkerPool, type WorkerPool } from '../../src/search/pool.js';
import { instanceArb } from './fixtures.js';

describe('worker pool', () => {
  let workers: WorkerPool | undefined;
  afterAll(async () => {
    await workers?.close();
  });

  it('started once, serves searches of different payloads with the in-process outcomes of each', async () => {
    workers = await startWorkerPool(2);
    const instances = fc.sample(instanceArb, { numRuns: 12, seed: 14 });
    for (const payload of instances) {
      const lattice = new Lattice(payload.heights);
      const nodes = Array.from({ length: lattice.size }, (_, x) => lattice.size - 1 - x);
      const pool = await createNodePool(payload, lattice, 2, workers);
      const got = await pool.evaluate(nodes);
      await pool.close();
      const local = new NodeEvaluator(payload);
      expect(got.map((o) => o.node)).toEqual(nodes);
      expect(got).toEqual(nodes.map((x) => local.evaluate(x, lattice.levels(x))));
    }
    // close() of a search leaves the shared workers running.
    const payload = instances[0];
    const lattice = new Lattice(payload.heights);
    const again = await createNodePool(payload, lattice, 2, workers);
    expect((await again.evaluate([0])).length).toBe(1);
    await again.close();
  }, 120_000);
});
