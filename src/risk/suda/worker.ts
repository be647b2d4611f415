/**
 * SUDA2 on worker threads (piscina): `suda2Parallel`, and the worker entry (default export).
 *
 * Split (edra's, not the paper's). Phase A runs in the workers: the top-level items are cut
 * into contiguous chunks of similar estimated work (`Suda2Search.planChunks`), and each
 * chunk runs the whole recursion below its items (`Suda2Search.runDeferred`) except the
 * last special-row check at the full table, which depends on MSUs found in other chunks.
 * Those candidates come back as (row, QI mask of Y, QI of i). Phase B, on the calling
 * thread, decides them row by row by increasing size (`resolveDeferred`): Y + i is an MSU
 * iff Y is not itself an MSU of the row. Phase A is ~90% of the work; phase B is a
 * counting sort plus a few masks per row. The result equals `suda2` exactly (tests).
 *
 * The calling thread builds the full-table index once (`indexFullTable`, while the workers
 * start), with its per-row arrays on SharedArrayBuffers; each worker makes its search state
 * over it once per job (no copy: only the per-item arrays, a few hundred KB, are cloned per
 * task) and keeps it for the following chunks. Only the candidates come back (transferred).
 */
import { availableParallelism } from 'node:os';
import { move } from 'piscina';
import type { FrequencyTable } from '../../model/frequencyTable.js';
import {
  assembleDeferred,
  indexFullTable,
  type FullTableIndex,
  resolveMaxMsuSize,
  suda2,
  Suda2Search,
  type Suda2Options,
  type Suda2Result,
} from './suda2/api.js';

/** One chunk of phase A. */
export interface Suda2Task {
  /** Job id: a worker reuses its search state while the id is the same. */
  job: string;
  /** The full table's index, built once by the caller (its large arrays on SharedArrayBuffers). */
  index: FullTableIndex;
  maxMsuSize: number;
  chunks: number;
  chunk: number;
}

/** Options of the parallel search. */
export interface Suda2ParallelOptions extends Suda2Options {
  /** Worker threads; default min(availableParallelism(), 4). */
  threads?: number;
  /** Below this many groups the single-thread `suda2` runs instead; default 50 000. */
  minGroups?: number;
}

let cache: { job: string; search: Suda2Search } | null = null;

/**
 * Worker entry: phase A for one chunk. Returns one Int32Array [n, rows(n), codes(n)]
 * (transferred).
 */
export default function runSuda2Task(task: Suda2Task): Int32Array {
  if (cache === null || cache.job !== task.job) {
    cache = null; // free the previous state first
    cache = { job: task.job, search: new Suda2Search(task.index, task.maxMsuSize) };
  }
  const search = cache.search;
  const bounds = search.planChunks(task.chunks);
  const { rows, codes } = search.runDeferred(bounds[task.chunk], bounds[task.chunk + 1]);
  const n = rows.length;
  const out = new Int32Array(1 + 2 * n);
  out[0] = n;
  out.set(rows, 1);
  out.set(codes, 1 + n);
  return move(out) as Int32Array; // transferred, not copied
}

let jobCounter = 0;

/**
 * SUDA2 with phase A on worker threads (see the module comment); same result as `suda2`.
 * Falls back to `suda2` for small tables, one thread, M > 26 or maxMsuSize < 3.
 * @param table frequency table.
 * @param options maxMsuSize (default M), threads, minGroups.
 */
export async function suda2Parallel(
  table: FrequencyTable,
  options: Suda2ParallelOptions = {},
): Promise<Suda2Result> {
  const m = table.codes.length;
  const K = resolveMaxMsuSize(table, options.maxMsuSize);
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(availableParallelism(), 4)));
  const groups = table.counts.length;
  if (
    threads < 2 ||
    groups < (options.minGroups ?? 50_000) ||
    m > Suda2Search.DEFERRED_MAX_QIS ||
    K < 3
  ) {
    return suda2(table, { maxMsuSize: K });
  }
  const { Piscina } = await import('piscina');
  const self = import.meta.url;
  const dev = self.endsWith('.ts'); // running from source (tsx / vitest): load the .ts worker through tsx
  const pool = new Piscina({
    filename: self,
    minThreads: threads,
    maxThreads: threads,
    execArgv: dev ? ['--import', 'tsx'] : [],
  });
  try {
    // Built once here while the workers start, shared with them (not copied).
    const index = indexFullTable(table, true);
    const job = `${process.pid}-${++jobCounter}-${Date.now()}`;
    const chunks = threads * 8; // small chunks: the pool balances them
    const results: Int32Array[] = await Promise.all(
      Array.from({ length: chunks }, (_, chunk) =>
        pool.run({ job, index, maxMsuSize: K, chunks, chunk } satisfies Suda2Task),
      ),
    );
    const parts = results.map((r) => {
      const n = r[0];
      return { rows: r.subarray(1, 1 + n), codes: r.subarray(1 + n, 1 + 2 * n) };
    });
    return assembleDeferred(groups, m, K, index.groupOf, index.oneMsuGroups, parts);
  } finally {
    await pool.destroy();
  }
}
