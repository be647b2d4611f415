/**
 * Benchmark data: N synthetic person-level rows with 8 quasi-identifiers of realistic
 * cardinality, a skewed sensitive `diagnosis` and an integer `los`, generated entirely inside
 * DuckDB (`FROM range(n)` + hash-based draws; no per-row JS), written as
 * `<dir>/bench_<rows>.parquet` (zstd) and `<dir>/bench_<rows>.csv`.
 *
 *   npx tsx bench/generate.ts 1000000 bench/out
 *
 * Every draw is `hash(i * 32 + k) / 2^64`, a uniform in [0, 1) that depends only on the row
 * number i and the draw number k, so the data is deterministic (for the pinned DuckDB version,
 * whose hash function defines it) and independent of thread count. It is synthetic data for
 * timing only: the hash is not a privacy mechanism and no row describes a real person.
 *
 * Columns and distinct values:
 *   age            INTEGER  0-99 (flat to 64, thinning tail to 99)
 *   sex            VARCHAR  3 (F, M, rare U)
 *   race           VARCHAR  6 (OMB categories, skewed)
 *   zip            VARCHAR  ~30,000 five-digit codes (~10% with a leading zero), Zipf-like
 *   marital_status VARCHAR  6 (under-16s are 'Never married')
 *   education      VARCHAR  16 (ACS-like attainment levels)
 *   year_of_birth  INTEGER  ~100 (2025 - age, or one year earlier: correlated with age)
 *   payer          VARCHAR  8 (Medicare-heavy at 65+)
 *   diagnosis      VARCHAR  500 ICD-10-like codes, Zipf-like
 *   los            INTEGER  length of stay, 0-60, geometric-like (mean ~4)
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const ZIP_RANKS = 30_000;
const DIAGNOSIS_RANKS = 500;

/**
 * The independent draws of a row. Draw k of row i is hash(i * 32 + k) / 2^64. (Not
 * `hash(i, 'name')`: DuckDB combines multi-argument hashes as mix(hash(i)) XOR hash('name'),
 * which makes every draw of a row a fixed XOR of the others — strongly correlated columns.)
 */
const DRAWS = ['age_mix', 'age', 'zip', 'diagnosis', 'sex', 'race', 'marital', 'education', 'birthday', 'payer', 'los'] as const;
const DRAW_STRIDE = 32;

/** Uniform in [0, 1) for row i and a named draw. */
const u = (name: (typeof DRAWS)[number]) => `(hash(i * ${DRAW_STRIDE} + ${DRAWS.indexOf(name)}) / 18446744073709551616.0)`;

/** CASE expression picking labels[k] with probability proportional to weights[k], from uniform `uExpr`. */
function categorical(uExpr: string, labels: readonly string[], weights: readonly number[]): string {
  if (labels.length !== weights.length) throw new Error('labels and weights differ in length');
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const whens = labels.slice(0, -1).map((label, k) => {
    acc += weights[k] / total;
    return `WHEN ${uExpr} < ${acc.toFixed(6)} THEN '${label.replaceAll("'", "''")}'`;
  });
  return `CASE ${whens.join(' ')} ELSE '${labels.at(-1)!.replaceAll("'", "''")}' END`;
}

/**
 * Zipf-like rank in 0 .. n-1 with P(rank r) ~ (r+1)^-s (s != 1), by inverting the CDF of
 * the continuous density x^-s on [1, n+1).
 */
function zipfRank(uExpr: string, n: number, s: number): string {
  const a = 1 - s;
  const top = Math.pow(n + 1, a) - 1;
  return `least(${n - 1}, CAST(floor(pow(1 + ${uExpr} * ${top}, ${1 / a})) AS INTEGER) - 1)`;
}

const RACES = [
  'White',
  'Black or African American',
  'Asian',
  'American Indian or Alaska Native',
  'Native Hawaiian or Other Pacific Islander',
  'Two or More Races',
];
const MARITAL = ['Married', 'Never married', 'Divorced', 'Widowed', 'Separated', 'Unknown'];
const EDUCATION = [
  'No schooling', 'Nursery to grade 4', 'Grade 5 or 6', 'Grade 7 or 8', 'Grade 9', 'Grade 10',
  'Grade 11', 'Grade 12 no diploma', 'High school graduate', 'Some college under 1 year',
  'Some college 1 or more years', 'Associate degree', 'Bachelor degree', 'Master degree',
  'Professional degree', 'Doctorate',
];
const EDUCATION_W = [1.2, 1.5, 1.3, 1.6, 1.5, 1.9, 2.2, 1.8, 23, 6, 14, 8.5, 20, 10, 2.2, 1.6];
const PAYERS = ['Medicare', 'Medicare Advantage', 'Medicaid', 'Commercial PPO', 'Commercial HMO', 'Tricare', 'Self-pay', 'Other'];

