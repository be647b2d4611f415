import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { datesGeneralizer, parseIsoDate } from '../../src/hierarchy/dates.js';
import { resolve, thrown } from './helpers.js';

const place = { file: 'spec.yaml', path: 'hierarchies.admit' };
const all = ['month', 'quarter', 'year', 'decade'] as const;

describe('parseIsoDate', () => {
  it('reads YYYY-MM-DD and the date part of timestamps, as written', () => {
    expect(parseIsoDate('2024-03-05')).toEqual({ year: 2024, month: 3, day: 5 });
    expect(parseIsoDate('2019-12-31T23:59:59Z')).toEqual({ year: 2019, month: 12, day: 31 });
    expect(parseIsoDate('2019-12-31 23:59:59+05')).toEqual({ year: 2019, month: 12, day: 31 });
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
  it('rejects anything else, impossible dates included', () => {
    for (const t of ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-3-5', '03/05/2024', '20240305', '2024-03-05x', '']) {
      expect(parseIsoDate(t)).toBeUndefined();
    }
    expect(parseIsoDate('2000-02-29')).toBeDefined();
  });
});

describe('dates hierarchy', () => {
  it('default levels: month, quarter, year, decade, then "*"', () => {
    const g = datesGeneralizer(all, true, place);
    expect(g.height).toBe(5);
    expect(g.generalize('2024-03-05')).toEqual(['2024-03', '2024-Q1', '2024', '2020s', '*']);
    expect(g.generalize('2019-12-31T23:59:59Z')).toEqual(['2019-12', '2019-Q4', '2019', '2010s', '*']);
    expect(g.generalize('2020-07-01')).toEqual(['2020-07', '2020-Q3', '2020', '2020s', '*']);
    expect(g.generalize('0999-04-01')).toEqual(['0999-04', '0999-Q2', '0999', '0990s', '*']);
    expect(g.generalize('2024-02-30')).toBeUndefined();
    expect(g.domain(1)).toBeUndefined();
    expect(g.domain(5)).toEqual(['*']);
  });
  it('a subset of the levels, without top', () => {
    const g = datesGeneralizer(['quarter', 'decade'], false, place);
    expect(g.height).toBe(2);
    expect(g.generalize('2024-11-30')).toEqual(['2024-Q4', '2020s']);
  });
  it('the spec default is all four levels', () => {
    const h = resolve({ dates: {} }, ['2024-03-05', '2024-03-20', '2024-05-01', null]);
    expect(h.height).toBe(5);
    // month: 2024-03, 2024-05, missing; quarter: Q1, Q2, missing; year and decade: all dates
    // share one label but the missing value stays apart (that is not suppression); at "*"
    // it joins (the contract of ResolvedHierarchy).
    expect(h.sizes).toEqual([4, 3, 3, 2, 2, 1]);
  });
  it('levels out of order or repeated: SpecError hierarchy.dateLevels', () => {
    for (const levels of [['year', 'month'], ['year', 'year']] as const) {
      const e = thrown(() => datesGeneralizer(levels, true, place));
      expect(e).toBeInstanceOf(SpecError);
      expect(e.location).toMatchObject({ path: 'hierarchies.admit.dates.levels.1', rule: 'hierarchy.dateLevels' });
    }
  });
});
