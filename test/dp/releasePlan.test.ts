/**
 * The release planner: domains (full cross-product, never from data), shares and defaults,
 * calibration to the sensitivity, and the spec checks that refuse a release.
 */
import { describe, expect, it } from 'vitest';
import { releaseSchema } from '../../src/config/releaseSpec.js';
import { planReleaseSpec, type HierarchyDomains } from '../../src/dp/releasePlan.js';
import { cellDomain } from '../../src/dp/domain.js';
import { SpecError } from '../../src/errors.js';

const spec = (x: unknown) => releaseSchema.parse(x);

function ruleOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof SpecError) return e.location.rule;
    throw e;
  }
  return undefined;
}

const ages: HierarchyDomains = {
  has: (c) => c === 'age',
  height: () => 2,
  domain: (_c, level) => (level === 1 ? ['< 18', '18-64', '>= 65'] : level === 2 ? ['*'] : undefined),
};

describe('cell domains', () => {
  it('is the full cross-product, last column fastest, and round-trips', () => {
    const d = cellDomain('t', ['a', 'b'], [
      ['x', 'y', null],
      ['1', '2'],
    ]);
    expect(d.size).toBe(6);
    const all = Array.from({ length: d.size }, (_, i) => d.labelsOf(i));
    expect(all).toEqual([
      ['x', '1'],
      ['x', '2'],
      ['y', '1'],
      ['y', '2'],
      [null, '1'],
      [null, '2'],
    ]);
    all.forEach((labels, i) => expect(d.cellOf(labels.map((l, j) => d.values[j].indexOf(l)))).toBe(i));
    expect(cellDomain('t', [], []).size).toBe(1);
  });
  it('refuses a repeated value and an enormous product', () => {
    expect(ruleOf(() => cellDomain('t', ['a'], [['x', 'x']]))).toBe('release.duplicateDomainValue');
    const big = Array.from({ length: 10000 }, (_, i) => String(i));
    expect(ruleOf(() => cellDomain('t', ['a', 'b'], [big, big]))).toBe('release.tooManyCells');
  });
});

