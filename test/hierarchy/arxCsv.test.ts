import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, SpecError } from '../../src/errors.js';
import { arxGeneralizer, checkArxConsistency, readArxHierarchy } from '../../src/hierarchy/arxCsv.js';
import { labelsAt, resolve, scratch, thrown } from './helpers.js';

const t = scratch();
afterAll(() => t.cleanup());

describe('ARX hierarchy files', () => {
  it('records the line of each row, skipping empty lines', () => {
    const f = t.file('lines.csv', 'a;x;*\r\n\r\nb;x;*\r\nc;y;*\r\n');
    const table = readArxHierarchy(f, 'lines.csv');
    expect(table.lines).toEqual([1, 3, 4]);
    expect(table.levels).toBe(3);
  });

  it('a value maps by its row, literally; domain(l) = labels of column l in file order', () => {
    const g = arxGeneralizer(readArxHierarchy(t.file('lit.csv', '20;15-19;*\n21;20-24;*\n19;15-19;*\n'), 'lit.csv'));
    expect(g.kind).toBe('file');
    expect(g.height).toBe(2);
    expect(g.generalize('20')).toEqual(['15-19', '*']);
    expect(g.generalize('22')).toBeUndefined();
    expect(g.domain(0)).toEqual(['20', '21', '19']);
    expect(g.domain(1)).toEqual(['15-19', '20-24']);
    expect(g.domain(2)).toEqual(['*']);
    expect(g.leaves?.total).toBe(3);
    expect(g.leaves?.under(1, '15-19')).toBe(2);
  });

  it('two parents: DataError hierarchy.inconsistent naming the file, line and level, not the labels', () => {
    const f = t.file('two.csv', 'a;SECRETLABEL;P\n\nb;x;Q\nc;SECRETLABEL;R\n');
    const e = thrown(() => checkArxConsistency(readArxHierarchy(f, 'hierarchies/two.csv'), 'zip'));
    expect(e).toBeInstanceOf(DataError);
    expect(e.exitCode).toBe(3);
    expect(e.location).toEqual({ file: 'hierarchies/two.csv', line: 4, column: 'zip', rule: 'hierarchy.inconsistent' });
    expect(e.message).toBe(
      'hierarchies/two.csv:4: the level-1 label of this row has another level-2 label on line 1: a label must have a single parent [rule: hierarchy.inconsistent]',
    );
    expect(e.message).not.toMatch(/SECRET|P|R\b/);
  });

  it('resolving an inconsistent file fails even when the data uses only consistent rows', () => {
    t.file('bad.csv', 'a;g;*\nb;g;*\nc;h;X\nd;h;Y\n');
    const e = thrown(() => resolve({ file: 'bad.csv' }, ['a', 'b'], 'q', t.dir));
    expect(e.location.rule).toBe('hierarchy.inconsistent');
  });

  it('a missing file: SpecError hierarchy.unreadable (exit 2)', () => {
    const e = thrown(() => resolve({ file: 'nope.csv' }, ['a'], 'q', t.dir));
    expect(e).toBeInstanceOf(SpecError);
    expect(e.exitCode).toBe(2);
    expect(e.location).toMatchObject({ file: 'nope.csv', rule: 'hierarchy.unreadable' });
  });

  it('resolves relative to the spec directory with the declared delimiter', () => {
    t.file('pipe.csv', 'a|g|*\nb|g|*\nc|h|*\n');
    const h = resolve({ file: 'pipe.csv', delimiter: '|' }, ['c', 'a'], 'q', t.dir);
    expect(labelsAt(h, 1)).toEqual(['h', 'g']);
    expect(path.isAbsolute(t.dir)).toBe(true);
  });

  it('shares count the rows of the file, not the data', () => {
    t.file('share.csv', 'a;g;*\nb;g;*\nc;g;*\nd;h;*\n');
    const h = resolve({ file: 'share.csv' }, ['a', 'd', null], 'q', t.dir);
    expect(h.leaves).toBe(4);
    expect(labelsAt(h, 1)).toEqual(['g', 'h', null]);
    expect(Array.from(h.shares[0])).toEqual([0.25, 0.25, 0.25]);
    expect(Array.from(h.shares[1])).toEqual([0.75, 0.25, 0.25]);
    expect(Array.from(h.shares[2])).toEqual([1]); // "*", the missing value joined
  });

  it('shares sum to 1 at every level when every row is in the data', () => {
    t.file('full.csv', 'a;g;G;*\nb;g;G;*\nc;h;G;*\nd;i;H;*\ne;i;H;*\n');
    const h = resolve({ file: 'full.csv' }, ['e', 'c', 'a', 'd', 'b'], 'q', t.dir);
    for (let l = 0; l <= h.height; l++) {
      expect(h.shares[l].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(labelsAt(h, 1)).toEqual(['i', 'h', 'g', 'i', 'g']);
    expect(Array.from(h.shares[1])).toEqual([0.4, 0.2, 0.4]);
    expect(Array.from(h.shares[2])).toEqual([0.4, 0.6]);
  });
});
