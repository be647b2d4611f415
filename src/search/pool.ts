/**
 * Evaluation of lattice nodes on a pool of worker threads (piscina). piscina was chosen over
 * tinypool and worker-threads-pool: it is maintained, ships ESM and TypeScript types, takes
 * `workerData` (so the groups go to each worker once, over SharedArrayBuffers) and is already
 * the pool of SUDA2 here; worker-threads-pool has been unmaintained since 2019.
 */
import type { Lattice } from './lattice.js';
import { NodeEvaluator, type NodeOutcome, type SearchPayload } from './evaluator.js';
import type { EvaluateBatch } from './strategy.js';
import type { SearchTask } from './worker.js';

/** An evaluator of batches of nodes, in-process or on workers. */
export interface NodePool {
  evaluate: EvaluateBatch;
  threads: number;
  close(): Promise<void>;
}

/** Copies a typed array into shared memory (or keeps it when already shared). */
function shared<T extends Int32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** The payload with its large arrays in shared memory. */
function sharedPayload(p: SearchPayload): SearchPayload {
  return {
    ...p,
    codes: p.codes.map(shared),
    counts: shared(p.counts),
    ...(p.weights ? { weights: shared(p.weights) } : {}),
    sensitive: p.sensitive.map((s) => ({
      model: s.model,
      histograms: { ...s.histograms, offsets: shared(s.histograms.offsets), values: shared(s.histograms.values), counts: shared(s.histograms.counts) },
    })),
  };
}

/**
 * A node pool: in-process for one thread, otherwise `threads` workers. Each batch is split
 * into one task per worker.
 */
export async function createNodePool(payload: SearchPayload, lattice: Lattice, threads: number): Promise<NodePool> {
  if (threads <= 1) {
    const ev = new NodeEvaluator(payload);
    return {
      threads: 1,
      evaluate: async (nodes) => nodes.map((x) => ev.evaluate(x, lattice.levels(x))),
      close: async () => {},
    };
  }
  const { Piscina } = await import('piscina');
  const self = import.meta.url;
  const dev = self.endsWith('.ts'); // running from source (tsx / vitest): load the .ts worker through tsx
  const pool = new Piscina({
    filename: new URL(`./worker.${dev ? 'ts' : 'js'}`, self).href,
    minThreads: threads,
    maxThreads: threads,
    workerData: { payload: sharedPayload(payload) },
    execArgv: dev ? ['--import', 'tsx'] : [],
  });
  const width = lattice.width;
  return {
    threads,
    evaluate: async (nodes) => {
      // One task per worker: contiguous chunks keep related nodes together for roll-up.
      const chunks = Math.min(threads, nodes.length);
      const tasks: Promise<NodeOutcome[]>[] = [];
      for (let c = 0; c < chunks; c++) {
        const part = nodes.slice(Math.floor((c * nodes.length) / chunks), Math.floor(((c + 1) * nodes.length) / chunks));
        const levels = new Int32Array(part.length * width);
        part.forEach((x, i) => lattice.levels(x, levels.subarray(i * width, (i + 1) * width)));
        tasks.push(pool.run({ nodes: part, levels, width } satisfies SearchTask) as Promise<NodeOutcome[]>);
      }
      return (await Promise.all(tasks)).flat();
    },
    close: () => pool.destroy(),
  };
}