describe('planReleaseSpec', () => {
  const base = {
    budget: { epsilon: 1 },
    tables: [{ name: 't', groupBy: ['age', 'sex'], levels: { age: 1 }, domain: { sex: ['F', 'M', 'U'] }, epsilon: 0.5 }],
  };

  it('takes declared domains and hierarchy domains, never the data; numbers in domains become text', () => {
    const p = planReleaseSpec(spec(base), ages);
    expect(p.tables[0].domain.size).toBe(9);
    expect(p.tables[0].domain.values).toEqual([
      ['< 18', '18-64', '>= 65'],
      ['F', 'M', 'U'],
    ]);
    const q = planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 't', groupBy: ['n'], domain: { n: [1, 2, null, true] } }] }));
    expect(q.tables[0].domain.values).toEqual([['1', '2', null, 'true']]);
  });

  it('a group-by column without a declared domain is refused (release.domainUndeclared)', () => {
    expect(ruleOf(() => planReleaseSpec(spec({ ...base, tables: [{ name: 't', groupBy: ['sex'] }] })))).toBe('release.domainUndeclared');
    // a hierarchy without a declared domain at that level is not enough either
    expect(ruleOf(() => planReleaseSpec(spec({ ...base, tables: [{ name: 't', groupBy: ['age'] }] }), ages))).toBe('release.domainUndeclared');
    expect(ruleOf(() => planReleaseSpec(spec({ ...base, tables: [{ name: 't', groupBy: ['sex'], levels: { sex: 1 }, domain: { sex: ['F'] } }] })))).toBe(
      'release.hierarchyMissing',
    );
    expect(ruleOf(() => planReleaseSpec(spec({ ...base, tables: [{ name: 't', groupBy: ['age'], levels: { age: 3 } }] }), ages))).toBe('release.level');
  });

  it('calibrates the discrete Laplace to the person-level l1 sensitivity and the neighbour relation', () => {
    const p = planReleaseSpec(spec({ ...base, privacyUnit: { column: 'mrn', maxRecords: 4 } }), ages);
    expect(p.tables[0].noise.scale).toBe(8); // 4 / 0.5
    expect(p.tables[0].noise.describe).toBe('Lap_Z(8)');
    const r = planReleaseSpec(spec({ ...base, neighbours: 'replace' }), ages);
    expect(r.tables[0].noise.scale).toBe(4); // 2 / 0.5
    expect(p.notes[0]).toMatch(/one person \(column "mrn"\), at most 4/);
    expect(r.notes[0]).toMatch(/one record/);
  });

  it('calibrates the discrete Gaussian to l2^2 / (2 rho)', () => {
    const p = planReleaseSpec(
      spec({ budget: { rho: 0.5 }, privacyUnit: { column: 'mrn', maxRecords: 3 }, tables: [{ name: 'g', groupBy: [], mechanism: 'discreteGaussian', rho: 0.125 }] }),
    );
    expect(p.tables[0].noise.describe).toBe('N_Z(0, 36)');
    expect(p.tables[0].noise.scale).toBe(6);
    expect(p.budget).toMatchObject({ unit: 'rho', spent: 0.125, total: 0.5 });
  });

  it('sums: clamp to the bounds on a granularity grid, sensitivity in grid steps', () => {
    const p = planReleaseSpec(
      spec({ budget: { epsilon: 1 }, tables: [{ name: 's', statistic: 'sum', bounds: { column: 'los', lower: 0, upper: 30, granularity: 0.5 } }] }),
    );
    const t = p.tables[0];
    expect(t.bounds).toMatchObject({ lowerUnits: 0n, upperUnits: 60n });
    expect(t.sensitivity.l1).toBe(60n);
    expect(t.unit).toBe(0.5);
    // default granularity: 10^floor(log10(range / 1000))
    const d = planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 's', statistic: 'sum', bounds: { column: 'x', lower: -5, upper: 30 } }] }));
    expect(d.tables[0].unit).toBe(0.01);
    expect(d.tables[0].bounds).toMatchObject({ lowerUnits: -500n, upperUnits: 3000n });
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 's', statistic: 'sum', bounds: { column: 'x', lower: 0.2, upper: 0.7, granularity: 1 } }] })))).toBe(
      'release.granularity',
    );
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 's', statistic: 'mean' }] })))).toBe('release.boundsMissing');
  });

  it('a mean splits its share between the sum and the count', () => {
    const p = planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'm', statistic: 'mean', bounds: { column: 'x', lower: 0, upper: 10, granularity: 1 } }] }));
    expect(p.tables[0].noise.scale).toBe(20); // 10 / 0.5
    expect(p.tables[0].countNoise!.scale).toBe(2); // 1 / 0.5
    expect(p.budget.spent).toBe(1);
  });

  it('tables without a share split what is left equally; elsewhere a share is required', () => {
    const p = planReleaseSpec(
      spec({
        budget: { epsilon: 1 },
        tables: [
          { name: 'a', epsilon: 0.4 },
          { name: 'b' },
          { name: 'c' },
        ],
      }),
    );
    expect(p.tables.map((t) => t.noise.scale)).toEqual([2.5, 1 / 0.3, 1 / 0.3]);
    expect(p.budget.exact).toEqual({ spent: '1', total: '1' });
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1, delta: 1e-6 }, tables: [{ name: 'a' }] })))).toBe('release.shareMissing');
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', epsilon: 1 }, { name: 'b' }] })))).toBe('release.overBudget');
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', rho: 0.1 }] })))).toBe('release.shareUnit');
  });

  it('refuses over-budget and mis-matched releases before anything is read', () => {
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', epsilon: 0.7 }, { name: 'b', epsilon: 0.4 }] })))).toBe('release.overBudget');
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', mechanism: 'discreteGaussian', rho: 0.1 }] })))).toBe('release.mechanismBudget');
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', epsilon: 0.1 }, { name: 'a', epsilon: 0.1 }] })))).toBe('release.duplicateTable');
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', groupBy: ['value'], domain: { value: ['x'] } }] })))).toBe('release.columnName');
    expect(ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [{ name: 'a', groupBy: ['x'], domain: { y: ['1'] } }] })))).toBe('release.unknownGroupBy');
  });

  it('consistentWith: the totals table must nest in its parts table with equal domains', () => {
    const parts = { name: 'p', groupBy: ['age', 'sex'], levels: { age: 1 }, domain: { sex: ['F', 'M'] }, epsilon: 0.5 };
    const ok = planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [parts, { name: 't', groupBy: ['sex'], domain: { sex: ['F', 'M'] }, epsilon: 0.5, postProcess: { consistentWith: 'p' } }] }), ages);
    expect(ok.tables[1].postProcess.consistentWith).toBe('p');
    const bad = (t: object) => ruleOf(() => planReleaseSpec(spec({ budget: { epsilon: 1 }, tables: [parts, { name: 't', epsilon: 0.5, ...t }] }), ages));
    expect(bad({ groupBy: ['sex'], domain: { sex: ['M', 'F'] }, postProcess: { consistentWith: 'p' } })).toBe('release.consistency');
    expect(bad({ groupBy: ['race'], domain: { race: ['x'] }, postProcess: { consistentWith: 'p' } })).toBe('release.consistency');
    expect(bad({ groupBy: ['sex'], domain: { sex: ['F', 'M'] }, postProcess: { consistentWith: 'nope' } })).toBe('release.consistency');
    expect(bad({ groupBy: ['sex'], domain: { sex: ['F', 'M'] }, postProcess: { consistentWith: 'p', nonNegative: true } })).toBe('release.consistency');
  });
});
