/**
 * `npm run bench:clickhouse [-- rows]` (default 10,000,000): edra on a 2-shard ClickHouse vs
 * edra on the embedded DuckDB, the same records, whole processes side by side.
 *
 * It starts two local clickhouse-server processes (scripts/clickhouse/localCluster.ts), fills
 * a Distributed table over them with deterministic records (ClickHouse's numbers(): ages,
 * sexes, ZIPs with a leading zero, races with missing values, a diagnosis, a length of stay),
 * exports the same records to a CSV under bench/out for the DuckDB side, then runs, each in a
 * fresh process and alternating (medians of 3; 1 at 10M rows and more):
 *   - the bare GROUP BY of each engine (DuckDB over the CSV; ClickHouse over the table, by HTTP);
 *   - `edra analyze` on the CSV and on the table (`bin/edra.js`, the CLI as users run it),
 * for 4 QIs, and 4 QIs + 2 sensitive attributes. Printed: wall-time medians, the ratios
 * (edra/bare per engine, ClickHouse/DuckDB for edra), edra's own CPU and peak RSS (the
 * server's work is in the wall time, not in edra's CPU), and what crossed the wire.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createShardedTable, startLocalCluster, type LocalCluster } from '../scripts/clickhouse/localCluster.js';
import { ClickHouseClient } from '../src/data/clickhouse/client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`usage: npm run bench:clickhouse [-- rows]   (default 10000000)
Starts two local clickhouse-server processes (Debian's clickhouse-server must be installed),
loads <rows> generated records into a Distributed table over them (about 10 s per 10M rows),
writes the same records to bench/out/clickhouse_<rows>.csv (about 40 bytes a record), and
compares edra on the table with edra on the CSV, whole processes, medians, as ratios.`);
  process.exit(0);
}
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000_000);

const columns = 'age UInt8, sex String, zip String, race Nullable(String), diagnosis String, los UInt16';
const generate = (offset: number, count: number) =>
  `SELECT toUInt8((n * 7 + intDiv(n, 13)) % 91), if(n % 2 = 0, 'F', 'M'), concat('0', toString(1000 + (n * 31) % 200)), if(n % 50 = 0, NULL, arrayElement(['White', 'Black', 'Asian', 'Native', 'Other'], (n % 5) + 1)), concat('D', toString((n * 17) % 20)), toUInt16(n % 31) FROM (SELECT number + ${offset} AS n FROM numbers(${count}))`;
const qis = ['age', 'sex', 'zip', 'race'];
const sensitive = ['diagnosis', 'los'];

interface Run {
  ms: number;
  cpuMs?: number;
  maxRssMiB?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const hook = path.join(outDir, 'usage-hook.cjs');

/** One edra CLI run in its own process; the hook prints its CPU and peak RSS at exit. */
function edra(spec: string): Run {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', hook, path.join(repoRoot, 'bin/edra.js'), 'analyze', spec, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1 && r.status !== 4) throw new Error(`edra exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  const usage = JSON.parse(r.stderr.trim().split('\n').pop()!) as { cpuMs: number; maxRssMiB: number };
  return { ms, ...usage };
}

