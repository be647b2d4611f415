/**
 * edra on a real ClickHouse: two servers of Debian's clickhouse-server as two shards, with
 * Distributed tables over them (scripts/clickhouse/localCluster.ts). The same data as a CSV
 * in the embedded DuckDB must give exactly the same figures; only grouped counts may come
 * back; the search finds the same optimum; errors are one line with a rule.
 *
 * The suite includes this file when the server binary is present or EDRA_REQUIRE_CLICKHOUSE=1
 * (CI sets it, after installing the package): there a missing binary fails here with the
 * install hint (vitest.config.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShardedTable, startLocalCluster, TEST_PASSWORD, type LocalCluster } from '../../scripts/clickhouse/localCluster.js';
import { loadSpec, parseSpecText, type LoadedSpec } from '../../src/config/loadSpec.js';
import { analyze } from '../../src/engine/analyze.js';
import { search } from '../../src/engine/search.js';
import { openDatabase } from '../../src/data/database.js';
import { ClickHouseClient, type Received } from '../../src/data/clickhouse/client.js';
import { frequencySql, type FrequencyQuery } from '../../src/data/frequencyQuery.js';
import { quoteString } from '../../src/data/sql.js';

const repoRoot = path.resolve(__dirname, '../..');
const bin = path.join(repoRoot, 'bin', 'edra.js');
const analyses = path.join(repoRoot, 'analyses');
let cluster: LocalCluster;
let dir: string;

/** The spec text with its dataset block replaced by the ClickHouse table. */
function remoteSpecText(specFile: string, table: string, url = cluster.urls[0], extra = ''): string {
  const text = readFileSync(specFile, 'utf8');
  const block = `dataset:\n  engine: clickhouse\n  url: ${url}\n  table: ${table}\n  retries: 0\n${extra}`;
  const out = text.replace(/^dataset:\n(?: {2}.*\n)+/m, block);
  expect(out).not.toBe(text);
  return out;
}

function remoteSpec(specFile: string, table: string): LoadedSpec {
  return parseSpecText(remoteSpecText(specFile, table), specFile, path.dirname(specFile));
}

/** A result without what must differ between a file and a table (where, what format, the digest, when, how long). */
function figures(result: unknown): unknown {
  const volatile = new Set(['generatedAt', 'elapsedMs', 'specText', 'commandLine', 'spec']);
  const strip = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => strip(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (volatile.has(k)) continue;
        if (key === 'dataset' && (k === 'path' || k === 'format' || k === 'sha256')) continue;
        out[k] = strip(x, k);
      }
      return out;
    }
    return v;
  };
  return strip(result);
}

/** Loads a CSV into the sharded table `name` (every other record on each shard), through DuckDB as TSV with \N for missing. */
async function loadCsv(name: string, csv: string, delimiter: string, columns: string): Promise<void> {
  await createShardedTable(cluster, name, columns);
  const db = await openDatabase();
  try {
    const out = path.join(dir, `${name}.tsv`);
    await db.exec(`COPY (SELECT * FROM read_csv(${quoteString(csv)}, delim = ${quoteString(delimiter)}, header = true, all_varchar = true)) TO ${quoteString(out)} (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', NULLSTR '\\N')`);
    const lines = readFileSync(out, 'utf8').replaceAll('\r', '').split('\n').filter((l) => l.length > 0);
    for (let i = 0; i < cluster.urls.length; i++) {
      const part = lines.filter((_, r) => r % cluster.urls.length === i).join('\n') + '\n';
      await cluster.query(i, `INSERT INTO default.${name}_local FORMAT TabSeparated`, part);
    }
  } finally {
    db.close();
  }
}

