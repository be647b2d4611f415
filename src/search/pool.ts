/**
 * Evaluation of lattice nodes on a pool of worker threads (piscina). piscina was chosen over
 * tinypool and worker-threads-pool: it is maintained, ships ESM and TypeScript types, and is
 * already the pool of SUDA2 here; worker-threads-pool has been unmaintained since 2019.
 *
 * The workers are started once (startWorkerPool) and may serve several searches (`edra
 * explore` re-runs the search after each edit, the benchmark runs several cases): a search's
 * payload (groups, hierarchy maps, shares, sensitive histograms) is put in SharedArrayBuffers
 * once, and goes with every task by reference (a SharedArrayBuffer is shared, not copied, when
 * posted); each worker builds its evaluator when it first sees the payload's id and keeps its
 * own roll-up cache for that search.
 */
import type { Lattice } from './lattice.js';
import { NodeEvaluator, type NodeOutcome, type SearchPayload } from './evaluator.js';
import type { EvaluateBatch } from './strategy.js';
import type { SearchTask } from './worker.js';

/** An evaluator of batches of nodes, in-process or on workers. */
export interface NodePool {
  evaluate: EvaluateBatch;
  threads: number;
  /** Ends the search's use of the pool (stops the workers when the pool was started for it). */
  close(): Promise<void>;
}

/** Worker threads that evaluate nodes, started once and reusable across searches. */
export interface WorkerPool {
  readonly threads: number;
  /** Runs one task on the next free worker. */
  run(task: SearchTask): Promise<NodeOutcome[]>;
  /** Stops the workers. */
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

/** The payload with its typed arrays in shared memory (posting it then copies no array). */
function sharedPayload(p: SearchPayload): SearchPayload {
  return {
    ...p,
    codes: p.codes.map(shared),
    counts: shared(p.counts),
    maps: p.maps.map((levels) => levels.map(shared)),
    radices: p.radices.map(shared),
    shares: p.shares.map((levels) => levels.map(shared)),
    ...(p.weights ? { weights: shared(p.weights) } : {}),
    sensitive: p.sensitive.map((s) => ({
      model: s.model,
      histograms: { ...s.histograms, offsets: shared(s.histograms.offsets), values: shared(s.histograms.values), counts: shared(s.histograms.counts) },
    })),
  };
}

/** Starts `threads` workers (all of them at once, so that the first batch does not wait for thread start-up). */
export async function startWorkerPool(threads: number): Promise<WorkerPool> {
  const { Piscina } = await import('piscina');
  const self = import.meta.url;
  const dev = self.endsWith('.ts'); // running from source (tsx / vitest): load the .ts worker through tsx
  const pool = new Piscina({
    filename: new URL(`./worker.${dev ? 'ts' : 'js'}`, self).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
    execArgv: dev ? ['--import', 'tsx'] : [],
  });
  return {
    threads,
    run: (task) => pool.run(task) as Promise<NodeOutcome[]>,
    close: () => pool.destroy(),
  };
}

let payloads = 0;

/**
 * A node pool: in-process for one thread, otherwise `threads` workers — those of `workers`
 * when given (left running on close), else a pool started for this search and stopped on
 * close. Each batch is split into one task per worker, in contiguous chunks (nodes of one
 * chunk are related, which keeps the roll-up local).
 */
export async function createNodePool(payload: SearchPayload, lattice: Lattice, threads: number, workers?: WorkerPool): Promise<NodePool> {
  if (threads <= 1) {
    const ev = new NodeEvaluator(payload);
    return {
      threads: 1,
      evaluate: async (nodes) => nodes.map((x) => ev.evaluate(x, lattice.levels(x))),
      close: async () => {},
    };
  }
  const own = workers === undefined || workers.threads !== threads;
  const pool = own ? await startWorkerPool(threads) : workers;
  const data = sharedPayload(payload);
  const id = `${process.pid}:${++payloads}`;
  const width = lattice.width;
  return {
    threads,
    evaluate: async (nodes) => {
      const chunks = Math.min(threads, nodes.length);
      const tasks: Promise<NodeOutcome[]>[] = [];
      for (let c = 0; c < chunks; c++) {
        const part = nodes.slice(Math.floor((c * nodes.length) / chunks), Math.floor(((c + 1) * nodes.length) / chunks));
        const levels = new Int32Array(part.length * width);
        part.forEach((x, i) => lattice.levels(x, levels.subarray(i * width, (i + 1) * width)));
        tasks.push(pool.run({ id, payload: data, nodes: part, levels, width }));
      }
      return (await Promise.all(tasks)).flat();
    },
    close: async () => {
      if (own) await pool.close();
    },
  };
}
