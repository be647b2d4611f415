/**
 * The search's evaluation of a node equals the verdict of the node's output computed from
 * scratch (records generalized, grouped by their labels, small classes dropped or masked into
 * one class, weights and sensitive histograms summed per class), line for line and figure
 * for figure, whatever the roll-up cache holds. Thousands of random cases (pure, fast).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classHistogramsOf } from '../../src/risk/sensitive/classHistograms.js';
import type { SensitiveModel } from '../../src/risk/sensitive/evaluate.js';
import { populationFrame } from '../../src/risk/verdict/frame.js';
import { requiredClassSize } from '../../src/risk/verdict/requiredSize.js';
import { measure } from '../../src/risk/verdict/verdict.js';
import { NodeEvaluator, type SearchPayload } from '../../src/search/evaluator.js';
import { Lattice } from '../../src/search/lattice.js';
import type { ResolvedThresholds } from '../../src/config/thresholds.js';
import { instanceArb } from './fixtures.js';

const sensitiveValues = 3;
const runs = Number(process.env.EDRA_PROPERTY_RUNS ?? 1000);

const caseArb = fc.record({
  base: instanceArb,
  models: fc.subarray(['prosecutor', 'journalist', 'marketer'] as const, { minLength: 1 }).map((x) => [...x]),
  pi: fc.constantFrom(1, 0.5, 0.1),
  highestRisk: fc.option(fc.constantFrom(0.2, 0.34, 0.5), { nil: undefined }),
  averageRisk: fc.option(fc.constantFrom(0.3, 0.6), { nil: undefined }),
  l: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  t: fc.option(fc.constantFrom(0.2, 0.5), { nil: undefined }),
  delta: fc.option(fc.constantFrom(1, 3), { nil: undefined }),
  individualRisk: fc.option(fc.constantFrom(0.2, 0.5), { nil: undefined }),
  populationUniqueness: fc.option(fc.constantFrom(0.01, 0.5), { nil: undefined }),
  weights: fc.boolean(),
  mode: fc.constantFrom<'drop' | 'mask'>('drop', 'mask'),
  seed: fc.nat(),
  visits: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
});

/** The payload of a case: the instance's groups, with weights, one sensitive attribute and the case's models. */
function payloadOfCase(c: fc.Arbitrary<unknown> extends never ? never : ReturnType<typeof caseArb.generate>['value']): SearchPayload {
  const base = c.base;
  const G = base.counts.length;
  const n = base.counts.reduce((a, b) => a + b, 0);
  const frame = populationFrame(c.pi === 1 ? undefined : { samplingFraction: c.pi }, n);
  const thresholds: ResolvedThresholds = {
    ...base.settings.thresholds,
    ...(c.highestRisk !== undefined ? { highestRisk: c.highestRisk } : {}),
    ...(c.averageRisk !== undefined ? { averageRisk: c.averageRisk } : {}),
    ...(c.individualRisk !== undefined ? { individualRisk: c.individualRisk } : {}),
    ...(c.populationUniqueness !== undefined && c.pi !== 1 ? { populationUniqueness: c.populationUniqueness } : {}),
  };
  const sensitiveThresholds = { ...(c.l !== undefined ? { l: c.l } : {}), ...(c.t !== undefined ? { t: c.t } : {}), ...(c.delta !== undefined ? { delta: c.delta } : {}) };
  const model: SensitiveModel = { name: 's', type: 'VARCHAR', missing: 0, missingValues: 'ownValue', nullCode: -1, measure: 'equal', thresholds: sensitiveThresholds };
  // Each group's records spread over the sensitive values by the seed.
  const hist = Array.from({ length: G }, (_, g) => {
    const pairs = new Map<number, number>();
    for (let r = 0; r < base.counts[g]; r++) {
      const v = (c.seed + 7 * g + 3 * r * r) % sensitiveValues;
      pairs.set(v, (pairs.get(v) ?? 0) + 1);
    }
    return [...pairs.entries()];
  });
  return {
    ...base,
    ...(c.weights ? { weights: Float64Array.from({ length: G }, (_, g) => base.counts[g] * (1 + ((c.seed + g) % 5))) } : {}),
    sensitive: [{ model, histograms: classHistogramsOf(sensitiveValues, hist) }],
    settings: {
      ...base.settings,
      models: c.models,
      thresholds,
      frame,
      requiredSize: requiredClassSize(c.models, thresholds, frame),
      suppressed: c.mode,
      ...(c.individualRisk !== undefined ? { individualRisk: c.weights ? 'column "w"' : '1/pi' } : {}),
    },
  };
}

