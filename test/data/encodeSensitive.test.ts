/**
 * The encode pass with sensitive attributes, against an independent straightforward
 * computation: a plain DuckDB GROUP BY (QIs, S) of the same table, rolled up in JS. The
 * table has NULLs in QIs and in S, an integer S (numeric code order: 9 < 10 < 100) and a
 * text S, and its rows come shuffled. What must hold, whatever the row order:
 *  - each group (QI tuple, decoded through the dictionaries) has the count of its records;
 *  - each sensitive attribute's histogram per group (CSR) holds exactly the (value, count)
 *    pairs of the group, codes ascending within a group, every invariant of ClassHistograms;
 *  - dictionaries are sorted (numbers numerically), NULL last, nullCode/missing agree;
 *  - numbered: edra_groups' gid names the group at that index (the per-record writers join on it);
 *  - weights: the weight sum per group; population: the population count per group.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type Database } from '../../src/data/database.js';
import { encodeQuasiIdentifiers, type EncodeOptions, type EncodedData } from '../../src/data/encode.js';
import type { DataSource } from '../../src/data/source.js';
import { quasiIdentifierDictionary, sensitiveDictionary } from '../../src/data/dictionary.js';
import { assertClassHistograms } from '../../src/risk/sensitive/classHistograms.js';

interface Row {
  a: number | null;
  b: string | null;
  s: string | null;
  t: number | null;
  w: number;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  a: fc.option(fc.constantFrom(1, 2, 10, -3), { freq: 5 }),
  b: fc.option(fc.constantFrom('x', 'y', 'Z', ''), { freq: 5 }),
  s: fc.option(fc.constantFrom('flu', 'cold', 'A', 'b'), { freq: 4 }),
  t: fc.option(fc.constantFrom(9, 10, 100, 0, -1), { freq: 4 }),
  w: fc.integer({ min: 1, max: 7 }),
});

/** Tables where no QI is missing throughout (that is an error of its own: qi.allMissing). */
const tableArb = (maxLength: number): fc.Arbitrary<Row[]> =>
  fc.array(rowArb, { minLength: 1, maxLength }).filter((rows) => rows.some((r) => r.a !== null) && rows.some((r) => r.b !== null));

const sql = (v: string | number | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);

/** Loads rows into a table (in the given order) and describes it as a file source. */
async function load(db: Database, name: string, rows: readonly Row[]): Promise<DataSource> {
  await db.exec(`CREATE OR REPLACE TABLE ${name} (a INTEGER, b VARCHAR, s VARCHAR, t INTEGER, w DOUBLE)`);
  if (rows.length > 0) await db.exec(`INSERT INTO ${name} VALUES ${rows.map((r) => `(${sql(r.a)}, ${sql(r.b)}, ${sql(r.s)}, ${sql(r.t)}, ${r.w})`).join(', ')}`);
  return {
    kind: 'file',
    display: `${name}.csv`,
    file: `/nonexistent/${name}.csv`,
    format: 'csv',
    columns: [
      { name: 'a', type: 'INTEGER' },
      { name: 'b', type: 'VARCHAR' },
      { name: 's', type: 'VARCHAR' },
      { name: 't', type: 'INTEGER' },
      { name: 'w', type: 'DOUBLE' },
    ],
    relation: () => name,
    namesMayBeData: false,
    verified: Promise.resolve(),
  };
}

const key = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));

/** Per group (by QI tuple as text): count, weight sum, and each S histogram as sorted [value, count] pairs. */
type Canonical = Map<string, { f: number; w?: number; pop?: number; hist: [string | null, number][][] }>;

/** The independent computation: GROUP BY (QIs, S) in DuckDB, rolled up per QI tuple in JS. */
async function expected(db: Database, table: string, qis: readonly string[], sens: readonly string[], weighted: boolean): Promise<Canonical> {
  const out: Canonical = new Map();
  for (let j = 0; j < sens.length; j++) {
    const rows = await db.rows(
      `SELECT ${qis.map((q) => `${q}::VARCHAR AS ${q}`).join(', ')}, ${sens[j]}::VARCHAR AS v, count(*)::INTEGER AS c, sum(w)::DOUBLE AS w FROM ${table} GROUP BY ALL`,
    );
    for (const r of rows) {
      const k = key(qis.map((q) => r[q]));
      let g = out.get(k);
      if (!g) {
        g = { f: 0, ...(weighted ? { w: 0 } : {}), hist: sens.map(() => []) };
        out.set(k, g);
      }
      if (j === 0) {
        g.f += Number(r.c);
        if (weighted) g.w! += Number(r.w);
      }
      g.hist[j].push([r.v === null ? null : String(r.v), Number(r.c)]);
    }
  }
  return out;
}

