import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { intervalsGeneralizer, parseNumber } from '../../src/hierarchy/intervals.js';
import { thrown } from './helpers.js';

const place = { file: 'spec.yaml', path: 'hierarchies.age' };

describe('parseNumber', () => {
  it('reads plain decimal numbers only', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber(' -1.5e2 ')).toBe(-150);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('007')).toBe(7);
    for (const t of ['', 'abc', '1e', '0x10', 'Infinity', 'NaN', '1,5', '12 years', '1e999']) expect(parseNumber(t)).toBeUndefined();
  });
});

describe('intervals by width', () => {
  const g = intervalsGeneralizer({ width: [5, 10, 20] }, true, place);
  it('labels half-open bands aligned at 0, one level per width, then "*"', () => {
    expect(g.height).toBe(4);
    expect(g.generalize('20')).toEqual(['[20, 25)', '[20, 30)', '[20, 40)', '*']);
    expect(g.generalize('24')).toEqual(['[20, 25)', '[20, 30)', '[20, 40)', '*']);
    expect(g.generalize('25')).toEqual(['[25, 30)', '[20, 30)', '[20, 40)', '*']);
    expect(g.generalize('39.9')).toEqual(['[35, 40)', '[30, 40)', '[20, 40)', '*']);
    expect(g.generalize('40')).toEqual(['[40, 45)', '[40, 50)', '[40, 60)', '*']);
    expect(g.generalize('-3')).toEqual(['[-5, 0)', '[-10, 0)', '[-20, 0)', '*']);
    expect(g.generalize('2.5')).toEqual(['[0, 5)', '[0, 10)', '[0, 20)', '*']);
  });
  it('non-numeric values are not covered', () => {
    expect(g.generalize('unknown')).toBeUndefined();
    expect(g.generalize('')).toBeUndefined();
  });
  it('origin shifts the bands', () => {
    const o = intervalsGeneralizer({ width: [5], origin: 2 }, false, place);
    expect(o.height).toBe(1);
    expect(o.generalize('1')).toEqual(['[-3, 2)']);
    expect(o.generalize('2')).toEqual(['[2, 7)']);
  });
  it('fractional widths give the bounds one would write', () => {
    const f = intervalsGeneralizer({ width: [0.1, 0.5] }, false, place);
    expect(f.generalize('0.3')).toEqual(['[0.3, 0.4)', '[0, 0.5)']);
    expect(f.generalize('0.29')).toEqual(['[0.2, 0.3)', '[0, 0.5)']);
    expect(f.generalize('0.7')).toEqual(['[0.7, 0.8)', '[0.5, 1)']);
  });
  it('without both bottom and top no level but "*" declares a domain', () => {
    expect(g.domain(1)).toBeUndefined();
    expect(g.domain(4)).toEqual(['*']);
    expect(intervalsGeneralizer({ width: [5], bottom: 0 }, false, place).domain(1)).toBeUndefined();
  });
});

describe('bottom and top coding', () => {
  const g = intervalsGeneralizer({ width: [5, 10], bottom: 18, top: 90 }, true, place);
  it('codes the tails at every level and clips the bands to [bottom, top)', () => {
    expect(g.generalize('17')).toEqual(['< 18', '< 18', '*']);
    expect(g.generalize('18')).toEqual(['[18, 20)', '[18, 20)', '*']);
    expect(g.generalize('25')).toEqual(['[25, 30)', '[20, 30)', '*']);
    expect(g.generalize('89')).toEqual(['[85, 90)', '[80, 90)', '*']);
    expect(g.generalize('90')).toEqual(['>= 90', '>= 90', '*']);
    expect(g.generalize('120')).toEqual(['>= 90', '>= 90', '*']);
  });
  it('declares the domain of every level >= 1, matching the labels', () => {
    const d1 = g.domain(1)!;
    expect(d1).toHaveLength(17); // "< 18", [18, 20), 14 bands [20, 25) .. [85, 90), ">= 90"
    expect(d1.slice(0, 3)).toEqual(['< 18', '[18, 20)', '[20, 25)']);
    expect(d1.slice(-2)).toEqual(['[85, 90)', '>= 90']);
    expect(g.domain(2)).toEqual(['< 18', '[18, 20)', '[20, 30)', '[30, 40)', '[40, 50)', '[50, 60)', '[60, 70)', '[70, 80)', '[80, 90)', '>= 90']);
    expect(g.domain(0)).toBeUndefined();
    expect(g.domain(3)).toEqual(['*']);
    for (let x = 0; x < 130; x += 0.5) {
      const labels = g.generalize(String(x))!;
      expect(g.domain(1)).toContain(labels[0]);
      expect(g.domain(2)).toContain(labels[1]);
    }
  });
});