const GEN_ROWS_PER_SHARD = 500_000;
const genColumns = 'age UInt8, sex String, zip String, race Nullable(String), diagnosis String, los UInt16, weight Float64';
/** A deterministic generated table: 1M records, ZIPs with a leading zero, missing races, weights (multiples of 1/2, summed exactly). */
const genSelect = (offset: number) =>
  `SELECT toUInt8((n * 7 + intDiv(n, 13)) % 91), if(n % 2 = 0, 'F', 'M'), concat('0', toString(1000 + (n * 31) % 200)), if(n % 50 = 0, NULL, arrayElement(['White', 'Black', 'Asian', 'Native', 'Other'], (n % 5) + 1)), concat('D', toString((n * 17) % 20)), toUInt16(n % 31), 0.5 * (1 + n % 7) FROM (SELECT number + ${offset} AS n FROM numbers(${GEN_ROWS_PER_SHARD}))`;
const genSpec = (datasetBlock: string) => `name: generated, 1M records on two shards
${datasetBlock}
attributes:
  quasiIdentifiers: [age, sex, zip, race]
  sensitive: [diagnosis, los]
adversary: [prosecutor, journalist, marketer]
population: { samplingFraction: 0.05 }
individualRisk: { weight: weight }
sensitive:
  los: { distance: ordered }
hierarchies:
  age: { intervals: { width: [5, 10, 20] } }
  zip: { mask: { levels: [5, 3, 1, 0] } }
thresholds: { k: 2, l: 2, t: 0.6 }
`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edra-ch-test-'));
  cluster = await startLocalCluster(2);
  await loadCsv('adult', path.join(repoRoot, 'samples/adult/adult.csv'), ';', 'sex String, age UInt8, race String, `marital-status` String, education String, `native-country` String, workclass String, occupation String, `salary-class` String');
  await loadCsv(
    'encounters',
    path.join(repoRoot, 'samples/encounters.csv'),
    ',',
    'encounter_id String, mrn String, patient_name String, age UInt8, sex String, race Nullable(String), ethnicity Nullable(String), zip String, admit_date Date, discharge_date Date, diagnosis String, payer String, length_of_stay UInt16',
  );
  await createShardedTable(cluster, 'gen', genColumns);
  for (let i = 0; i < 2; i++) await cluster.query(i, `INSERT INTO default.gen_local ${genSelect(i * GEN_ROWS_PER_SHARD)}`);
  // The same records as a CSV for the DuckDB side (the test reads them; edra never does).
  const csv = await cluster.query(0, 'SELECT * FROM default.gen FORMAT CSVWithNames');
  writeFileSync(path.join(dir, 'gen.csv'), csv);
  writeFileSync(path.join(dir, 'gen-file.yaml'), genSpec(`dataset:\n  path: gen.csv\n  csv: { nullStrings: ['\\N'] }`));
  writeFileSync(path.join(dir, 'gen-remote.yaml'), genSpec(`dataset:\n  engine: clickhouse\n  url: ${cluster.urls[0]}\n  table: gen`));
}, 180_000);