/** The encode output decoded to the same shape (checking the CSR layout and dictionaries on the way). */
async function decoded(db: Database, enc: EncodedData, qis: readonly string[], types: readonly string[], pop?: boolean): Promise<Canonical> {
  const dicts = await Promise.all(qis.map((_, i) => quasiIdentifierDictionary(db, i)));
  const groups = enc.table.counts.length;
  const out: Canonical = new Map();
  const sdicts = await Promise.all(enc.sensitive.map((_, j) => sensitiveDictionary(db, j)));
  enc.sensitive.forEach((sd, j) => {
    const h = sd.histograms;
    assertClassHistograms(h);
    expect(h.offsets.length).toBe(groups + 1);
    const dict = sdicts[j];
    expect(h.valueCount).toBe(Math.max(1, dict.length));
    // Sorted, NULL last; numbers in numeric order.
    const present = dict.filter((v) => v !== null);
    const sorted = types[j] === 'INTEGER' ? [...present].sort((x, y) => Number(x) - Number(y)) : [...present].sort((x, y) => (x! < y! ? -1 : x! > y! ? 1 : 0));
    expect(present).toEqual(sorted);
    expect(sd.nullCode).toBe(dict.includes(null) ? dict.length - 1 : -1);
    if (dict.includes(null)) expect(dict.indexOf(null)).toBe(dict.length - 1);
    let missing = 0;
    for (let e = 0; e < h.values.length; e++) if (h.values[e] === sd.nullCode) missing += h.counts[e];
    expect(sd.missing).toBe(missing);
    for (let g = 0; g < groups; g++) {
      let sum = 0;
      for (let e = h.offsets[g]; e < h.offsets[g + 1]; e++) {
        sum += h.counts[e];
        if (e > h.offsets[g]) expect(h.values[e]).toBeGreaterThan(h.values[e - 1]);
      }
      expect(sum).toBe(enc.table.counts[g]);
    }
  });
  for (let g = 0; g < groups; g++) {
    const k = key(qis.map((_, i) => dicts[i][enc.table.codes[i][g]]));
    expect(out.has(k)).toBe(false);
    out.set(k, {
      f: enc.table.counts[g],
      ...(enc.weightSums ? { w: enc.weightSums[g] } : {}),
      ...(pop ? { pop: enc.populationSizes![g] } : {}),
      hist: enc.sensitive.map((sd, j) => {
        const h = sd.histograms;
        const pairs: [string | null, number][] = [];
        for (let e = h.offsets[g]; e < h.offsets[g + 1]; e++) pairs.push([sdicts[j][h.values[e]], h.counts[e]]);
        return pairs;
      }),
    });
  }
  return out;
}

