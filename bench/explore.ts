/**
 * `npm run bench` (explore part), or `npx tsx bench/explore.ts [rows]`: how long `edra explore`
 * takes to re-measure one node (src/engine/nodeMeasures.ts: classes, suppression, the verdict
 * with every measure, the loss under all five metrics) on the generated file (default 1M rows,
 * 8 QIs; 99% of its classes are unique, so the bottom node has about a million classes), and
 * how long "what to generalize next" takes (8 neighbour nodes and the per-QI contribution).
 *
 * Baselines in the same process, over the same encoded groups: a plain counting pass (the sum
 * of the group counts, the least any measure must touch), and a Map group-by of the node's
 * generalized code tuples (what recomputing the classes naively costs). The ratios are the
 * figures to compare across machines.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpecText } from '../src/config/loadSpec.js';
import { openDatabase } from '../src/data/database.js';
import { NodeSession } from '../src/engine/nodeMeasures.js';
import { prepareSearch } from '../src/engine/search.js';
import type { SearchPayload } from '../src/search/evaluator.js';
import { generateBenchData } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const rows = Number(process.argv[2] ?? 1_000_000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
/** Wall and CPU time (user + system, all threads) of f, in ms: on a shared machine the CPU time is the steadier figure. */
const timeCpu = <T>(f: () => T): [T, number, number] => {
  const c = process.cpuUsage();
  const [r, ms] = time(f);
  const d = process.cpuUsage(c);
  return [r, ms, (d.user + d.system) / 1000];
};

/** The least a measure must do: one pass over the group counts. */
function countingPass(p: SearchPayload): number {
  let n = 0;
  for (let g = 0; g < p.counts.length; g++) n += p.counts[g];
  return n;
}

/** A naive recomputation of a node's classes: a Map keyed by the generalized code tuple. */
function mapGroupBy(p: SearchPayload, levels: Int32Array): number {
  const m = new Map<string, number>();
  const key: number[] = new Array(levels.length);
  for (let g = 0; g < p.counts.length; g++) {
    for (let q = 0; q < levels.length; q++) key[q] = p.maps[q][levels[q]][p.codes[q][g]];
    const k = key.join(',');
    m.set(k, (m.get(k) ?? 0) + p.counts[g]);
  }
  return m.size;
}

const files = await generateBenchData(rows, path.join(here, 'out'));
const qis = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer'];
const spec = `dataset: { path: ${files.parquet} }
attributes: { quasiIdentifiers: [${qis.join(', ')}], sensitive: [], insensitive: [diagnosis, los] }
population: { samplingFraction: 0.05 }
adversary: [prosecutor, journalist, marketer]
hierarchies:
  age: { intervals: { width: [5, 10, 20] } }
  year_of_birth: { intervals: { width: [5, 10, 20] } }
  zip: { mask: { levels: [5, 3, 1, 0] } }
  sex: { mask: { levels: [1, 0] } }
  race: { mask: { levels: [99, 0] } }
  marital_status: { mask: { levels: [99, 0] } }
  education: { mask: { levels: [99, 1, 0] } }
  payer: { mask: { levels: [99, 0] } }
search: { suppressionLimit: 0.02, metric: loss }
thresholds: { k: 5, highestRisk: 0.2, averageRisk: 0.05 }
`;
const db = await openDatabase();
const [prepared, prepareMs] = await (async () => {
  const t = performance.now();
  const p = await prepareSearch(db, parseSpecText(spec, path.join(here, 'out', 'explore-bench.yaml'), root));
  return [p, performance.now() - t] as const;
})();
db.close();
const session = new NodeSession(prepared);
const p = prepared.payload;
const lattice = session.lattice;
console.log(`explore bench: generated ${rows} rows, ${p.counts.length} groups, lattice of ${lattice.size} nodes; loaded and prepared once in ${(prepareMs / 1000).toFixed(2)} s`);

const bottom = lattice.levels(0);
// Warm up the kernels (the first calls compile them) on a throwaway session over the same data,
// so the session measured below starts with nothing cached: the top node (few classes, keys
// numbered by direct addressing) and a node of a million classes (keys hashed).
{
  const warm = new NodeSession(prepared);
  warm.measure(lattice.levels(lattice.size - 1));
  const mid = lattice.levels(0);
  mid[qis.indexOf('payer')] = 1;
  warm.measure(mid);
}
const baseCount = median(Array.from({ length: 5 }, () => time(() => countingPass(p))[1]));
const [bottomClasses, baseMap] = time(() => mapGroupBy(p, bottom));

const samples: { what: string; ms: number; cpu: number; classes: number }[] = [];
const measure = (what: string, levels: Int32Array) => {
  const [m, ms, cpu] = timeCpu(() => session.measure(levels));
  samples.push({ what, ms, cpu, classes: m.classesBefore });
};
// A user's path: the bottom, then one QI up at a time (roll-up from the node before), then back down.
measure('bottom', bottom);
const path1 = bottom.slice();
for (const q of [3, 0, 6, 5, 3]) {
  if (path1[q] < p.heights[q]) path1[q]++;
  measure(`up ${qis[q]}`, path1.slice());
}
for (const q of [3, 0]) {
  path1[q]--;
  measure(`down ${qis[q]}`, path1.slice());
}
// Random nodes (no specialization cached but the bottom's).
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < 8; i++) measure('random', lattice.levels(Math.floor(rnd() * lattice.size)));

const [, nextMs] = time(() => session.nextSteps(bottom));
const [, nextUpMs] = time(() => session.nextSteps(path1));

for (const s of samples) console.log(`  ${s.what.padEnd(22)} ${String(s.classes).padStart(8)} classes  ${s.ms.toFixed(1).padStart(7)} ms (CPU ${s.cpu.toFixed(0).padStart(5)} ms)  ${(s.ms / baseCount).toFixed(0).padStart(5)}x counting pass  ${(s.ms / baseMap).toFixed(2).padStart(5)}x Map group-by`);
const all = samples.map((s) => s.ms);
const b = samples[0].ms;
console.log(
  `re-measure of one node: bottom (${samples[0].classes} classes) ${b.toFixed(0)} ms (CPU ${samples[0].cpu.toFixed(0)} ms); median ${median(all).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms over ${all.length} nodes; nodes of 900k+ classes: median ${median(samples.filter((s) => s.classes >= 900_000).map((s) => s.ms)).toFixed(0)} ms`,
);
console.log(`baselines over the same ${p.counts.length} groups: counting pass ${baseCount.toFixed(2)} ms, Map group-by of the bottom node's keys ${baseMap.toFixed(0)} ms (${bottomClasses} classes)`);
console.log(`ratios: bottom node ${(b / baseCount).toFixed(0)}x the counting pass, ${(b / baseMap).toFixed(2)}x the Map group-by`);
console.log(`what to generalize next (8 neighbours + per-QI contribution): ${nextMs.toFixed(0)} ms at the bottom, ${nextUpMs.toFixed(0)} ms at ${Array.from(path1).join(',')}`);