/** The verdict of a node's output computed from scratch, with string keys. */
function fromScratch(p: SearchPayload, levels: Int32Array) {
  const s = p.settings;
  const G = p.counts.length;
  const keyOf = (g: number) => p.codes.map((codes, q) => p.maps[q][levels[q]][codes[g]]).join(',');
  const sizeOf = new Map<string, number>();
  for (let g = 0; g < G; g++) sizeOf.set(keyOf(g), (sizeOf.get(keyOf(g)) ?? 0) + p.counts[g]);
  let below = 0;
  for (const f of sizeOf.values()) if (f < s.requiredSize) below += f;
  const suppress = below > 0 && below <= s.maxSuppressed;
  const classKey = (g: number): string | null => {
    const k = keyOf(g);
    if (!suppress || sizeOf.get(k)! >= s.requiredSize) return k;
    return s.suppressed === 'mask' ? '*' : null;
  };
  const index = new Map<string, number>();
  const classOf = Int32Array.from({ length: G }, (_, g) => {
    const k = classKey(g);
    if (k === null) return -1;
    if (!index.has(k)) index.set(k, index.size);
    return index.get(k)!;
  });
  const K = index.size;
  const sizes = new Int32Array(K);
  const weightSums = new Float64Array(K);
  const hist = Array.from({ length: K }, () => new Map<number, number>());
  const h = p.sensitive[0].histograms;
  for (let g = 0; g < G; g++) {
    const c = classOf[g];
    if (c < 0) continue;
    sizes[c] += p.counts[g];
    if (p.weights) weightSums[c] += p.weights[g];
    for (let e = h.offsets[g]; e < h.offsets[g + 1]; e++) hist[c].set(h.values[e], (hist[c].get(h.values[e]) ?? 0) + h.counts[e]);
  }
  let U = 0;
  for (const f of sizes) U += f;
  return measure({
    classes: { records: sizes, sizes, n: U, partition: true },
    frame: s.frame,
    models: s.models,
    thresholds: s.thresholds,
    ...(s.individualRisk !== undefined ? { individualRisk: { weightSums: p.weights ? weightSums : undefined, weights: s.individualRisk } } : {}),
    sensitive: [{ model: p.sensitive[0].model, histograms: classHistogramsOf(sensitiveValues, hist.map((m) => [...m.entries()])) }],
    full: false,
  });
}

describe('the search evaluates a node as the analysis measures its output', () => {
  it('line for line, figure for figure, on random tables, models, frames and suppression', () => {
    let feasible = 0;
    let suppressedCases = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const p = payloadOfCase(c);
        const lattice = new Lattice(p.heights);
        const ev = new NodeEvaluator(p);
        // Visit a few nodes first so the roll-up cache holds specializations.
        for (const v of c.visits) ev.evaluate(v % lattice.size, lattice.levels(v % lattice.size));
        const x = c.visits[c.visits.length - 1] % lattice.size;
        const levels = lattice.levels(x);
        const o = ev.evaluate(x, levels, true);
        const v = fromScratch(p, levels);
        if (o.lines === undefined) {
          // Nothing to release: every record suppressed and dropped.
          expect(p.settings.suppressed).toBe('drop');
          expect(o.feasible).toBe(false);
          return;
        }
        expect(o.lines.map((l) => [l.name, l.value, l.pass])).toEqual(v.lines.map((l) => [l.name, l.value, l.pass]));
        expect(o.feasible).toBe(v.verdict === 'pass' && o.suppressed <= p.settings.maxSuppressed);
        expect(o.k).toBe(v.k);
        if (o.feasible) feasible++;
        if (o.suppressed > 0 && o.suppressed <= p.settings.maxSuppressed) suppressedCases++;
      }),
      { numRuns: runs },
    );
    expect(feasible).toBeGreaterThan(10);
    expect(suppressedCases).toBeGreaterThan(5);
  }, Math.max(60_000, runs * 100));
});
