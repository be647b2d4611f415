/**
 * The verdict computed from the frequency of class sizes (perClass: false, the search and the
 * explorer) is the verdict computed class by class (analyze), to the bit: every record-risk
 * figure, every estimator, every line. And the class summary of a partition from its size
 * frequencies is the one counted class by class.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveThresholds } from '../../../src/config/thresholds.js';
import type { ClassSizes } from '../../../src/model/classSizes.js';
import { summarizeClasses } from '../../../src/risk/classes.js';
import { populationFrame } from '../../../src/risk/verdict/frame.js';
import { measure } from '../../../src/risk/verdict/verdict.js';

const sizesArb = fc.array(fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 70_000 })), { minLength: 0, maxLength: 300 });
const partition = (sizes: number[]): ClassSizes => {
  const s = Int32Array.from(sizes);
  return { records: s, sizes: s, n: sizes.reduce((a, b) => a + b, 0), partition: true };
};

describe('the verdict from the frequency of class sizes', () => {
  it('equals the verdict class by class, every field (property)', () => {
    fc.assert(
      fc.property(
        sizesArb,
        fc.constantFrom(undefined, 1, 0.3, 0.05, 0.01),
        fc.constantFrom(0.2, 0.09, 0.05),
        fc.boolean(),
        (sizes, samplingFraction, highestRisk, full) => {
          const cs = partition(sizes);
          const rows = Math.max(1, cs.n);
          const frame = populationFrame(samplingFraction === undefined ? undefined : { samplingFraction }, rows);
          const thresholds = resolveThresholds({ k: 3, highestRisk, averageRisk: 0.05, ...(frame.source !== 'none' ? { populationUniqueness: 0.01 } : {}) }, { populationKnown: frame.source !== 'none' });
          const input = { classes: cs, frame, models: ['prosecutor', 'journalist', 'marketer'] as const, thresholds, full };
          const perClass = measure({ ...input, models: [...input.models] });
          const bySizes = measure({ ...input, models: [...input.models], perClass: false });
          expect(bySizes.populationSizes).toBeUndefined();
          expect(bySizes.sizeFrequencies?.classes).toBe(sizes.length);
          const { populationSizes, ...rest } = perClass;
          expect(populationSizes.length).toBe(sizes.length);
          const { sizeFrequencies, ...restBySizes } = bySizes;
          expect(sizeFrequencies).toBeDefined();
          // toEqual on numbers is Object.is: the same doubles, not merely close.
          expect(restBySizes).toEqual(rest);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not used where a figure is per class (individual risk, a population table, overlapping classes)', () => {
    const cs = partition([1, 1, 2, 5]);
    const frame = populationFrame({ samplingFraction: 0.1 }, cs.n);
    const thresholds = resolveThresholds({ k: 2 }, { populationKnown: true });
    expect(measure({ classes: cs, frame, models: ['journalist'], thresholds, perClass: false, individualRisk: { weights: '1/pi' } }).populationSizes).toHaveLength(4);
    const wildcard: ClassSizes = { ...cs, partition: false };
    expect(measure({ classes: wildcard, frame, models: ['journalist'], thresholds, perClass: false }).populationSizes).toHaveLength(4);
  });
});

describe('summarizeClasses of a partition', () => {
  it('from the size frequencies equals counting class by class (property)', () => {
    fc.assert(
      fc.property(sizesArb, fc.integer({ min: 1, max: 10 }), (sizes, k) => {
        const s = summarizeClasses(partition(sizes), k);
        const n = sizes.reduce((a, b) => a + b, 0);
        const hist = new Map<number, number>();
        for (const f of sizes) hist.set(f, (hist.get(f) ?? 0) + 1);
        const uniques = sizes.filter((f) => f === 1).length;
        expect(s).toEqual({
          count: sizes.length,
          minSize: sizes.length ? Math.min(...sizes) : 0,
          maxSize: sizes.length ? Math.max(...sizes) : 0,
          meanSize: sizes.length ? n / sizes.length : 0,
          uniques,
          uniqueFraction: n ? uniques / n : 0,
          sizeHistogram: [...hist].sort((a, b) => a[0] - b[0]),
          recordsBelowK: sizes.filter((f) => f < k).reduce((a, b) => a + b, 0),
          k: sizes.length ? Math.min(...sizes) : 0,
        });
      }),
    );
  });
});