export function benchSelectSql(rows: number): string {
  return `
WITH base AS (
  SELECT
    i,
    CASE WHEN ${u('age_mix')} < 0.76
      THEN CAST(floor(${u('age')} * 65) AS INTEGER)
      ELSE 65 + least(34, CAST(floor(35 * (1 - sqrt(${u('age')}))) AS INTEGER))
    END AS age,
    CAST(${zipfRank(u('zip'), ZIP_RANKS, 0.8)} AS BIGINT) AS zip_rank,
    ${zipfRank(u('diagnosis'), DIAGNOSIS_RANKS, 0.9)} AS dx_rank
  FROM range(${rows}) t(i)
)
SELECT
  age,
  CASE WHEN ${u('sex')} < 0.505 THEN 'F' WHEN ${u('sex')} < 0.993 THEN 'M' ELSE 'U' END AS sex,
  ${categorical(u('race'), RACES, [0.6, 0.18, 0.08, 0.03, 0.01, 0.1])} AS race,
  lpad(CAST((zip_rank * 7919 + 1234) % 100000 AS VARCHAR), 5, '0') AS zip,
  CASE WHEN age < 16 THEN 'Never married'
    ELSE ${categorical(u('marital'), MARITAL, [0.48, 0.3, 0.11, 0.06, 0.02, 0.03])} END AS marital_status,
  ${categorical(u('education'), EDUCATION, EDUCATION_W)} AS education,
  2025 - age - CAST(${u('birthday')} < 0.45 AS INTEGER) AS year_of_birth,
  CASE WHEN age >= 65
    THEN ${categorical(u('payer'), PAYERS, [0.52, 0.33, 0.04, 0.04, 0.02, 0.02, 0.01, 0.02])}
    ELSE ${categorical(u('payer'), PAYERS, [0.03, 0.01, 0.24, 0.3, 0.2, 0.03, 0.1, 0.09])}
  END AS payer,
  chr(CAST(65 + dx_rank % 26 AS INTEGER)) || lpad(CAST(dx_rank // 26 * 3 + 10 AS VARCHAR), 2, '0')
    || '.' || CAST(dx_rank % 10 AS VARCHAR) AS diagnosis,
  least(60, CAST(floor(-ln(1 - ${u('los')}) * 4) AS INTEGER)) AS los
FROM base`;
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Writes `<dir>/bench_<rows>.parquet` and `<dir>/bench_<rows>.csv` (skipped when both exist)
 * and returns their paths. Files appear atomically (written under `.tmp`, then renamed).
 */
export async function generateBenchData(rows: number, dir: string, options: { csv?: boolean } = {}): Promise<{ csv: string; parquet: string }> {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`rows must be a non-negative integer, got ${rows}`);
  const parquet = join(dir, `bench_${rows}.parquet`);
  const csv = join(dir, `bench_${rows}.csv`);
  // options.csv false: Parquet only (100M rows as CSV would be 7.7 GB).
  const wantCsv = options.csv ?? true;
  if (existsSync(parquet) && (existsSync(csv) || !wantCsv)) return { csv, parquet };
  mkdirSync(dir, { recursive: true });

  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    // Insertion order is kept by default, so row k of both files is draw k.
    if (!existsSync(parquet)) {
      const tmp = `${parquet}.tmp`;
      rmSync(tmp, { force: true });
      await conn.run(`COPY (${benchSelectSql(rows)}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      renameSync(tmp, parquet);
    }
    if (wantCsv && !existsSync(csv)) {
      const tmp = `${csv}.tmp`;
      rmSync(tmp, { force: true });
      await conn.run(`COPY (FROM read_parquet(${sqlString(parquet)})) TO ${sqlString(tmp)} (FORMAT csv, HEADER true, DELIMITER ',')`);
      renameSync(tmp, csv);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return { csv, parquet };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [rowsArg, dirArg = 'bench/out'] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (rowsArg === undefined || !Number.isSafeInteger(rows) || rows < 0) {
    process.stderr.write('usage: npx tsx bench/generate.ts <rows> [dir=bench/out]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  generateBenchData(rows, dirArg).then(
    ({ csv, parquet }) => {
      process.stderr.write(`${parquet}\n${csv}\n(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
