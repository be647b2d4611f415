/**
 * `npx tsx bench/hash.ts [file]` (default bench/out/bench_10000000.csv; `npm run bench` runs it
 * on the largest CSV it made): what the file's SHA-256 costs analyze. Each case in a fresh
 * process, alternating, medians of 3, wall and CPU:
 *   scan          DuckDB's bare GROUP BY of the 8 QIs (the baseline)
 *   hash          sha256File alone (one reused 1 MiB buffer, positional reads)
 *   hash-stream   the former way: a 64 KiB read stream into the hash
 *   scan+hash     both at once, as analyze runs them (the hash overlaps DuckDB's scan)
 *   scan+stream   both at once, with the stream hash
 * and prints each as a ratio to the scan.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npx tsx bench/hash.ts [data file]   (default bench/out/bench_10000000.csv)');
  process.exit(0);
}
const file = path.resolve(args[0] ?? path.join(here, 'out', 'bench_10000000.csv'));
const root = path.resolve(here, '..');
/** The 8 QIs of the generated files (bench/child.ts, which is a script and not imported). */
const benchQis = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer'];

const child = (mode: string) => `
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { openDatabase } from ${JSON.stringify(path.join(root, 'src/data/database.ts'))};
import { sha256File } from ${JSON.stringify(path.join(root, 'src/data/fileHash.ts'))};
const benchQis = ${JSON.stringify(benchQis)};
const file = ${JSON.stringify(file)};
const streamHash = async () => { const h = createHash('sha256'); for await (const c of createReadStream(file)) h.update(c); return h.digest('hex'); };
const scan = async () => {
  const db = await openDatabase();
  const reader = file.endsWith('.parquet') ? 'read_parquet' : 'read_csv';
  await db.rows(\`SELECT count(*) FROM (SELECT \${benchQis.map((q) => '"' + q + '"').join(', ')}, count(*) FROM \${reader}('\${file}') GROUP BY ALL)\`);
  db.close();
};
const mode = ${JSON.stringify(mode)};
const t0 = performance.now();
const work = [];
if (mode.startsWith('scan')) work.push(scan());
if (mode === 'hash' || mode === 'scan+hash') work.push(sha256File(file));
if (mode === 'hash-stream' || mode === 'scan+stream') work.push(streamHash());
await Promise.all(work);
const u = process.resourceUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
`;

function once(mode: string): { ms: number; cpuMs: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child(mode)], { encoding: 'utf8', cwd: root });
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; cpuMs: number };
}

const modes = ['scan', 'hash', 'hash-stream', 'scan+hash', 'scan+stream'];
const runs: Record<string, { ms: number; cpuMs: number }[]> = Object.fromEntries(modes.map((m) => [m, []]));
once('scan'); // warm the page cache
for (let i = 0; i < 3; i++) for (const m of modes) runs[m].push(once(m));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wall = (m: string) => median(runs[m].map((r) => r.ms));
const cpu = (m: string) => median(runs[m].map((r) => r.cpuMs));
console.log(`file: ${path.basename(file)}; medians of 3 fresh processes; ratios to DuckDB's bare GROUP BY (scan)`);
console.log('case           wall       CPU       wall/scan  CPU/scan');
for (const m of modes) {
  console.log(`${m.padEnd(14)} ${(wall(m) / 1000).toFixed(2).padStart(6)} s  ${(cpu(m) / 1000).toFixed(2).padStart(6)} s   ${(wall(m) / wall('scan')).toFixed(2).padStart(6)}x   ${(cpu(m) / cpu('scan')).toFixed(2).padStart(6)}x`);
}
