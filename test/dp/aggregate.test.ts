/**
 * The release's data pass (src/data/aggregate.ts) on DuckDB: grouping by raw text values,
 * clamping and discretisation of sums, and the person-level contribution cap, whose choice of
 * records must depend on that person's records only (else the sensitivity bound breaks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/data/database.js';
import { openSource } from '../../src/data/source.js';
import { aggregateForRelease, type AggregateRow } from '../../src/data/aggregate.js';
import { tempDir } from '../cli/helpers.js';

const t = tempDir('edra-dp-agg-');
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ threads: 1 });
});
afterAll(() => {
  db.close();
  t.cleanup();
});

const header = 'mrn,cell,los\n';
const others = Array.from({ length: 60 }, (_, i) => `P${i % 20},c${i % 4},${(i * 7) % 13}`).join('\n') + '\n';
// Person Z: 6 records spread over the cells.
const personZ = ['Z,c0,1', 'Z,c1,2', 'Z,c2,3', 'Z,c3,4', 'Z,c0,5', 'Z,c1,6'].join('\n') + '\n';

async function run(name: string, text: string, key: bigint, withValue = false): Promise<Map<string, AggregateRow>> {
  const file = t.file(name, text);
  const source = await openSource(db, file, name, 'csv', {});
  const rows = await aggregateForRelease(
    db,
    source,
    ['cell'],
    withValue ? { column: 'los', lower: 0, upper: 10, granularityN: 1n, granularityD: 2n, lowerUnits: 0n, upperUnits: 20n } : undefined,
    { column: 'mrn', maxRecords: 3, key },
  );
  return new Map(rows.map((r) => [r.keys[0]!, r]));
}

describe('aggregateForRelease', () => {
  it('caps a person at maxRecords; adding a person changes the counts by at most maxRecords in total', async () => {
    const without = await run('d.csv', header + others, 12345n);
    const withZ = await run('d2.csv', header + others + personZ, 12345n);
    let l1 = 0n;
    for (const cell of ['c0', 'c1', 'c2', 'c3']) {
      const diff = (withZ.get(cell)?.records ?? 0n) - (without.get(cell)?.records ?? 0n);
      expect(diff >= 0n).toBe(true);
      l1 += diff;
    }
    expect(l1).toBe(3n);
    // 20 persons with 3 records each: nothing capped
    expect([...without.values()].reduce((s, r) => s + r.records, 0n)).toBe(60n);
  });

  it("a person's kept records do not depend on other persons (row positions shift, the choice does not)", async () => {
    const a = await run('e.csv', header + personZ + others, 999n);
    const b = await run('f.csv', header + others.split('\n').reverse().join('\n') + '\n' + personZ, 999n);
    const z = async (text: string, name: string) => run(name, header + text, 999n);
    const alone = await z(personZ, 'g.csv');
    for (const cell of ['c0', 'c1', 'c2', 'c3']) expect(a.get(cell)?.records).toBe(b.get(cell)?.records);
    expect([...alone.values()].reduce((s, r) => s + r.records, 0n)).toBe(3n);
  });

  it('the keyed hash order changes with the key (the choice is not fixed by the values)', async () => {
    const seen = new Set<string>();
    for (let k = 1n; k <= 8n; k++) {
      const m = await run(`z${k}.csv`, header + personZ, k * 7919n);
      seen.add(['c0', 'c1', 'c2', 'c3'].map((c) => m.get(c)?.records ?? 0n).join(','));
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('sums clamp to the bounds and round to the grid; clamped records are counted', async () => {
    const text = 'mrn,cell,los\nA,c0,2.3\nB,c0,-4\nC,c0,12\nD,c1,\nE,c1,0.24\n';
    const m = await run('s.csv', text, 1n, true);
    // 2.3 -> 5 steps of 0.5; -4 -> 0; 12 -> 20 (clamped to 10)
    expect(m.get('c0')).toMatchObject({ records: 3n, valueCount: 3n, sumUnits: 25n, clamped: 2n });
    // missing value: counted as a record, not as a value; 0.24 -> 0 steps
    expect(m.get('c1')).toMatchObject({ records: 2n, valueCount: 1n, sumUnits: 0n, clamped: 0n });
  });
});
