import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ENCOUNTER_COLUMNS,
  encounterLines,
  writeEncounters,
} from '../../samples/generate-encounters.js';

const text = (rows: number, seed: number) => [...encounterLines({ rows, seed })].join('');

/** Minimal RFC 4180 line splitter (the generator never emits line breaks inside fields). */
function parseLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v);
      i++; // comma
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function parse(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = csv.split('\n');
  expect(lines.at(-1)).toBe(''); // trailing newline
  const [head, ...body] = lines.slice(0, -1);
  const header = parseLine(head);
  const rows = body.map((l) => {
    const cells = parseLine(l);
    expect(cells).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
  return { header, rows };
}

const dir = mkdtempSync(join(tmpdir(), 'edra-encounters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generate-encounters', () => {
  const csv = text(4000, 20261122);
  const { header, rows } = parse(csv);

  it('is deterministic for a seed and differs across seeds', async () => {
    expect(text(4000, 20261122)).toBe(csv);
    expect(text(500, 7)).not.toBe(text(500, 8));
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await writeEncounters({ rows: 4000, seed: 20261122, out: a });
    await writeEncounters({ rows: 4000, seed: 20261122, out: b });
    expect(readFileSync(a, 'utf8')).toBe(csv);
    expect(readFileSync(b, 'utf8')).toBe(csv);
  });

  it('the kept samples/encounters.csv is what the documented command produces', () => {
    const kept = readFileSync(new URL('../../samples/encounters.csv', import.meta.url), 'utf8');
    expect(kept).toBe(csv);
  });

  it('writes the header and the requested number of rows', () => {
    expect(header).toEqual([...ENCOUNTER_COLUMNS]);
    expect(rows).toHaveLength(4000);
    expect(parse(text(0, 1)).rows).toHaveLength(0);
    expect(parse(text(17, 1)).rows).toHaveLength(17);
  });

  it('keeps ZIPs as 5-character text, leading zeros included', () => {
    for (const r of rows) expect(r.zip).toMatch(/^\d{5}$/);
    const zeroLed = rows.filter((r) => r.zip.startsWith('0'));
    expect(zeroLed.length).toBeGreaterThan(100);
    expect(csv).toContain(`,${zeroLed[0].zip},`);
    const distinct = new Set(rows.map((r) => r.zip)).size;
    expect(distinct).toBeGreaterThan(200);
    expect(distinct).toBeLessThanOrEqual(300);
  });

  it('discharge_date = admit_date + length_of_stay days', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    for (const r of rows) {
      expect(r.admit_date).toMatch(/^202[45]-\d\d-\d\d$/);
      const los = Number(r.length_of_stay);
      expect(Number.isInteger(los) && los >= 0 && los <= 30).toBe(true);
      expect(day(r.discharge_date) - day(r.admit_date)).toBe(los);
    }
  });

  it('has plausible values, some missing cells and repeat patients', () => {
    for (const r of rows) {
      expect(r.mrn).toMatch(/^MRN\d{7}$/);
      const age = Number(r.age);
      expect(Number.isInteger(age) && age >= 0 && age <= 99).toBe(true);
      expect(['M', 'F', 'U']).toContain(r.sex);
      expect(['Medicare', 'Medicaid', 'Commercial', 'Self-pay', 'Other']).toContain(r.payer);
    }
    const old = rows.filter((r) => Number(r.age) >= 65);
    expect(old.filter((r) => r.payer === 'Medicare').length / old.length).toBeGreaterThan(0.7);
    const emptyRace = rows.filter((r) => r.race === '').length;
    const emptyEth = rows.filter((r) => r.ethnicity === '').length;
    expect(emptyRace).toBeGreaterThan(10);
    expect(emptyRace).toBeLessThan(120);
    expect(emptyEth).toBeGreaterThan(10);
    expect(emptyEth).toBeLessThan(120);
    // A patient's demographics are the same on every encounter.
    const byMrn = new Map<string, string>();
    for (const r of rows) {
      const key = [r.patient_name, r.age, r.sex, r.race, r.zip].join('|');
      const prev = byMrn.get(r.mrn);
      if (prev !== undefined) expect(key).toBe(prev);
      byMrn.set(r.mrn, key);
    }
    expect(byMrn.size).toBeLessThan(rows.length * 0.9);
    expect(new Set(rows.map((r) => r.encounter_id)).size).toBe(rows.length);
  });
});