/** DuckDB's bare GROUP BY over the CSV, in its own process. */
function duckdbBare(csv: string, cols: string[]): Run {
  const start = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', '-e', `
    import { openDatabase } from ${JSON.stringify(path.join(repoRoot, 'src/data/database.ts'))};
    const db = await openDatabase();
    await db.rows("SELECT count(*) FROM (SELECT ${cols.join(', ')}, count(*) FROM read_csv('${csv}', all_varchar = true) GROUP BY ALL)");
    db.close();`], { encoding: 'utf8' });
  return { ms: performance.now() - start };
}

/**
 * ClickHouse's bare GROUP BY over the Distributed table, in its own process as the DuckDB
 * baseline is, answered in full over HTTP by edra's own client (as edra receives it).
 */
function clickhouseBare(cluster: LocalCluster, cols: string[]): Run {
  const start = performance.now();
  const sql = `SELECT ${cols.join(', ')}, count() FROM default.bench GROUP BY ${cols.join(', ')} FORMAT CSVWithNames`;
  execFileSync(process.execPath, ['--import', 'tsx', '-e', `
    import { Writable } from 'node:stream';
    import { ClickHouseClient } from ${JSON.stringify(path.join(repoRoot, 'src/data/clickhouse/client.ts'))};
    const c = new ClickHouseClient({ url: ${JSON.stringify(cluster.urls[0])}, display: 'bench', timeoutSeconds: 3600, retries: 0 });
    await c.stream(${JSON.stringify(sql)}, 'bare', new Writable({ write(_c, _e, cb) { cb(); } }));`], { encoding: 'utf8' });
  return { ms: performance.now() - start };
}

/** Writes the whole table as CSV (with edra's client: a stream, not a buffer). */
async function exportCsv(cluster: LocalCluster, file: string): Promise<void> {
  const c = new ClickHouseClient({ url: cluster.urls[0], display: 'bench', timeoutSeconds: 3600, retries: 0 });
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
  await c.stream('SELECT * FROM default.bench FORMAT CSVWithNames', 'export', out);
  out.end();
  await done;
}

mkdirSync(outDir, { recursive: true });
writeFileSync(hook, `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, '\\n' + JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMiB: u.maxRSS / 1024 }) + '\\n'); });\n`);
console.log(`starting 2 ClickHouse shards; ${rows.toLocaleString('en')} records`);
const cluster = await startLocalCluster(2);
try {
  await createShardedTable(cluster, 'bench', columns);
  const half = Math.floor(rows / 2);
  await cluster.query(0, `INSERT INTO default.bench_local ${generate(0, half)}`);
  await cluster.query(1, `INSERT INTO default.bench_local ${generate(half, rows - half)}`);
  const csv = path.join(outDir, `clickhouse_${rows}.csv`);
  if (!existsSync(csv) || statSync(csv).size === 0) await exportCsv(cluster, csv);
  const repeats = rows >= 5_000_000 ? 1 : 3;
  console.log('run            bare DuckDB  edra DuckDB  ratio | bare CH  edra CH  ratio | edra CH/DuckDB  CPU CH/DuckDB  RSS DuckDB  RSS CH  lines received');
  for (const withS of [false, true]) {
    const spec = (dataset: string) => `dataset:\n${dataset}\nattributes:\n  quasiIdentifiers: [${qis.join(', ')}]\n  ${withS ? 'sensitive' : 'insensitive'}: [${sensitive.join(', ')}]\nadversary: [prosecutor, journalist, marketer]\npopulation: { samplingFraction: 0.05 }\n${withS ? 'sensitive:\n  los: { distance: ordered }\nthresholds: { k: 2, l: 2, t: 0.6 }\n' : 'thresholds: { k: 2 }\n'}`;
    const fileSpec = path.join(outDir, `ch-file-${withS ? 's' : 'q'}.yaml`);
    const remoteSpec = path.join(outDir, `ch-remote-${withS ? 's' : 'q'}.yaml`);
    writeFileSync(fileSpec, spec(`  path: ${csv}\n  csv: { nullStrings: ['\\N'] }`));
    writeFileSync(remoteSpec, spec(`  engine: clickhouse\n  url: ${cluster.urls[0]}\n  table: bench`));
    const cols = withS ? [...qis, ...sensitive] : qis;
    duckdbBare(csv, cols); // warm the page cache
    const runs: Record<string, Run[]> = { bareD: [], edraD: [], bareC: [], edraC: [] };
    for (let i = 0; i < repeats; i++) {
      runs.bareD.push(duckdbBare(csv, cols));
      runs.edraD.push(edra(fileSpec));
      runs.bareC.push(clickhouseBare(cluster, cols));
      runs.edraC.push(edra(remoteSpec));
    }
    const m = (k: string, f: keyof Run = 'ms') => median(runs[k].map((r) => r[f] ?? 0));
    const lines = Number((await cluster.query(0, `SELECT count() FROM (SELECT ${cols.join(', ')} FROM default.bench GROUP BY ${cols.join(', ')})`)).trim());
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`.padStart(9);
    console.log(
      `${(withS ? '4 QIs + 2 S' : '4 QIs').padEnd(14)} ${s(m('bareD'))}  ${s(m('edraD'))}  ${(m('edraD') / m('bareD')).toFixed(2)}x | ${s(m('bareC'))} ${s(m('edraC'))}  ${(m('edraC') / m('bareC')).toFixed(2)}x | ${(m('edraC') / m('edraD')).toFixed(2)}x           ${(m('edraC', 'cpuMs') / m('edraD', 'cpuMs')).toFixed(2)}x          ${m('edraD', 'maxRssMiB').toFixed(0).padStart(5)} MiB ${m('edraC', 'maxRssMiB').toFixed(0).padStart(5)} MiB  ${lines.toLocaleString('en')} groups of ${rows.toLocaleString('en')} records`,
    );
  }
} finally {
  cluster.stop();
}
