/**
 * `npm run bench:dp`: throughput of the exact DP samplers and of a 1M-cell noisy release.
 *
 * Every figure is printed with its ratio to baselines measured in the same process, so that
 * the numbers compare across machines:
 * - `crypto words`: 32-bit words/s read from node:crypto through the buffered source (the
 *   floor under any secure sampler: every draw needs at least one word);
 * - `integer loop`: a plain xorshift32 loop of Number integer operations per second (what
 *   "free" arithmetic costs).
 * Samplers use the cryptographic source (the one a release uses). The 1M-cell release is a
 * 1000 x 1000 count table: planning, noise + intervals (discrete Laplace and discrete
 * Gaussian), post-processing, and the CSV text.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { releaseSchema } from '../src/config/releaseSpec.js';
import { cryptoRandomSource, type RandomSource } from '../src/dp/randomSource.js';
import { uniformBelowSmall } from '../src/dp/uniform.js';
import { bernoulliExp } from '../src/dp/bernoulli.js';
import { sampleDiscreteLaplace } from '../src/dp/discreteLaplace.js';
import { sampleDiscreteGaussian } from '../src/dp/discreteGaussian.js';
import { planReleaseSpec } from '../src/dp/releasePlan.js';
import { addNoise } from '../src/dp/noisyTable.js';
import { clampNonNegative, coverValues } from '../src/dp/postProcess.js';
import { openDatabase } from '../src/data/database.js';
import { writeReleaseFile, type ReleaseRow } from '../src/data/releaseTableWriter.js';

const src: RandomSource = cryptoRandomSource();

/** Runs f n times after a warm-up, returns operations per second. */
function rate(n: number, f: () => unknown): number {
  for (let i = 0; i < Math.min(n, 20000); i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return (n / (performance.now() - t0)) * 1000;
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(1);
}

const N = 2_000_000;
const cryptoWords = rate(N * 4, () => src.uint32());
let state = 2463534242;
const integerLoop = rate(N * 4, () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state;
});

console.log(`edra DP benchmark (node ${process.version}, ${os.cpus().length} cores)`);
console.log(`baseline  crypto words        ${fmt(cryptoWords).padStart(10)}/s`);
console.log(`baseline  integer loop        ${fmt(integerLoop).padStart(10)}/s`);
console.log('');
console.log('sampler                                   samples/s   vs crypto words   vs integer loop');
const samplers: [string, () => unknown][] = [
  ['uniform {0..999}', () => uniformBelowSmall(1000, src)],
  ['Bernoulli(exp(-1/3))', () => bernoulliExp(1n, 3n, src)],
  ['Bernoulli(exp(-7/2))', () => bernoulliExp(7n, 2n, src)],
  ['discrete Laplace, scale 1', () => sampleDiscreteLaplace(1n, 1n, src)],
  ['discrete Laplace, scale 6', () => sampleDiscreteLaplace(1n, 6n, src)],
  ['discrete Laplace, scale 10/3 (eps 0.3)', () => sampleDiscreteLaplace(3n, 10n, src)],
  ['discrete Laplace, scale 1000', () => sampleDiscreteLaplace(1n, 1000n, src)],
  ['discrete Gaussian, sigma^2 1', () => sampleDiscreteGaussian(1n, 1n, src)],
  ['discrete Gaussian, sigma^2 36', () => sampleDiscreteGaussian(36n, 1n, src)],
  ['discrete Gaussian, sigma^2 10^6', () => sampleDiscreteGaussian(1_000_000n, 1n, src)],
];
for (const [name, f] of samplers) {
  const r = rate(N / 2, f);
  console.log(`${name.padEnd(40)} ${fmt(r).padStart(10)}   ${(r / cryptoWords).toFixed(3).padStart(15)}   ${(r / integerLoop).toFixed(4).padStart(15)}`);
}

console.log('');
console.log('1M-cell release (1000 x 1000 counts)     cells/s   vs crypto words   seconds');
const domain = Array.from({ length: 1000 }, (_, i) => `v${i}`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'edra-bench-dp-'));
const db = await openDatabase();
try {
  for (const [mechanism, share] of [
    ['discreteLaplace', { epsilon: 0.5 }],
    ['discreteGaussian', { rho: 0.125 }],
  ] as const) {
    const t0 = performance.now();
    const plan = planReleaseSpec(
      releaseSchema.parse({
        budget: mechanism === 'discreteLaplace' ? { epsilon: 1 } : { rho: 0.5 },
        privacyUnit: { column: 'id', maxRecords: 3 },
        tables: [{ name: 'big', groupBy: ['a', 'b'], domain: { a: domain, b: domain }, mechanism, ...share, postProcess: { nonNegative: true } }],
      }),
    ).tables[0];
    const counts = new BigInt64Array(plan.domain.size);
    for (let i = 0; i < counts.length; i++) counts[i] = BigInt(uniformBelowSmall(50, src));
    const t1 = performance.now();
    const noisy = addNoise(plan, { values: counts }, src);
    clampNonNegative(noisy);
    coverValues(noisy);
    const t2 = performance.now();
    const out = path.join(dir, `${mechanism}.csv`);
    function* rows(): Generator<ReleaseRow> {
      for (let i = 0; i < plan.domain.size; i++) yield { labels: plan.domain.labelsOf(i), value: noisy.values[i], lower: noisy.lower[i], upper: noisy.upper[i] };
    }
    await writeReleaseFile(db, out, ['a', 'b'], rows());
    const t3 = performance.now();
    const cellsPerSecond = (plan.domain.size / (t2 - t1)) * 1000;
    console.log(
      `${`${mechanism}: noise + intervals`.padEnd(40)} ${fmt(cellsPerSecond).padStart(8)}   ${(cellsPerSecond / cryptoWords).toFixed(3).padStart(15)}   ${((t2 - t1) / 1000).toFixed(2).padStart(7)}`,
    );
    console.log(`${`${mechanism}: plan + noise + CSV`.padEnd(40)} ${''.padStart(8)}   ${''.padStart(15)}   ${((t3 - t0) / 1000).toFixed(2).padStart(7)}  (${(statSync(out).size / 2 ** 20).toFixed(1)} MiB)`);
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
