/**
 * `npm run bench` (search part), or `npx tsx bench/search.ts [rows]`: the generalization
 * search on the Adult data (8 QIs with ARX's hierarchies, k = 5, 0% and 2% suppression) and
 * on a generated file (default 1M rows, 8 QIs with built-in hierarchies, k = 5, 2%).
 *
 * For each case: nodes checked of the lattice, wall time and nodes per second on 1 and on 2
 * worker threads, in the same process on the same prepared data. Baselines, also in this
 * process: DuckDB's bare GROUP BY of the QIs on the same file (loading), and for Adult the
 * exhaustive evaluation of every node (what the pruning saves). Ratios are the figures to
 * compare across machines.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpecText, type LoadedSpec } from '../src/config/loadSpec.js';
import { openDatabase } from '../src/data/database.js';
import { prepareSearch, runPreparedSearch } from '../src/engine/search.js';
import { NodeEvaluator } from '../src/search/evaluator.js';
import { Lattice } from '../src/search/lattice.js';
import { quoteIdent, quoteString } from '../src/data/sql.js';
import { generateBenchData } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const rows = Number(process.argv[2] ?? 1_000_000);

async function groupByMs(file: string, qis: readonly string[], csv: string): Promise<number> {
  const db = await openDatabase();
  try {
    const t = performance.now();
    await db.rows(`SELECT count(*) FROM (SELECT ${qis.map(quoteIdent).join(', ')}, count(*) FROM ${csv}(${quoteString(file)}) GROUP BY ALL)`);
    return performance.now() - t;
  } finally {
    db.close();
  }
}

async function bench(label: string, loaded: LoadedSpec, exhaustive: boolean): Promise<void> {
  const db = await openDatabase();
  try {
    let t = performance.now();
    const prepared = await prepareSearch(db, loaded);
    const prepareMs = performance.now() - t;
    const lattice = new Lattice(prepared.payload.heights);
    const line: string[] = [`${label.padEnd(30)} ${String(lattice.size).padStart(6)} nodes  prepare ${prepareMs.toFixed(0).padStart(5)} ms`];
    for (const threads of [1, 2]) {
      t = performance.now();
      const r = await runPreparedSearch(loaded, prepared, { threads });
      const ms = performance.now() - t;
      line.push(`${threads}T: ${String(r.lattice.checked).padStart(5)} checked ${ms.toFixed(0).padStart(6)} ms ${((1000 * r.lattice.checked) / ms).toFixed(0).padStart(6)} nodes/s`);
      if (threads === 1 && !r.optimum) line.push('(no optimum)');
    }
    if (exhaustive) {
      const ev = new NodeEvaluator(prepared.payload);
      t = performance.now();
      for (let x = 0; x < lattice.size; x++) ev.evaluate(x, lattice.levels(x));
      const ms = performance.now() - t;
      line.push(`exhaustive ${ms.toFixed(0)} ms`);
    }
    console.log(line.join('  '));
  } finally {
    db.close();
  }
}

const adultQis = ['age', 'education', 'marital-status', 'native-country', 'occupation', 'race', 'sex', 'workclass'];
const adultText = (limit: number) =>
  `dataset: { path: samples/adult/adult.csv, csv: { delimiter: ";" } }
attributes: { quasiIdentifiers: [${adultQis.join(', ')}], insensitive: [salary-class] }
adversary: [prosecutor]
hierarchies:
${adultQis.map((q) => `  ${q}: { file: samples/adult/adult_hierarchy_${q}.csv }`).join('\n')}
search: { suppressionLimit: ${limit}, metric: loss }
thresholds: { k: 5 }
`;

console.log('search bench (loss metric; 1T = in-process, 2T = two worker threads)');
const adultCsv = path.join(root, 'samples/adult/adult.csv');
const adultBase = await groupByMs(adultCsv, adultQis, 'read_csv');
console.log(`adult: DuckDB bare GROUP BY of the 8 QIs ${adultBase.toFixed(0)} ms (baseline)`);
for (const limit of [0, 0.02]) await bench(`adult k=5 suppression ${limit * 100}%`, parseSpecText(adultText(limit), path.join(root, 'adult-bench.yaml'), root), true);

const files = await generateBenchData(rows, path.join(here, 'out'));
const benchQis = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer'];
const benchSpec = `dataset: { path: ${files.parquet} }
attributes: { quasiIdentifiers: [${benchQis.join(', ')}], sensitive: [], insensitive: [diagnosis, los] }
adversary: [prosecutor]
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
thresholds: { k: 5 }
`;
writeFileSync(path.join(here, 'out', 'search-bench.yaml'), benchSpec);
const base = await groupByMs(files.parquet, benchQis, 'read_parquet');
console.log(`generated ${rows} rows: DuckDB bare GROUP BY of the 8 QIs ${base.toFixed(0)} ms (baseline)`);
await bench(`generated ${rows / 1e6}M k=5 suppression 2%`, parseSpecText(benchSpec, path.join(here, 'out', 'search-bench.yaml'), root), false);
