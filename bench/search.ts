/**
 * `npm run bench` (search part), or `npx tsx bench/search.ts [rows ...] [--reps n]`: the
 * generalization search on
 *  - Adult (8 QIs with ARX's hierarchies, loss, k = 5, 0% and 2% suppression),
 *  - Adult repeated to 1M rows (30,162 records 34 times, cut at 1M; written to bench/out),
 *    k = 100, 2%: the case ARX 3.9.2's Flash was measured on (127 nodes checked),
 *  - the generated files (default 1M and 10M rows; 8 QIs with built-in hierarchies, about 99%
 *    unique classes: the hard case), k = 5, 2%,
 *  - a high-cardinality case on the generated 1M file: age, sex, 5-digit zip (~30,000 codes),
 *    year of birth and a 500-code diagnosis as QIs, k = 5, 2%.
 *
 * For each case, on the same prepared data in this process: nodes checked and their share of
 * the lattice, and the search's wall time on 1 thread and on 2 workers (one pool started once
 * for the whole script and reused by every 2-worker run), alternating 1T/2T `reps` times
 * (default 3; 1 at 10M rows) and taking medians. Ratios printed: 1T / 2W wall (the speed-up),
 * 2W / 1T CPU (what the workers cost), search / DuckDB's bare GROUP BY of the QIs on the same
 * file (run here), and for Adult search / the exhaustive evaluation of every node. Because
 * the machine may be shared, the script also measures what 2 threads can give at that moment:
 * the same CPU-bound loop on 1 and on 2 worker threads (capacity = 2 x one loop's time / the
 * two loops' wall time; 2.0 on two idle cores). Ratios, not seconds, are the figures to
 * compare across machines.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseSpecText, type LoadedSpec } from '../src/config/loadSpec.js';
import { openDatabase } from '../src/data/database.js';
import { prepareSearch, runPreparedSearch } from '../src/engine/search.js';
import { NodeEvaluator } from '../src/search/evaluator.js';
import { Lattice } from '../src/search/lattice.js';
import { startWorkerPool, type WorkerPool } from '../src/search/pool.js';
import { quoteIdent, quoteString } from '../src/data/sql.js';
import { generateBenchData } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'out');
const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const repsArg = repsAt >= 0 ? Number(args[repsAt + 1]) : undefined;
const sizes = args.filter((a, i) => i !== repsAt + 1 || repsAt < 0).map(Number).filter((x) => x > 0);
const rowsList = sizes.length ? sizes : [1_000_000, 10_000_000];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** What two threads can give right now: 2 x (one loop alone) / (two loops at once), on worker threads. */
async function capacity(): Promise<number> {
  const loop = `const { parentPort } = require('node:worker_threads'); const a = new Float64Array(4096); let s = 0;
    const t = performance.now(); for (let r = 0; r < 30000; r++) for (let i = 0; i < a.length; i++) { a[i] = a[i] * 1.0000001 + i; s += a[i]; }
    parentPort.postMessage(performance.now() - t + (s > 0 ? 0 : 1e-9));`;
  const wall = async (n: number) => {
    const t = performance.now();
    await Promise.all(Array.from({ length: n }, () => new Promise((res, rej) => new Worker(loop, { eval: true }).once('message', res).once('error', rej))));
    return performance.now() - t;
  };
  const ones: number[] = [];
  const twos: number[] = [];
  for (let r = 0; r < 3; r++) {
    ones.push(await wall(1));
    twos.push(await wall(2));
  }
  return (2 * median(ones)) / median(twos);
}

async function groupByMs(file: string, qis: readonly string[], reader: string): Promise<number> {
  const db = await openDatabase();
  try {
    const t = performance.now();
    await db.rows(`SELECT count(*) FROM (SELECT ${qis.map(quoteIdent).join(', ')}, count(*) FROM ${reader}(${quoteString(file)}) GROUP BY ALL)`);
    return performance.now() - t;
  } finally {
    db.close();
  }
}