function sortHist(c: Canonical): Canonical {
  for (const g of c.values()) for (const h of g.hist) h.sort((x, y) => key(x[0]).localeCompare(key(y[0])));
  return c;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let x = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const QIS = ['a', 'b'];
const SENS = ['s', 't'];
const TYPES = ['VARCHAR', 'INTEGER'];

describe('encodeQuasiIdentifiers with sensitive attributes', () => {
  it('equals a plain GROUP BY (QIs, S) rolled up per QI tuple, whatever the row order (NULLs in QIs and S)', async () => {
    const db = await openDatabase();
    try {
      await fc.assert(
        fc.asyncProperty(tableArb(60), fc.integer(), fc.boolean(), async (rows, seed, numbered) => {
          const src = await load(db, 't_in', rows);
          const want = sortHist(await expected(db, 't_in', QIS, SENS, false));
          const enc = await encodeQuasiIdentifiers(db, src, QIS, { sensitive: SENS, numbered });
          expect(enc.rows).toBe(rows.length);
          expect(enc.sensitive.map((s) => s.type)).toEqual(TYPES);
          const got = await decoded(db, enc, QIS, TYPES);
          expect(sortHist(got)).toEqual(want);
          if (numbered) await checkGids(db, enc, QIS);
          // The same records in another order: the same groups and histograms.
          const src2 = await load(db, 't_in2', shuffled(rows, seed));
          const enc2 = await encodeQuasiIdentifiers(db, src2, QIS, { sensitive: SENS, numbered });
          expect(sortHist(await decoded(db, enc2, QIS, TYPES))).toEqual(want);
        }),
        { numRuns: 60 },
      );
    } finally {
      db.close();
    }
  });

  it('with weights and a population table: the weight sum and population count of each group', async () => {
    const db = await openDatabase();
    try {
      await fc.assert(
        fc.asyncProperty(tableArb(40), fc.array(rowArb, { minLength: 0, maxLength: 40 }), async (rows, popRows) => {
          const src = await load(db, 't_w', rows);
          await load(db, 't_pop', popRows);
          const options: EncodeOptions = { sensitive: ['t'], weight: 'w', population: { relation: 't_pop', display: 'pop.csv', format: 'csv' } };
          const enc = await encodeQuasiIdentifiers(db, src, QIS, options);
          const want = sortHist(await expected(db, 't_w', QIS, ['t'], true));
          const popCount = new Map<string, number>();
          for (const r of popRows) {
            const k = key([r.a === null ? null : String(r.a), r.b]);
            popCount.set(k, (popCount.get(k) ?? 0) + 1);
          }
          for (const [k, g] of want) g.pop = popCount.get(k) ?? -1;
          expect(sortHist(await decoded(db, enc, QIS, ['INTEGER'], true))).toEqual(want);
          await checkGids(db, enc, QIS);
        }),
        { numRuns: 40 },
      );
    } finally {
      db.close();
    }
  });

  it('a table whose QI codes do not fit a 64-bit mixed-radix key still groups exactly', async () => {
    // 16 QIs of 32 values each: 32^16 = 2^80 tuples.
    const db = await openDatabase();
    try {
      const qis = Array.from({ length: 16 }, (_, i) => `c${i}`);
      await db.exec(
        `CREATE TABLE wide AS SELECT ${qis.map((c, i) => `((r * ${i * 7 + 3}) % 32)::INTEGER AS ${c}`).join(', ')}, (r % 5)::VARCHAR AS s, 1.0 AS w FROM range(2000) t(r)`,
      );
      const src: DataSource = {
        kind: 'file',
        display: 'wide.csv',
        file: '/nonexistent/wide.csv',
        format: 'csv',
        columns: [...qis.map((name) => ({ name, type: 'INTEGER' })), { name: 's', type: 'VARCHAR' }, { name: 'w', type: 'DOUBLE' }],
        relation: () => 'wide',
        namesMayBeData: false,
        verified: Promise.resolve(),
      };
      const enc = await encodeQuasiIdentifiers(db, src, qis, { sensitive: ['s'] });
      const want = sortHist(await expected(db, 'wide', qis, ['s'], false));
      expect(sortHist(await decoded(db, enc, qis, ['VARCHAR']))).toEqual(want);
    } finally {
      db.close();
    }
  });
});

/** edra_groups holds each group's QI values with the gid of its index in the arrays. */
async function checkGids(db: Database, enc: EncodedData, qis: readonly string[]): Promise<void> {
  const dicts = await Promise.all(qis.map((_, i) => quasiIdentifierDictionary(db, i)));
  const rows = await db.rows(`SELECT ${qis.map((_, i) => `q${i}::VARCHAR AS q${i}`).join(', ')}, gid FROM edra_groups`);
  expect(rows.length).toBe(enc.table.counts.length);
  for (const r of rows) {
    const g = Number(r.gid);
    expect(qis.map((_, i) => (r[`q${i}`] === null ? null : String(r[`q${i}`])))).toEqual(qis.map((_, i) => dicts[i][enc.table.codes[i][g]]));
  }
}
