import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedHierarchy } from '../../src/model/hierarchy.js';
import { hierarchySummary } from '../../src/hierarchy/summary.js';
import { isConsistent, labelsAt, resolve } from './helpers.js';

const dir = path.resolve(import.meta.dirname, '..', '..', 'samples', 'adult');

/** Distinct values per column of samples/adult/adult.csv (';', CRLF, header row, no quoting). */
function adultDictionaries(): Map<string, string[]> {
  const lines = readFileSync(path.join(dir, 'adult.csv'), 'utf8').split('\r\n').filter((l) => l.length > 0);
  const header = lines[0].split(';');
  const sets = header.map(() => new Set<string>());
  for (const line of lines.slice(1)) line.split(';').forEach((v, i) => sets[i].add(v));
  return new Map(header.map((h, i) => [h, [...sets[i]]]));
}

const dicts = adultDictionaries();
const qis: [string, number][] = [
  ['age', 4],
  ['education', 3],
  ['marital-status', 2],
  ['native-country', 2],
  ['occupation', 2],
  ['race', 1],
  ['sex', 1],
  ['workclass', 2],
];
const resolved = new Map<string, ResolvedHierarchy>(qis.map(([q]) => [q, resolve({ file: `adult_hierarchy_${q}.csv` }, dicts.get(q)!, q, dir)]));

/** The label of a value at a level. */
function labelOf(q: string, value: string, level: number): string | null {
  const h = resolved.get(q)!;
  return labelsAt(h, level)[dicts.get(q)!.indexOf(value)];
}

describe('Adult sample hierarchies (ARX files, taken literally)', () => {
  it('reads the data as documented in SOURCE.md', () => {
    expect(dicts.get('age')).toHaveLength(72);
    expect(dicts.get('native-country')).toHaveLength(41);
    expect(dicts.get('workclass')).toHaveLength(7);
  });

  it('every QI hierarchy covers the data, with the usual heights, and is consistent', () => {
    for (const [q, height] of qis) {
      const h = resolved.get(q)!;
      expect(h.height, q).toBe(height);
      expect(h.kind).toBe('file');
      expect(h.sizes[0], q).toBe(dicts.get(q)!.length);
      expect(h.sizes[height], q).toBe(1);
      expect(h.labels[height], q).toEqual(['*']);
      expect(isConsistent(h), q).toBe(true);
    }
  });

  it('age bands are shifted by one, as the file says', () => {
    expect(labelOf('age', '20', 1)).toBe('15-19');
    expect(labelOf('age', '21', 1)).toBe('20-24');
    expect(labelOf('age', '90', 1)).toBe('85-89');
    expect(labelOf('age', '20', 2)).toBe('10-19');
    expect(labelOf('age', '40', 3)).toBe('20-39');
    expect(labelOf('age', '41', 3)).toBe('40-59');
  });

  it('a few categorical labels', () => {
    expect([1, 2, 3].map((l) => labelOf('education', 'Bachelors', l))).toEqual(['Undergraduate', 'Higher education', '*']);
    expect(labelOf('native-country', 'Cambodia', 1)).toBe('Asia');
    expect(labelOf('marital-status', 'Divorced', 1)).toBe('spouse not present');
    expect(labelOf('workclass', 'Self-emp-inc', 1)).toBe('Non-Government');
    expect(labelOf('occupation', 'Craft-repair', 1)).toBe('Technical');
  });

  it('shares sum to 1 per level where every row of the file is in the data', () => {
    for (const q of ['education', 'marital-status', 'native-country', 'occupation', 'race', 'sex']) {
      const h = resolved.get(q)!;
      expect(h.leaves, q).toBe(dicts.get(q)!.length);
      for (let l = 0; l <= h.height; l++) expect(h.shares[l].reduce((a, b) => a + b, 0), `${q} level ${l}`).toBeCloseTo(1, 12);
    }
  });

  it('shares are relative to the rows of the file, not the data', () => {
    const wc = resolved.get('workclass')!; // 8 rows; Never-worked is not in the data
    expect(wc.leaves).toBe(8);
    expect(wc.shares[0].reduce((a, b) => a + b, 0)).toBeCloseTo(7 / 8, 12);
    const age = resolved.get('age')!; // ages 1..100 in the file, 17..90 in the data
    expect(age.leaves).toBe(100);
    expect(age.shares[1][age.maps[1][dicts.get('age')!.indexOf('20')]]).toBe(5 / 100);
    expect(Array.from(age.shares[4])).toEqual([1]);
    expect(age.domain(1)).toHaveLength(20);
  });

  it('summary for the report', () => {
    expect(hierarchySummary(resolved.get('education')!)).toEqual({ attribute: 'education', kind: 'file', height: 3, sizes: [16, 5, 3, 1] });
  });
});
