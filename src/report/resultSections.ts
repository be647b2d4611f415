/**
 * The shape of the optional sections of a saved result (sensitive attributes, population
 * uniqueness, individual risk, SUDA, per-QI contribution, transformation, search, DP release)
 * as `edra report` reads them: every field the report renders is checked, so a result edited
 * by hand is refused as input (exit 3, rule report.input) instead of failing inside the
 * renderer (exit 70). Fields the report does not read pass through unchecked.
 */
import { z } from 'zod';
import { presetNames, releaseContextKinds } from '../config/presets.js';

const count = z.number().min(0);
const num = z.number();
const levels = z.record(z.string(), z.number().int().min(0));
const strings = z.array(z.string());
const tDistances = ['equal', 'ordered', 'hierarchical'] as const;

const sensitiveResult = z.looseObject({
  type: z.string(),
  values: count,
  missing: count,
  distinctL: count,
  entropyL: num.nullable(),
  recursiveCL: z.looseObject({ l: count, c: num.nullable() }),
  tCloseness: z.looseObject({ measure: z.enum(tDistances), t: num }),
  betaLikeness: z.looseObject({ basic: num, enhanced: num.nullable() }),
  deltaDisclosure: num,
});

const estimate = z.looseObject({ count: num.nullable(), fraction: num.nullable(), valid: z.boolean() });
const uniqueness = z.looseObject({
  pitman: estimate,
  zayatz: estimate,
  snb: estimate,
  dankar: estimate,
  dankarModel: z.enum(['pitman', 'zayatz', 'snb', 'none']).nullable(),
});

const individualRisk = z.looseObject({
  global: num.nullable(),
  expectedReidentifications: num.nullable(),
  max: num,
  recordsAbove: z.record(z.string(), count),
  weights: z.string(),
});

const suda = z.looseObject({
  maxMsuSize: count,
  disFraction: num,
  recordsWithMsu: count,
  maxSudaScore: num,
  meanSudaScore: num,
  maxDisScore: num,
  meanDisScore: num,
  disScoreHistogram: z.array(z.tuple([num, count])),
  msuBySize: z.array(count),
});

const qiContribution = z.array(
  z.looseObject({
    attribute: z.string(),
    dropped: z.looseObject({ k: count, sampleUniques: count }),
    generalized: z.looseObject({ level: count, k: count, sampleUniques: count }).optional(),
  }),
);

const hierarchy = z.looseObject({ attribute: z.string(), kind: z.string(), height: count, sizes: z.array(count) });
const snapshot = z.looseObject({
  k: count,
  classes: count,
  sampleUniques: count,
  prosecutorHighest: num,
  prosecutorAverage: num,
  journalistHighest: num.optional(),
  marketerExpected: num.optional(),
});

const transformation = z.looseObject({
  levels,
  heights: levels,
  hierarchies: z.array(hierarchy),
  suppressed: count,
  suppressedAs: z.enum(['drop', 'mask']),
  before: snapshot,
  after: snapshot,
});

const search = z.looseObject({
  lattice: z.looseObject({ nodes: count, checked: count, heights: levels }),
  hierarchies: z.array(hierarchy),
  optimum: z.looseObject({ levels, metric: z.string(), utility: num, suppressed: count, classes: count, k: count, tiedWith: count }).nullable(),
  front: z.array(z.looseObject({ levels, utility: num, highestRisk: num })),
  metric: z.string(),
  suppressionLimit: num,
  models: strings,
  threads: count,
  elapsedMs: count,
  notes: strings,
});

const release = z.looseObject({
  neighbours: z.enum(['addRemove', 'replace']),
  budget: z.looseObject({ unit: z.enum(['epsilon', 'rho']), spent: num, total: num, delta: num.optional(), epsilonEquivalent: num.optional() }),
  tables: z.array(
    z.looseObject({
      name: z.string(),
      groupBy: strings,
      statistic: z.enum(['count', 'sum', 'mean']),
      cells: count,
      mechanism: z.enum(['discreteLaplace', 'discreteGaussian']),
      scale: num,
      interval95: num,
      postProcessing: strings,
      bounds: z.looseObject({ column: z.string(), lower: num, upper: num, granularity: num }).optional(),
    }),
  ),
  unsafeSeed: z.boolean(),
  produced: z.boolean(),
  privacyUnit: z.looseObject({ column: z.string().nullable(), maxRecords: count }).optional(),
  notes: strings.optional(),
});

/** The optional sections, to spread into the result's shape. */
export const optionalSections = {
  sensitive: z.record(z.string(), sensitiveResult),
  individualRisk: individualRisk.optional(),
  suda: suda.optional(),
  qiContribution: qiContribution.optional(),
  transformation: transformation.optional(),
  search: search.optional(),
  release: release.optional(),
};

/** population.uniqueness, checked inside the population object. */
export const populationUniqueness = uniqueness.optional();

/** thresholdSettings.preset: one of the presets the report has words for. */
export const presetShape = z.enum(presetNames).optional();

/** releaseContext: one of the contexts the report has words for. */
export const releaseContextShape = z.enum(releaseContextKinds).optional();