afterAll(() => {
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('edra analyze on a 2-shard Distributed table', () => {
  it('the tables hold the records, spread over both shards', async () => {
    expect(Number(await cluster.query(0, 'SELECT count() FROM default.adult'))).toBe(30162);
    expect(Number(await cluster.query(0, 'SELECT count() FROM default.gen'))).toBe(2 * GEN_ROWS_PER_SHARD);
    for (let i = 0; i < 2; i++) expect(Number(await cluster.query(i, 'SELECT count() FROM default.encounters_local'))).toBe(2000);
  });

  for (const spec of ['adult-search.yaml', 'encounters.yaml', 'encounters-attributes.yaml', 'encounters-prosecutor.yaml']) {
    it(`${spec}: every figure equals the CSV's in DuckDB (classes, risks, sensitive measures, population estimators, verdict, warnings)`, async () => {
      const file = await analyze(loadSpec(path.join(analyses, spec)));
      const remote = await analyze(remoteSpec(path.join(analyses, spec), spec.startsWith('adult') ? 'adult' : 'encounters'));
      expect(remote.result.dataset.format).toBe('clickhouse');
      expect(remote.result.dataset.path).toBe(`clickhouse://${new URL(cluster.urls[0]).host}/default.${spec.startsWith('adult') ? 'adult' : 'encounters'}`);
      expect(figures(remote.result)).toEqual(figures(file.result));
      expect(remote.result.verdict).toBe(file.result.verdict);
    });
  }

  it('1M generated records with missing values, weights and two sensitive attributes: the same figures as the CSV', async () => {
    const file = await analyze(loadSpec(path.join(dir, 'gen-file.yaml')));
    const received: Received[] = [];
    const remote = await analyze(loadSpec(path.join(dir, 'gen-remote.yaml')), { onReceived: (r) => received.push(r) });
    expect(remote.result.records).toBe(1_000_000);
    expect(remote.result.classes.count).toBeGreaterThan(1000);
    expect(figures(remote.result)).toEqual(figures(file.result));
    // Only the grouped answer: one line per (class, diagnosis, los) tuple, far fewer than the records.
    const freq = received.filter((r) => r.purpose === 'frequency table');
    expect(freq).toHaveLength(1);
    const db = await openDatabase();
    try {
      const tuples = Number((await db.rows(`SELECT count(*)::BIGINT AS n FROM (SELECT DISTINCT age, sex, zip, race, diagnosis, los FROM read_csv(${quoteString(path.join(dir, 'gen.csv'))}, all_varchar = true))`))[0].n);
      expect(freq[0].lines).toBe(tuples + 1); // + the header line
      expect(tuples).toBeLessThan(remote.result.records);
    } finally {
      db.close();
    }
    for (const r of received.filter((x) => x.purpose !== 'frequency table')) expect(r.lines).toBeLessThanOrEqual(20);
  });

  it('nothing received holds a record: the answers carry no identifying column and no more lines than groups', async () => {
    const received: Received[] = [];
    const loaded = remoteSpec(path.join(analyses, 'encounters.yaml'), 'encounters');
    const r = await analyze(loaded, { onReceived: (x) => received.push(x) });
    expect(received.map((x) => x.purpose).sort()).toEqual(['fingerprint', 'frequency table', 'schema', 'value hints']);
    const freq = received.find((x) => x.purpose === 'frequency table')!;
    expect(freq.lines - 1).toBeLessThan(r.result.dataset.rows);
    // Proof by the query itself: the grouped answer is over the QIs and sensitive attributes only.
    const sql = frequencySql({ quasiIdentifiers: loaded.spec.attributes.quasiIdentifiers, sensitive: loaded.spec.attributes.sensitive }, 'clickhouse', 'default.encounters');
    for (const id of loaded.spec.attributes.identifying) expect(sql).not.toContain(id);
    const answer = await cluster.query(0, `${sql} FORMAT CSVWithNames`);
    expect(answer).not.toMatch(/MRN\d{7}|ENC\d{8}/);
    expect(answer.trim().split('\n').length).toBe(freq.lines);
  });
});

describe('edra search on a remote table', () => {
  it('finds the same optimum as on the CSV (Adult, k = 5, 2 % suppression)', async () => {
    const file = await search(loadSpec(path.join(analyses, 'adult-search.yaml')));
    const remote = await search(remoteSpec(path.join(analyses, 'adult-search.yaml'), 'adult'));
    expect(remote.optimum).toEqual(file.optimum);
    expect(remote.lattice).toEqual(file.lattice);
  });
});

describe('the table fingerprint', () => {
  it('does not depend on the shard layout, and changes with one record', async () => {
    await cluster.query(1, 'DROP TABLE IF EXISTS default.adult_one');
    await cluster.query(1, 'CREATE TABLE default.adult_one AS default.adult_local ENGINE = MergeTree ORDER BY tuple()');
    await cluster.query(1, `INSERT INTO default.adult_one SELECT * FROM remote('127.0.0.1:${await tcpPortOf(0)}', default, adult)`);
    const spec = path.join(analyses, 'adult-search.yaml');
    const one = await analyze(parseSpecText(remoteSpecText(spec, 'adult_one', cluster.urls[1]), spec, analyses));
    const two = await analyze(remoteSpec(spec, 'adult'));
    const file = await analyze(loadSpec(spec));
    expect(one.result.dataset.sha256).toBe(two.result.dataset.sha256);
    expect(one.result.dataset.sha256).not.toBe(file.result.dataset.sha256); // a digest of the table, not of the file's bytes
    await cluster.query(1, "INSERT INTO default.adult_one SELECT * FROM default.adult_one LIMIT 1");
    const changed = await analyze(parseSpecText(remoteSpecText(spec, 'adult_one', cluster.urls[1]), spec, analyses));
    expect(changed.result.dataset.sha256).not.toBe(one.result.dataset.sha256);
  });
});

describe('a determination on a remote table', () => {
  it('edra verify --spec and edra diff tell whether the table changed since the report (by its fingerprint)', async () => {
    const adult = path.join(analyses, 'adult-search.yaml');
    const spec = path.join(dir, 'adult-one.yaml');
    writeFileSync(spec, remoteSpecText(adult, 'adult_one', cluster.urls[1]).replaceAll('../samples', path.join(repoRoot, 'samples')));
    const edra = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
    const first = edra('analyze', spec, '--quiet', '--report', path.join(dir, 'one.html'), '--out', path.join(dir, 'run-one.json'));
    expect(first.stderr).toBe('');
    expect([0, 1, 4]).toContain(first.status);
    const intact = edra('verify', path.join(dir, 'one.html'), '--spec', spec, '--on', '2026-01-01');
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^data\s+clickhouse:\/\/127\.0\.0\.1:\d+\/default\.adult_one: same fingerprint as the table the report measures$/m);
    const html = readFileSync(path.join(dir, 'one.html'), 'utf8');
    expect(html).toContain('<tr><th>Fingerprint of the table</th>');
    expect(html).toContain('only those counts (one line per group, never a record) came back');
    expect(html).not.toContain('SHA-256 of the file');
    await cluster.query(1, 'INSERT INTO default.adult_one SELECT * FROM default.adult_one LIMIT 1');
    const changed = edra('verify', path.join(dir, 'one.html'), '--spec', spec, '--on', '2026-01-01');
    expect(changed.status).toBe(6);
    expect(changed.stdout).toMatch(/^data\s+CHANGED: clickhouse:\/\/.*adult_one has fingerprint [0-9a-f]{64}, which the report does not state$/m);
    const second = edra('analyze', spec, '--quiet', '--out', path.join(dir, 'two.json'));
    expect([0, 1, 4]).toContain(second.status);
    const diff = edra('diff', path.join(dir, 'run-one.json'), path.join(dir, 'two.json'));
    expect(diff.stdout).toMatch(/^data\s+changed: sha256 [0-9a-f]{12} -> [0-9a-f]{12}$/m);
  });
});

describe('levels pushed down into the query', () => {
  it('renders a generalization as transform() in ClickHouse and CASE in DuckDB, with the same groups', async () => {
    const query: FrequencyQuery = {
      quasiIdentifiers: ['sex', 'race'],
      sensitive: [],
      levels: [undefined, { mapping: [['White', 'W'], ['Black', 'B-or-other'], ['Other', 'B-or-other']] }],
    };
    const remote = (await cluster.query(0, `${frequencySql(query, 'clickhouse', 'default.adult')} ORDER BY q0, q1 FORMAT TabSeparated`)).trim().split('\n').sort();
    const db = await openDatabase();
    try {
      const rel = `read_csv(${quoteString(path.join(repoRoot, 'samples/adult/adult.csv'))}, delim = ';', header = true, all_varchar = true)`;
      const local = (await db.rows(`SELECT q0, q1, f FROM (${frequencySql(query, 'duckdb', rel)})`)).map((r) => `${r.q0}\t${r.q1}\t${r.f}`).sort();
      expect(remote).toEqual(local);
      expect(local.some((l) => l.includes('B-or-other'))).toBe(true);
      expect(local.some((l) => l.includes('Asian-Pac-Islander'))).toBe(true); // not in the mapping: kept
    } finally {
      db.close();
    }
  });
});

describe('errors: one line, a rule, the right exit code, no value and no credential', () => {
  const runBin = (spec: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) => {
    const file = path.join(dir, `err-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, spec);
    return spawnSync(process.execPath, [bin, 'analyze', file, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  };
  const adult = path.join(analyses, 'adult-search.yaml');
  const withPaths = (t: string) => t.replaceAll('../samples', path.join(repoRoot, 'samples'));

  it('an unreachable server: exit 3, clickhouse.unreachable', async () => {
    const port = await closedPort();
    const r = runBin(withPaths(remoteSpecText(adult, 'adult', `http://127.0.0.1:${port}`)));
    expect(r.status).toBe(3);
    expect(r.stderr.split('\n')[0]).toMatch(/cannot reach the ClickHouse server \(connection refused; tried 1 time\(s\)\) \[rule: clickhouse\.unreachable\]/);
  });

  it('a missing table: exit 2, clickhouse.tableMissing', () => {
    const r = runBin(withPaths(remoteSpecText(adult, 'no_such_table')));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the table does not exist .*\[rule: clickhouse\.tableMissing\]/);
  });

  it('an absent column: exit 2, spec.unknownColumn, as for a file', () => {
    const r = runBin(withPaths(remoteSpecText(adult, 'adult')).replace('race, sex', 'rase, sex'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rase.*\[rule: spec\.unknownColumn\]/);
  });

  it('credentials come from the environment; a wrong password is clickhouse.auth and never printed', () => {
    const spec = withPaths(remoteSpecText(adult, 'adult'));
    const ok = runBin(spec, { EDRA_CLICKHOUSE_USER: 'edra', EDRA_CLICKHOUSE_PASSWORD: TEST_PASSWORD }, ['--json']);
    expect(ok.status).toBe(1); // read and measured: Adult as read is not 5-anonymous
    expect(JSON.parse(ok.stdout).k).toBe(1);
    expect(ok.stdout).not.toContain(TEST_PASSWORD);
    const bad = runBin(spec, { EDRA_CLICKHOUSE_USER: 'edra', EDRA_CLICKHOUSE_PASSWORD: 'not-the-password-x9' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/\[rule: clickhouse\.auth\]/);
    expect(bad.stderr).not.toContain('not-the-password-x9');
  });

  it('a URL with credentials in it is a spec error', () => {
    const r = runBin(withPaths(remoteSpecText(adult, 'adult', 'http://edra:secret@127.0.0.1:8123')));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no user or password in the URL/);
    expect(r.stderr).not.toContain('secret');
  });

  it('per-record outputs are refused before any query: exit 2, dataset.remoteRecords', () => {
    const spec = withPaths(remoteSpecText(adult, 'adult'));
    const r = runBin(spec, {}, ['--record-risk', path.join(dir, 'risks.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[rule: dataset\.remoteRecords\]/);
  });

  it('a query over its time limit: clickhouse.timeout', async () => {
    const client = new ClickHouseClient({ url: cluster.urls[0], display: 'test', timeoutSeconds: 1, retries: 0 });
    await expect(client.text('SELECT sleep(3)', 'slow')).rejects.toThrow(/\[rule: clickhouse\.timeout\]/);
  });
});

/** A loopback port nothing listens on (just freed). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The native TCP port of server i (from its config, as system.settings does not show it on 18.16). */
async function tcpPortOf(i: number): Promise<number> {
  const text = await cluster.query(i, "SELECT port FROM system.clusters WHERE cluster = 'edra_shards' ORDER BY shard_num FORMAT TabSeparated");
  return Number(text.trim().split('\n')[i]);
}
