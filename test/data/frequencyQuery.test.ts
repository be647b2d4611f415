/**
 * The frequency-table query rendered for DuckDB is the one the encode pass runs; rendered
 * for ClickHouse it must group the same way (checked against a real server in
 * test/clickhouse). Here: DuckDB's rendering on a hand-made table, with and without a
 * pushed-down level and weights.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/data/database.js';
import { frequencyColumns, frequencySql, quoteIdentIn, quoteStringIn, type FrequencyQuery } from '../../src/data/frequencyQuery.js';

const table = `(VALUES ('a', 1, 2.0), ('a', 1, 3.5), ('b', 2, NULL), ('c', 2, -1.0), (NULL, 3, 1.0)) t(x, y, w)`;

async function groups(query: FrequencyQuery): Promise<string[]> {
  const db = await openDatabase();
  try {
    const rows = await db.rows(`SELECT * FROM (${frequencySql(query, 'duckdb', table)})`);
    return rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? Number(v) : v))).sort();
  } finally {
    db.close();
  }
}

describe('frequencySql', () => {
  it('groups by the QIs and sensitive attributes, counting records (f)', async () => {
    expect(await groups({ quasiIdentifiers: ['x'], sensitive: ['y'] })).toEqual(
      ['{"q0":"a","s0":1,"f":2}', '{"q0":"b","s0":2,"f":1}', '{"q0":"c","s0":2,"f":1}', '{"q0":null,"s0":3,"f":1}'].sort(),
    );
  });

  it('sums valid weights and counts invalid ones (missing, not positive) apart', async () => {
    const g = await groups({ quasiIdentifiers: ['y'], sensitive: [], weight: 'w' });
    expect(g).toEqual(['{"q0":1,"f":2,"w":5.5,"wbad":0}', '{"q0":2,"f":2,"w":0,"wbad":2}', '{"q0":3,"f":1,"w":1,"wbad":0}'].sort());
  });

  it('a pushed-down level maps listed values to labels, keeps the others, and keeps NULL its own group', async () => {
    const g = await groups({ quasiIdentifiers: ['x'], sensitive: [], levels: [{ mapping: [['a', 'ab'], ['b', 'ab']] }] });
    expect(g).toEqual(['{"q0":"ab","f":3}', '{"q0":"c","f":1}', '{"q0":null,"f":1}'].sort());
  });

  it('names its columns q*, s*, f, w, wbad in order', () => {
    expect(frequencyColumns({ quasiIdentifiers: ['a', 'b'], sensitive: ['s'], weight: 'w' }).map((c) => c.name)).toEqual(['q0', 'q1', 's0', 'f', 'w', 'wbad']);
  });

  it('quotes per dialect, so a name or a value cannot end the identifier or the literal', () => {
    expect(quoteIdentIn('duckdb', 'a"b')).toBe('"a""b"');
    expect(quoteIdentIn('clickhouse', 'a`b\\')).toBe('`a\\`b\\\\`');
    expect(quoteStringIn('clickhouse', "it's \\")).toBe("'it\\'s \\\\'");
    expect(frequencySql({ quasiIdentifiers: ['marital-status'], sensitive: [] }, 'clickhouse', 'db.t')).toBe('SELECT `marital-status` AS q0, toInt32(count()) AS f FROM db.t GROUP BY q0');
  });
});
