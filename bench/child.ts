/**
 * One measured run in its own process, so its peak RSS is its own:
 *   tsx bench/child.ts baseline|analyze <data file>
 * Prints one JSON line { ms, maxRssMiB, ... }.
 */
import path from 'node:path';
import { openDatabase } from '../src/data/database.js';
import { quoteIdent, quoteString } from '../src/data/sql.js';
import { parseSpecText } from '../src/config/loadSpec.js';
import { analyze } from '../src/engine/analyze.js';

export const benchQis = ['age', 'sex', 'race', 'zip', 'marital_status', 'education', 'year_of_birth', 'payer'];

const [mode, file] = process.argv.slice(2);
const abs = path.resolve(file);
const reader = abs.endsWith('.parquet') ? `read_parquet(${quoteString(abs)})` : `read_csv(${quoteString(abs)})`;

const start = performance.now();
let extra: Record<string, unknown> = {};
if (mode === 'baseline') {
  // DuckDB's bare GROUP BY of the 8 QIs with COUNT(*), on the same file, as the reference.
  const db = await openDatabase();
  const rows = await db.rows(
    `SELECT count(*)::BIGINT AS classes FROM (SELECT ${benchQis.map(quoteIdent).join(', ')}, count(*) AS f FROM ${reader} GROUP BY ALL)`,
  );
  extra = { classes: Number(rows[0].classes) };
  db.close();
} else {
  const spec = parseSpecText(
    JSON.stringify({
      dataset: { path: abs },
      attributes: { quasiIdentifiers: benchQis, sensitive: [], insensitive: ['diagnosis', 'los'] },
      population: { samplingFraction: 0.01 },
      adversary: ['prosecutor', 'journalist', 'marketer'],
      thresholds: { k: 5, highestRisk: 0.2, averageRisk: 0.05 },
    }),
    'bench',
    process.cwd(),
  );
  const { result } = await analyze(spec);
  extra = { classes: result.classes.count, k: result.k };
}
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ mode, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra }) + '\n');
