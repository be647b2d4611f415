/**
 * `npm run bench`: analyze vs DuckDB's bare GROUP BY on the same file, then the generalization
 * search (bench/search.ts), edra explore's per-node re-measure (bench/explore.ts) and the DP
 * samplers (bench/dp.ts).
 *
 * For each size (default 1M, 10M and 100M rows; `npm run bench -- 1000000` for one size,
 * `-- --help` for usage) and each format (Parquet, CSV; from 50M rows Parquet only, 8 QIs only:
 * the 100M row of issue 14, analyzed with the default memory budget) it runs, each in a fresh process, the baseline (GROUP BY of
 * the 8 QIs with COUNT(*)) and `analyze` (all measures of the analysis: one pass,
 * encoding, classes, three adversary models, thresholds), alternating; then the same with
 * two sensitive attributes (baseline GROUP BY QIs + S; analyze adds l, t, beta, delta), and prints the
 * medians, their ratio and each one's peak RSS. Ratios, not seconds, are the figures to
 * compare across machines.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBenchData } from './generate.js';

interface Run {
  ms: number;
  maxRssMiB: number;
  classes: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`usage: npm run bench [-- rows ...]   (default: 1000000 10000000 100000000)
Generates the benchmark files under bench/out (8 QIs, ~99% unique classes; CSV and Parquet,
Parquet only from 50M rows: 100M rows take ~8 min to generate and 0.8 GB), then, each in a
fresh process, alternating, medians of 3 (1 from 5M rows):
  analyze vs DuckDB's bare GROUP BY of the QIs on the same file (+ 2 sensitive attributes,
  + individual risk and SUDA2 at 1M), as ratios with peak RSS;
  the file's SHA-256 alone and overlapped with the scan (bench/hash.ts, on the largest CSV);
  the generalization search (bench/search.ts: Adult, Adult x33, each generated size below 50M,
  a high-cardinality case; 1 thread vs 2 workers), explore's re-measure (bench/explore.ts, on
  the smallest size) and the DP samplers (bench/dp.ts).
Also: npm run bench:clickhouse (edra on a 2-shard ClickHouse), npm run bench:explore, bench:dp.`);
  process.exit(0);
}
const bad = args.filter((a) => !(Number(a) > 0));
if (bad.length) {
  console.error(`bench: ${bad.join(' ')}: expected row counts (see --help)`);
  process.exit(2);
}
const sizes = args.map(Number);
const rowsList = sizes.length ? sizes : [1_000_000, 10_000_000, 100_000_000];
/** From this size, Parquet only and the 8-QI run only. */
const HUGE = 50_000_000;

type Mode = 'baseline' | 'analyze' | 'baseline-sensitive' | 'analyze-sensitive' | 'analyze-population';

function once(mode: Mode, file: string): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'child.ts'), mode, file], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('rows        format   run           baseline GROUP BY   analyze          ratio   RSS baseline  RSS analyze');
for (const rows of rowsList) {
  const huge = rows >= HUGE;
  const files = await generateBenchData(rows, outDir, { csv: !huge });
  const repeats = rows >= 5_000_000 ? 1 : 3;
  const formats: (readonly ['parquet' | 'csv', string])[] = huge ? [['parquet', files.parquet]] : [['parquet', files.parquet], ['csv', files.csv]];
  for (const [format, file] of formats) {
    once('baseline', file); // warm the page cache
    // The population run (individual risk + SUDA2) is the 1M-row figure; at 10M
    // rows, 99% of them unique, it would dominate the bench's time.
    const runs: [Mode, Mode, string][] = [
      ['baseline', 'analyze', '8 QIs'],
      ...(huge ? [] : ([['baseline-sensitive', 'analyze-sensitive', '8 QIs + 2 S']] as [Mode, Mode, string][])),
      ...(rows <= 1_000_000 ? ([['baseline', 'analyze-population', '+IR +SUDA2']] as [Mode, Mode, string][]) : []),
    ];
    for (const [baseMode, anaMode, label] of runs) {
      const base: Run[] = [];
      const ana: Run[] = [];
      for (let i = 0; i < repeats; i++) {
        base.push(once(baseMode, file));
        ana.push(once(anaMode, file));
      }
      const b = median(base.map((r) => r.ms));
      const a = median(ana.map((r) => r.ms));
      if (anaMode === 'analyze' && ana[0].classes !== base[0].classes) throw new Error(`class counts differ: ${ana[0].classes} vs ${base[0].classes}`);
      console.log(
        `${String(rows).padEnd(11)} ${format.padEnd(8)} ${label.padEnd(13)} ${(b / 1000).toFixed(2).padStart(8)} s          ${(a / 1000).toFixed(2).padStart(8)} s   ${(a / b).toFixed(2).padStart(6)}x   ${Math.max(...base.map((r) => r.maxRssMiB)).toFixed(0).padStart(7)} MiB  ${Math.max(...ana.map((r) => r.maxRssMiB)).toFixed(0).padStart(7)} MiB`,
      );
    }
  }
}

// The file's SHA-256 against DuckDB's scan of the same file (the largest CSV made).
const csvRows = rowsList.filter((r) => r < HUGE);
if (csvRows.length) {
  console.log('');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'hash.ts'), path.join(outDir, `bench_${Math.max(...csvRows)}.csv`)], { stdio: 'inherit' });
}

// The generalization search (Adult, Adult repeated to 1M rows, the generated files of every size asked for below 50M, a high-cardinality case).
console.log('');
execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'search.ts'), ...rowsList.filter((r) => r < HUGE).map(String)], { stdio: 'inherit' });

// edra explore: re-measure of one node on the generated file (the smallest size asked for).
console.log('');
execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'explore.ts'), String(Math.min(...rowsList))], { stdio: 'inherit' });

// Differential-privacy samplers and a 1M-cell release.
console.log('');
execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'dp.ts')], { stdio: 'inherit' });