interface Case {
  label: string;
  loaded: LoadedSpec;
  /** DuckDB's bare GROUP BY of the QIs on the same file, ms. */
  baseMs: number;
  exhaustive?: boolean;
  reps: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function bench(c: Case, workers: WorkerPool): Promise<void> {
  const db = await openDatabase();
  try {
    let t = performance.now();
    const prepared = await prepareSearch(db, c.loaded);
    const prepareMs = performance.now() - t;
    const lattice = new Lattice(prepared.payload.heights);
    const wall: Record<1 | 2, number[]> = { 1: [], 2: [] };
    const cpu: Record<1 | 2, number[]> = { 1: [], 2: [] };
    const checked: Record<1 | 2, number> = { 1: 0, 2: 0 };
    let optimum = '';
    for (let r = 0; r < c.reps; r++) {
      for (const threads of [1, 2] as const) {
        t = performance.now();
        const c0 = cpuMs(); // the whole process: the calling thread and the workers
        const res = await runPreparedSearch(c.loaded, prepared, { threads, workers });
        cpu[threads].push(cpuMs() - c0);
        wall[threads].push(performance.now() - t);
        checked[threads] = res.lattice.checked;
        const o = JSON.stringify(res.optimum?.levels ?? null) + (res.optimum?.utility ?? '');
        if (optimum && o !== optimum) throw new Error(`${c.label}: the optimum differs between runs`);
        optimum = o;
      }
    }
    const w1 = median(wall[1]);
    const w2 = median(wall[2]);
    const parts = [
      `${c.label.padEnd(34)} ${String(prepared.payload.counts.length).padStart(9)} groups ${String(lattice.size).padStart(6)} nodes`,
      `checked 1T ${String(checked[1]).padStart(4)} (${((100 * checked[1]) / lattice.size).toFixed(1).padStart(4)}%) 2W ${String(checked[2]).padStart(4)}`,
      `prepare ${(prepareMs / 1000).toFixed(1).padStart(5)} s  search 1T ${(w1 / 1000).toFixed(2).padStart(6)} s  2W ${(w2 / 1000).toFixed(2).padStart(6)} s`,
      `1T/2W ${(w1 / w2).toFixed(2)}x  CPU 2W/1T ${(median(cpu[2]) / median(cpu[1])).toFixed(2)}  search 1T / GROUP BY ${(w1 / c.baseMs).toFixed(1)}x`,
    ];
    if (c.exhaustive) {
      const ev = new NodeEvaluator(prepared.payload);
      t = performance.now();
      for (let x = 0; x < lattice.size; x++) ev.evaluate(x, lattice.levels(x));
      parts.push(`search 1T / exhaustive ${(w1 / (performance.now() - t)).toFixed(3)}`);
    }
    console.log(parts.join('  '));
  } finally {
    db.close();
  }
}

const adultQis = ['age', 'education', 'marital-status', 'native-country', 'occupation', 'race', 'sex', 'workclass'];
const adultText = (file: string, k: number, limit: number) =>
  `dataset: { path: ${file}, csv: { delimiter: ";" } }
attributes: { quasiIdentifiers: [${adultQis.join(', ')}], insensitive: [salary-class] }
adversary: [prosecutor]
hierarchies:
${adultQis.map((q) => `  ${q}: { file: samples/adult/adult_hierarchy_${q}.csv }`).join('\n')}
search: { suppressionLimit: ${limit}, metric: loss }
thresholds: { k: ${k} }
`;

const generatedText = (file: string, qis: readonly string[]) => {
  const h: Record<string, string> = {
    age: '{ intervals: { width: [5, 10, 20] } }',
    year_of_birth: '{ intervals: { width: [5, 10, 20] } }',
    zip: '{ mask: { levels: [5, 3, 1, 0] } }',
    sex: '{ mask: { levels: [1, 0] } }',
    race: '{ mask: { levels: [99, 0] } }',
    marital_status: '{ mask: { levels: [99, 0] } }',
    education: '{ mask: { levels: [99, 1, 0] } }',
    payer: '{ mask: { levels: [99, 0] } }',
    diagnosis: '{ mask: { levels: [99, 3, 1, 0] } }',
  };
  const rest = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer', 'diagnosis', 'los'].filter((c) => !qis.includes(c));
  return `dataset: { path: ${file} }
attributes: { quasiIdentifiers: [${qis.join(', ')}], sensitive: [], insensitive: [${rest.join(', ')}] }
adversary: [prosecutor]
hierarchies:
${qis.map((q) => `  ${q}: ${h[q]}`).join('\n')}
search: { suppressionLimit: 0.02, metric: loss }
thresholds: { k: 5 }
`;
};

const specOf = (text: string, name: string): LoadedSpec => {
  const file = path.join(out, name);
  writeFileSync(file, text);
  return parseSpecText(text, file, root);
};

/** Adult's 30,162 records repeated to 1M rows (the class structure of Adult with larger counts). */
async function adultMillion(): Promise<string> {
  const file = path.join(out, 'adult_1000000.csv');
  if (existsSync(file)) return file;
  const db = await openDatabase();
  try {
    const src = path.join(root, 'samples/adult/adult.csv');
    await db.rows(
      `COPY (SELECT a.* FROM read_csv(${quoteString(src)}, delim = ';', header = true, all_varchar = true) a, range(34) LIMIT 1000000) TO ${quoteString(`${file}.tmp`)} (DELIMITER ';', HEADER)`,
    );
  } finally {
    db.close();
  }
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.tmp`, file);
  return file;
}

console.log('search bench (loss metric; 1T = the calling thread, 2W = two worker threads of one pool started once)');
console.log(`2-thread capacity of this machine now: ${(await capacity()).toFixed(2)} (2.00 = two idle cores)`);
const workers = await startWorkerPool(2);
try {
  const adultCsv = path.join(root, 'samples/adult/adult.csv');
  const adultBase = await groupByMs(adultCsv, adultQis, 'read_csv');
  for (const limit of [0, 0.02]) {
    await bench({ label: `adult k=5 suppression ${limit * 100}%`, loaded: specOf(adultText(adultCsv, 5, limit), `search-adult-${limit}.yaml`), baseMs: adultBase, exhaustive: true, reps: repsArg ?? 3 }, workers);
  }
  const adult1m = await adultMillion();
  await bench(
    { label: 'adult x33 (1M) k=100 2% [ARX: 127]', loaded: specOf(adultText(adult1m, 100, 0.02), 'search-adult-1m.yaml'), baseMs: await groupByMs(adult1m, adultQis, 'read_csv'), exhaustive: true, reps: repsArg ?? 3 },
    workers,
  );
  const eight = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer'];
  for (const rows of rowsList) {
    const files = await generateBenchData(rows, out);
    await bench(
      { label: `generated ${rows / 1e6}M k=5 2%`, loaded: specOf(generatedText(files.parquet, eight), `search-bench-${rows}.yaml`), baseMs: await groupByMs(files.parquet, eight, 'read_parquet'), reps: repsArg ?? (rows >= 5e6 ? 1 : 3) },
      workers,
    );
  }
  const high = ['age', 'sex', 'zip', 'year_of_birth', 'diagnosis'];
  const small = Math.min(...rowsList);
  const files = await generateBenchData(small, out);
  await bench(
    { label: `high-cardinality ${small / 1e6}M k=5 2%`, loaded: specOf(generatedText(files.parquet, high), `search-high-${small}.yaml`), baseMs: await groupByMs(files.parquet, high, 'read_parquet'), reps: repsArg ?? 3 },
    workers,
  );
  console.log(`2-thread capacity of this machine now: ${(await capacity()).toFixed(2)}`);
} finally {
  await workers.close();
}
