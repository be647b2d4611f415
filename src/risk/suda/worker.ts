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
 * Each worker rebuilds the full-table index once per job from SharedArrayBuffer views of
 * the frequency table (no copy per task) and keeps it for the following chunks.
 */
import { availableParallelism } from 'node:os';
import { move } from 'piscina';
import type { FrequencyTable } from '../../model/frequencyTable.js';
import {
  assembleDeferred,
  resolveMaxMsuSize,
  suda2,
  Suda2Search,
  type Suda2Options,
  type Suda2Result,
} from './suda2/api.js';

/** A frequency table over shared memory (what a task carries). */
interface SharedTable {
  qiNames: string[];
  codes: SharedArrayBuffer[];
  cardinalities: SharedArrayBuffer;
  nullCodes: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  records: number;
}

/** One chunk of phase A. */
export interface Suda2Task {
  /** Job id: a worker reuses its index while the id is the same. */
  job: string;
  table: SharedTable;
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

/** Views a SharedTable as a FrequencyTable (no copy). */
function tableOf(t: SharedTable): FrequencyTable {
  return {
    qiNames: t.qiNames,
    codes: t.codes.map((b) => new Int32Array(b)),
    cardinalities: new Int32Array(t.cardinalities),
    nullCodes: new Int32Array(t.nullCodes),
    counts: new Int32Array(t.counts),
    records: t.records,
  };
}

/**
 * Worker entry: phase A for one chunk. Returns one Int32Array:
 * [n, nTopRows, nOne, rows(n), codes(n), topRowGroups(nTopRows), oneMsus(nOne)], the last
 * two only for chunk 0.
 */
export default function runSuda2Task(task: Suda2Task): Int32Array {
  if (cache === null || cache.job !== task.job) {
    cache = null; // free the previous index first
    cache = { job: task.job, search: new Suda2Search(tableOf(task.table), task.maxMsuSize) };
  }
  const search = cache.search;
  const bounds = search.planChunks(task.chunks);
  const { rows, codes } = search.runDeferred(bounds[task.chunk], bounds[task.chunk + 1]);
  const groupOf = task.chunk === 0 ? search.topRowGroups() : new Int32Array(0);
  const ones = task.chunk === 0 ? search.oneMsus() : new Int32Array(0);
  const n = rows.length;
  const out = new Int32Array(3 + 2 * n + groupOf.length + ones.length);
  out[0] = n;
  out[1] = groupOf.length;
  out[2] = ones.length;
  out.set(rows, 3);
  out.set(codes, 3 + n);
  out.set(groupOf, 3 + 2 * n);
  out.set(ones, 3 + 2 * n + groupOf.length);
  return move(out) as Int32Array; // transferred, not copied
}

/** Copies an Int32Array into shared memory (or reuses it when already shared). */
function shared(a: Int32Array): SharedArrayBuffer {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) {
    return a.buffer;
  }
  const b = new SharedArrayBuffer(a.byteLength);
  new Int32Array(b).set(a);
  return b;
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
    const sharedTable: SharedTable = {
      qiNames: [...table.qiNames],
      codes: table.codes.map(shared),
      cardinalities: shared(table.cardinalities),
      nullCodes: shared(table.nullCodes),
      counts: shared(table.counts),
      records: table.records,
    };
    const job = `${process.pid}-${++jobCounter}-${Date.now()}`;
    const chunks = threads * 8; // small chunks: the pool balances them
    const results: Int32Array[] = await Promise.all(
      Array.from({ length: chunks }, (_, chunk) =>
        pool.run({ job, table: sharedTable, maxMsuSize: K, chunks, chunk } satisfies Suda2Task),
      ),
    );
    const parts = results.map((r) => {
      const n = r[0];
      return { rows: r.subarray(3, 3 + n), codes: r.subarray(3 + n, 3 + 2 * n) };
    });
    const head = results[0];
    const n0 = head[0];
    const groupOf = head.subarray(3 + 2 * n0, 3 + 2 * n0 + head[1]);
    const ones = head.subarray(3 + 2 * n0 + head[1], 3 + 2 * n0 + head[1] + head[2]);
    return assembleDeferred(groups, m, K, groupOf, ones, parts);
  } finally {
    await pool.destroy();
  }
}
