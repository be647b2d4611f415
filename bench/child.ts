/**
 * One measured run in its own process, so its peak RSS is its own:
 *   tsx bench/child.ts baseline|analyze|baseline-sensitive|analyze-sensitive|analyze-population <data file>
 * analyze-population adds population uniqueness, individual risk and SUDA2 to analyze.
 * Prints one JSON line { ms, cpuMs, maxRssMiB, ... } (cpuMs: user + system CPU, worker threads included).
 */
import path from 'node:path';
import { openDatabase } from '../src/data/database.js';
import { quoteIdent, quoteString } from '../src/data/sql.js';
import { parseSpecText } from '../src/config/loadSpec.js';
import { analyze } from '../src/engine/analyze.js';

export const benchQis = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer'];
/** Two sensitive attributes of different kinds: a nominal code and a number. */
export const benchSensitive = ['diagnosis', 'los'];

const [mode, file] = process.argv.slice(2);
const abs = path.resolve(file);
const reader = abs.endsWith('.parquet') ? `read_parquet(${quoteString(abs)})` : `read_csv(${quoteString(abs)})`;

const start = performance.now();
let extra: Record<string, unknown> = {};
const withSensitive = mode.endsWith('-sensitive');
if (mode.startsWith('baseline')) {
  // DuckDB's bare GROUP BY of the 8 QIs (and the sensitive attributes) with COUNT(*), on the same file.
  const db = await openDatabase();
  const cols = withSensitive ? [...benchQis, ...benchSensitive] : benchQis;
  const rows = await db.rows(
    `SELECT count(*)::BIGINT AS classes FROM (SELECT ${cols.map(quoteIdent).join(', ')}, count(*) AS f FROM ${reader} GROUP BY ALL)`,
  );
  extra = { classes: Number(rows[0].classes) };
  db.close();
} else {
  const spec = parseSpecText(
    JSON.stringify({
      dataset: { path: abs },
      attributes: withSensitive
        ? { quasiIdentifiers: benchQis, sensitive: benchSensitive }
        : { quasiIdentifiers: benchQis, insensitive: benchSensitive },
      ...(mode === 'analyze-population' ? { individualRisk: {}, suda: { disFraction: 0.01 } } : {}),
      population: { samplingFraction: 0.01 },
      adversary: ['prosecutor', 'journalist', 'marketer'],
      thresholds: { k: 5, highestRisk: 0.2, averageRisk: 0.05 },
    }),
    'bench',
    process.cwd(),
  );
  const { result } = await analyze(spec);
  extra = { classes: withSensitive ? undefined : result.classes.count, k: result.k };
}
const ms = performance.now() - start;
const usage = process.resourceUsage();
// CPU time of the process, worker threads included (user + system).
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(JSON.stringify({ mode, ms, cpuMs, maxRssMiB: usage.maxRSS / 1024, ...extra }) + '\n');
