/**
 * `npm run bench`: analyze vs DuckDB's bare GROUP BY on the same file, then the generalization
 * search (bench/search.ts), edra explore's per-node re-measure (bench/explore.ts) and the DP
 * samplers (bench/dp.ts).
 *
 * For each size (default 1M and 10M rows; `npm run bench -- 1000000` for one size) and
 * each format (Parquet, CSV) it runs, each in a fresh process, the baseline (GROUP BY of
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
const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
const rowsList = sizes.length ? sizes : [1_000_000, 10_000_000];

type Mode = 'baseline' | 'analyze' | 'baseline-sensitive' | 'analyze-sensitive' | 'analyze-population';

function once(mode: Mode, file: string): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'child.ts'), mode, file], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('rows        format   run           baseline GROUP BY   analyze          ratio   RSS baseline  RSS analyze');
for (const rows of rowsList) {
  const files = await generateBenchData(rows, outDir);
  const repeats = rows >= 5_000_000 ? 1 : 3;
  for (const [format, file] of [
    ['parquet', files.parquet],
    ['csv', files.csv],
  ] as const) {
    once('baseline', file); // warm the page cache
    // The population run (individual risk + SUDA2) is the 1M-row figure; at 10M
    // rows, 99% of them unique, it would dominate the bench's time.
    const runs: [Mode, Mode, string][] = [
      ['baseline', 'analyze', '8 QIs'],
      ['baseline-sensitive', 'analyze-sensitive', '8 QIs + 2 S'],
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

// The generalization search (Adult, Adult repeated to 1M rows, the generated files of every size asked for, a high-cardinality case).
console.log('');
execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'search.ts'), ...rowsList.map(String)], { stdio: 'inherit' });

// edra explore: re-measure of one node on the generated file (the smallest size asked for).
console.log('');
execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'explore.ts'), String(Math.min(...rowsList))], { stdio: 'inherit' });

// Differential-privacy samplers and a 1M-cell release.
console.log('');
execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'dp.ts')], { stdio: 'inherit' });
