/**
 * The spec's `release` section: differentially private aggregate tables (counts, sums, means
 * by group-by columns), the neighbouring relation, per-person contribution bounds and the
 * privacy budget. The shape is checked here; the relations between the parts (budget
 * arithmetic, domains, mechanisms against the budget's unit) are checked by the release
 * planner (src/dp/releasePlan.ts) with `release.*` rule ids. Semantics: docs/dp.md.
 */
import { z } from 'zod';

export const releaseStatistics = ['count', 'sum', 'mean'] as const;
export type ReleaseStatistic = (typeof releaseStatistics)[number];

export const releaseMechanisms = ['discreteLaplace', 'discreteGaussian'] as const;
export type ReleaseMechanism = (typeof releaseMechanisms)[number];

export const neighbourRelations = ['addRemove', 'replace'] as const;
export type NeighbourRelation = (typeof neighbourRelations)[number];

const columnName = z.string().min(1);
const positive = z.number().positive().finite();

export const releaseBudgetSchema = z
  .strictObject({
    epsilon: positive.optional().describe('Total epsilon: pure epsilon-DP alone, (epsilon, delta)-DP with delta.'),
    delta: z.number().gt(0).lt(1).optional().describe('Total delta of an (epsilon, delta) budget; with rho, the delta at which the epsilon equivalent is reported.'),
    rho: positive.optional().describe('Total rho of a zero-concentrated DP (zCDP) budget (Bun & Steinke 2016).'),
  })
  .refine((b) => (b.epsilon === undefined) !== (b.rho === undefined), { message: 'give either epsilon (optionally with delta) or rho, not both and not neither' })
  .describe('The privacy budget of the whole release: { epsilon }, { epsilon, delta } or { rho } (zCDP).');

export const releaseBoundsSchema = z
  .strictObject({
    column: columnName.describe('Numeric column summed or averaged.'),
    lower: z.number().finite().describe('Declared lower bound: smaller values are clamped to it.'),
    upper: z.number().finite().describe('Declared upper bound: larger values are clamped to it.'),
    granularity: positive
      .optional()
      .describe('Grid the values are rounded to before summing (the sum is released as an integer number of grid steps, so the noise is exact). Default: a power of ten near (upper - lower) / 1000.'),
  })
  .refine((b) => b.lower <= b.upper, { message: 'lower must not exceed upper' })
  .describe('Per-record contribution bounds of a sum or mean: declared, never taken from the data.');

export const releasePostProcessSchema = z
  .strictObject({
    nonNegative: z.boolean().default(false).describe('Clamp negative noisy counts (and sums of non-negative values) to 0. Post-processing: spends no budget.'),
    round: z
      .number()
      .int()
      .min(-9)
      .max(9)
      .optional()
      .describe('Round released values to this many decimals (negative: to tens, hundreds, ...). Post-processing: spends no budget.'),
    consistentWith: z
      .string()
      .min(1)
      .optional()
      .describe("Name of a finer table whose cells this table's cells are totals of: both are made consistent (least squares, then totals = sums of the parts). Post-processing: spends no budget."),
  })
  .describe('Post-processing of the noisy values (spends no budget).');

const domainValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const releaseTableSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
    .describe('Table name (in the output and the budget statement).'),
  groupBy: z.array(columnName).default([]).describe('Group-by columns; the released cells are the full cross-product of their declared domains.'),
  levels: z
    .record(z.string(), z.number().int().min(0))
    .default({})
    .describe('Hierarchy level per group-by column (the column is then grouped by its generalized labels); level 0 = the value itself.'),
  domain: z
    .record(z.string(), z.array(domainValue).min(1))
    .default({})
    .describe('Declared values per group-by column (null = the missing value). Otherwise taken from the hierarchy at the given level; never from the data.'),
  statistic: z.enum(releaseStatistics).default('count').describe('count, sum or mean (sum and mean need bounds).'),
  bounds: releaseBoundsSchema.optional(),
  mechanism: z.enum(releaseMechanisms).default('discreteLaplace').describe('discreteLaplace (pure epsilon-DP) or discreteGaussian (zCDP).'),
  epsilon: positive.optional().describe("This table's share of the budget (discreteLaplace)."),
  rho: positive.optional().describe("This table's share of the budget in zCDP rho (discreteGaussian)."),
  postProcess: releasePostProcessSchema.default({ nonNegative: false }),
});

export const privacyUnitSchema = z
  .strictObject({
    column: columnName.describe('Person identifier (e.g. mrn): one person may have many records.'),
    maxRecords: z.number().int().min(1).describe('At most this many records per person are used (chosen by a keyed hash, not by their values); the sensitivity is this number per count.'),
  })
  .describe('Person-level privacy: a neighbouring dataset adds or removes (or replaces) one person with up to maxRecords records.');

export const releaseSchema = z
  .strictObject({
    neighbours: z.enum(neighbourRelations).default('addRemove').describe('Neighbouring datasets: addRemove (one unit added or removed) or replace (one unit replaced by another).'),
    budget: releaseBudgetSchema,
    privacyUnit: privacyUnitSchema.optional(),
    tables: z.array(releaseTableSchema).min(1).describe('The tables released; each spends its share of the budget.'),
  })
  .describe('Differentially private aggregate release (edra release): noisy tables with intervals and a budget statement.');

/** The release section, defaults applied. */
export type ReleaseSpec = z.output<typeof releaseSchema>;
export type ReleaseTableSpec = z.output<typeof releaseTableSchema>;
export type ReleaseBudgetSpec = z.output<typeof releaseBudgetSchema>;