describe('intervals by cuts', () => {
  it('labels the bands between the cuts, open-ended outside', () => {
    const g = intervalsGeneralizer({ cuts: [[18, 40, 65], [40]] }, false, place);
    expect(g.generalize('10')).toEqual(['< 18', '< 40']);
    expect(g.generalize('18')).toEqual(['[18, 40)', '< 40']);
    expect(g.generalize('50')).toEqual(['[40, 65)', '>= 40']);
    expect(g.generalize('70')).toEqual(['>= 65', '>= 40']);
  });
  it('with bottom and top the domain is enumerable', () => {
    const g = intervalsGeneralizer({ cuts: [[18, 40, 65], [40]], bottom: 0, top: 100 }, false, place);
    expect(g.domain(1)).toEqual(['< 0', '[0, 18)', '[18, 40)', '[40, 65)', '[65, 100)', '>= 100']);
    expect(g.domain(2)).toEqual(['< 0', '[0, 40)', '[40, 100)', '>= 100']);
    expect(g.generalize('-1')).toEqual(['< 0', '< 0']);
    expect(g.generalize('5')).toEqual(['[0, 18)', '[0, 40)']);
  });
});

describe('intervals spec errors (exit 2)', () => {
  const cases: [string, Parameters<typeof intervalsGeneralizer>[0], string, string][] = [
    ['widths that do not nest', { width: [5, 7] }, 'hierarchy.widthsNotNested', 'hierarchies.age.intervals.width.1'],
    ['a smaller width', { width: [10, 5] }, 'hierarchy.widthsNotNested', 'hierarchies.age.intervals.width.1'],
    ['unsorted cuts', { cuts: [[1, 3, 2]] }, 'hierarchy.cutsNotAscending', 'hierarchies.age.intervals.cuts.0.2'],
    ['a repeated cut', { cuts: [[1, 1]] }, 'hierarchy.cutsNotAscending', 'hierarchies.age.intervals.cuts.0.1'],
    ['cuts not a subset of the level below', { cuts: [[10, 20], [10, 15]] }, 'hierarchy.cutsNotNested', 'hierarchies.age.intervals.cuts.1.1'],
    ['bottom >= top', { width: [5], bottom: 10, top: 10 }, 'hierarchy.bounds', 'hierarchies.age.intervals.bottom'],
  ];
  for (const [what, s, rule, p] of cases) {
    it(what, () => {
      const e = thrown(() => intervalsGeneralizer(s, true, place));
      expect(e).toBeInstanceOf(SpecError);
      expect(e.exitCode).toBe(2);
      expect(e.location).toMatchObject({ file: 'spec.yaml', path: p, rule });
      expect(e.message.endsWith(`[rule: ${rule}]`)).toBe(true);
    });
  }
  it('equal widths and a width multiple nest', () => {
    expect(() => intervalsGeneralizer({ width: [5, 5, 15] }, true, place)).not.toThrow();
  });
});

describe('intervals properties', () => {
  const spec = fc.record({
    base: fc.integer({ min: 1, max: 20 }),
    factors: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
    origin: fc.integer({ min: -50, max: 50 }),
  });
  it('a value lies in its band, and equal labels stay equal one level up', () => {
    fc.assert(
      fc.property(spec, fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 2, maxLength: 30 }), ({ base, factors, origin }, xs) => {
        const width = [base];
        for (const f of factors) width.push(width[width.length - 1] * f);
        const g = intervalsGeneralizer({ width, origin }, true, place);
        const chains = xs.map((x) => g.generalize(String(x))!);
        xs.forEach((x, i) => {
          chains[i].slice(0, -1).forEach((lab) => {
            const m = /^\[(-?[\d.]+), (-?[\d.]+)\)$/.exec(lab)!;
            expect(Number(m[1]) <= x && x < Number(m[2])).toBe(true);
          });
        });
        for (let l = 0; l + 1 < g.height; l++) {
          for (let a = 0; a < xs.length; a++) {
            for (let b = 0; b < xs.length; b++) {
              if (chains[a][l] === chains[b][l]) expect(chains[a][l + 1]).toBe(chains[b][l + 1]);
            }
          }
        }
      }),
    );
  });
});
