/**
 * The analysis spec: what to load, which attributes play which role, the attacker
 * models, the population and the thresholds. Validated by zod; `edra schema` exports
 * the same schema as JSON Schema for editor completion.
 */
import { z } from 'zod';
import { presetNames, releaseContextKinds } from './presets.js';
import { hierarchiesSchema } from './hierarchySpec.js';
import { searchSchema } from './searchSpec.js';
import { releaseSchema } from './releaseSpec.js';
import { reportSchema } from './reportSpec.js';

export const dataFormats = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'arrow'] as const;
export type DataFormat = (typeof dataFormats)[number];

export const adversaryModels = ['prosecutor', 'journalist', 'marketer'] as const;
export type AdversaryModel = (typeof adversaryModels)[number];

export const missingValuePolicies = ['ownValue', 'exclude', 'wildcard'] as const;
export type MissingValuePolicy = (typeof missingValuePolicies)[number];

const columnName = z.string().min(1).describe('A column name of the dataset, exactly as in its header.');
const probability = z.number().gt(0).lte(1);

export const csvOptionsSchema = z
  .strictObject({
    delimiter: z.string().min(1).max(4).optional().describe('Field delimiter; detected from the header line when absent ("\\t" for TSV).'),
    quote: z.string().max(1).optional().describe('Quote character (default ", as RFC 4180; an empty string turns quoting off). A quote left open is a data error, never read as data.'),
    escape: z.string().max(1).optional().describe('Escape character; auto-detected when absent.'),
    header: z.boolean().optional().describe('Whether the first line holds column names (default: true); without, the columns are column1..n.'),
    nullStrings: z.array(z.string()).optional().describe('Cell texts read as missing (default: the empty cell).'),
    types: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('Column type overrides (DuckDB type names), e.g. { zip: VARCHAR }. Quasi-identifier columns are always read as text (leading zeros kept); sensitive and other columns keep their detected or overridden type (a numeric sensitive attribute gets the ordered distance).'),
  })
  .describe('CSV/TSV read options; everything not given is auto-detected.');

/** A data file read by the embedded DuckDB (the default engine). */
export const fileDatasetSchema = z.strictObject({
  engine: z.literal('duckdb').default('duckdb').describe('The embedded DuckDB reads a file (the default).'),
  path: z.string().min(1).describe('Data file, relative to the spec file.'),
  format: z.enum(dataFormats).optional().describe('File format; taken from the extension when absent.'),
  csv: csvOptionsSchema.optional(),
});

/** SQL names a ClickHouse database or table may have: letters, digits and underscores. */
const clickhouseName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a ClickHouse name of letters, digits and underscores, not starting with a digit');

/**
 * A table in a ClickHouse server (a Distributed table over shards, or a local one), reached
 * over its HTTP interface: the frequency table is computed there and only the grouped counts
 * come back (docs/scale.md). Credentials come from EDRA_CLICKHOUSE_USER and
 * EDRA_CLICKHOUSE_PASSWORD, never from the spec.
 */
export const clickhouseDatasetSchema = z.strictObject({
  engine: z.literal('clickhouse'),
  url: z
    .url({ protocol: /^https?$/, error: 'an http:// or https:// URL of the ClickHouse HTTP interface, e.g. http://warehouse:8123' })
    .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'no user or password in the URL: set EDRA_CLICKHOUSE_USER and EDRA_CLICKHOUSE_PASSWORD')
    .describe('The ClickHouse HTTP interface, e.g. http://warehouse:8123 (no credentials: EDRA_CLICKHOUSE_USER / EDRA_CLICKHOUSE_PASSWORD).'),
  database: clickhouseName.default('default').describe('The database of the table.'),
  table: clickhouseName.describe('The table (e.g. a Distributed table over the shards).'),
  timeoutSeconds: z.number().positive().max(86_400).default(600).describe('Time limit of each query, enforced by the server (max_execution_time) and by edra.'),
  retries: z.number().int().min(0).max(10).default(2).describe('Retries of a query after a transient error (connection reset, server overloaded), with backoff.'),
});

export const datasetSchema = z.discriminatedUnion('engine', [fileDatasetSchema, clickhouseDatasetSchema]);

export const attributesSchema = z
  .strictObject({
    identifying: z.array(columnName).default([]).describe('Direct identifiers: never analysed, flagged when present in the data.'),
    quasiIdentifiers: z.array(columnName).min(1).describe('Quasi-identifiers: the attributes an attacker may know; they define the equivalence classes.'),
    sensitive: z.array(columnName).default([]).describe('Sensitive attributes (attribute disclosure).'),
    insensitive: z.array(columnName).default([]).describe('Attributes released as they are, not analysed.'),
  })
  .superRefine((a, ctx) => {
    const seen = new Map<string, string>();
    for (const role of ['identifying', 'quasiIdentifiers', 'sensitive', 'insensitive'] as const) {
      a[role].forEach((name, i) => {
        const before = seen.get(name);
        if (before !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [role, i],
            message: `column "${name}" is listed twice (in ${before} and ${role}); give each column one role`,
          });
        }
        seen.set(name, role);
      });
    }
  });

export const populationTableSchema = z.strictObject({
  path: z.string().min(1).describe('Population file (same QI column names), relative to the spec file.'),
  format: z.enum(dataFormats).optional(),
  csv: csvOptionsSchema.optional(),
  count: columnName.optional().describe('Column holding the number of individuals of each row; without it every row is one individual.'),
});

export const populationSchema = z
  .strictObject({
    size: z.number().int().positive().optional().describe('Population size N the dataset is a sample of.'),
    samplingFraction: probability
      .optional()
      .describe('Sampling fraction pi = n / N. Given with size, both are taken as they are: the frame of a released file whose records were suppressed from a sample at pi of N.'),
    table: populationTableSchema.optional().describe('Population counts per QI combination (e.g. census tables): gives F_k directly.'),
  });

export const tDistances = ['equal', 'ordered', 'hierarchical'] as const;
export type TDistance = (typeof tDistances)[number];

/** Thresholds of the attribute-disclosure models (per sensitive attribute, or for all). */
export const sensitiveThresholdsSchema = z.strictObject({
  l: z.number().min(1).optional().describe('Minimum distinct l-diversity.'),
  entropyL: z.number().min(1).optional().describe('Minimum entropy l-diversity (exp of the class entropy, natural log).'),
  recursiveCL: z
    .strictObject({ c: z.number().positive(), l: z.number().int().min(1) })
    .optional()
    .describe('Recursive (c,l)-diversity: every class must have r_1 < c (r_l + ... + r_m).'),
  t: z.number().min(0).max(1).optional().describe('Maximum t-closeness distance (EMD).'),
  beta: z.number().min(0).optional().describe('Maximum basic beta-likeness (relative gain of a value in a class).'),
  enhancedBeta: z.number().min(0).optional().describe('Maximum enhanced beta-likeness.'),
  delta: z.number().min(0).optional().describe('Maximum delta-disclosure (max |ln(p_class / p_table)|).'),
});

export const sensitiveSettingsSchema = z.strictObject({
  distance: z.enum(tDistances).optional().describe('t-closeness ground distance; default: ordered for numeric/date columns, equal otherwise, hierarchical when a hierarchy is given.'),
  hierarchy: z.string().optional().describe('ARX-format value hierarchy CSV (one row per value, one column per level), relative to the spec.'),
  hierarchyDelimiter: z.string().min(1).default(';'),
  order: z.array(z.string()).optional().describe('Explicit order of the values of an ordinal text attribute (for the ordered distance).'),
  missing: z.enum(['ownValue', 'exclude']).default('ownValue').describe('A missing sensitive value: a value of its own, or left out of that attribute\'s measures.'),
  thresholds: sensitiveThresholdsSchema.optional().describe('Overrides of the global sensitive thresholds for this attribute.'),
});
export type SensitiveSettings = z.output<typeof sensitiveSettingsSchema>;
export type SensitiveThresholds = z.output<typeof sensitiveThresholdsSchema>;

export const thresholdsSchema = sensitiveThresholdsSchema.extend({
  preset: z
    .enum(presetNames)
    .optional()
    .describe('Precedent thresholds that fill highestRisk, averageRisk and (when a population is known and the precedent has one) populationUniqueness when not given. It does not set the release context: see releaseContext.'),
  sources: z
    .record(z.string(), z.string().min(1))
    .optional()
    .describe('Where a threshold set in the spec comes from, by its key (e.g. { populationUniqueness: "..." }); the report prints it beside the threshold.'),
  k: z.number().int().min(1).optional().describe('Minimum equivalence-class size.'),
  highestRisk: probability.optional().describe('Maximum record risk (prosecutor, journalist).'),
  averageRisk: probability.optional().describe('Maximum average risk (prosecutor, journalist, marketer).'),
  riskLevels: z.array(probability).optional().describe('Risk levels for which the records above are counted (default: 0.33, 0.2, 0.09, 0.075, 0.05 and the configured highestRisk).'),
  populationUniqueness: z.number().min(0).max(1).optional().describe('Maximum estimated fraction of the population that is unique (Dankar et al. rule).'),
  individualRisk: probability.optional().describe('Maximum individual (per-record) risk with sampling weights.'),
  globalRisk: z.number().min(0).max(1).optional().describe('Maximum global risk: expected re-identifications / n.'),
  disSuda: z.number().min(0).max(1).optional().describe('Maximum DIS-SUDA score of any record.'),
});

/** One review warning the expert has looked at, with the reason it does not stop the release. */
export const acknowledgementSchema = z
  .strictObject({
    rule: z.string().min(1).describe('The warning\'s rule, e.g. release.identifierLike, threshold.cannotFail, population.estimatorsDisagree, sensitive.worstCase, context.presetMismatch.'),
    subject: z
      .string()
      .min(1)
      .optional()
      .describe('What the warning names: a column, a threshold line (e.g. journalist.highestRisk) or a sensitive attribute. Without it, every warning of the rule is acknowledged.'),
    reason: z.string().min(10).describe('Why the expert accepts it; printed in the report beside the warning.'),
  })
  .describe('An acknowledged review warning.');
export type Acknowledgement = z.output<typeof acknowledgementSchema>;

export const individualRiskSchema = z
  .strictObject({
    weight: columnName.optional().describe('Column of sampling weights; without it every record weighs 1 / samplingFraction.'),
  })
  .describe('Individual risk with sampling weights (Benedetti & Franconi 1998; sdcMicro indivRisk).');

export const sudaSchema = z
  .strictObject({
    maxMsuSize: z.number().int().min(1).optional().describe('Largest minimal sample unique searched (default: the number of QIs).'),
    disFraction: z.number().gt(0).lt(1).default(0.01).describe('Sampling fraction of the DIS-SUDA disclosure intensity (default 0.01).'),
  })
  .describe('SUDA2 special uniques and DIS-SUDA scores (Manning, Haglin & Keane 2008; Elliot et al.).');

export const specSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().optional().describe('A title for the analysis.'),
    description: z.string().optional(),
    releaseContext: z
      .enum(releaseContextKinds)
      .optional()
      .describe('Who receives the data and under what: public (anyone, no agreement), dataUseAgreement (a named recipient bound by an agreement), enclave (access only inside a controlled environment). Stated in the report; never inferred from the preset.'),
    dataset: datasetSchema,
    attributes: attributesSchema,
    missingValues: z
      .enum(missingValuePolicies)
      .default('ownValue')
      .describe('Missing QI values: ownValue (an empty cell is one more value, as ARX), exclude (records left out and counted), wildcard (matches any value, as sdcMicro).'),
    population: populationSchema.optional(),
    adversary: z.array(z.enum(adversaryModels)).min(1).default(['prosecutor', 'journalist', 'marketer']),
    sensitive: z.record(z.string(), sensitiveSettingsSchema).default({}).describe('Settings per sensitive attribute (by column name).'),
    individualRisk: individualRiskSchema.optional(),
    suda: sudaSchema.optional(),
    thresholds: thresholdsSchema.default({}),
    hierarchies: hierarchiesSchema.default({}),
    levels: z
      .record(columnName, z.number().int().min(0))
      .optional()
      .describe('The generalization of this determination: hierarchy levels to generalize to before measuring, by QI (others stay at 0), as `--levels` gives them: `analyze` measures this node and `anonymize` writes it instead of searching; `--levels` overrides them and `search` explores every node. `edra explore` writes them with "save as spec".'),
    search: searchSchema.optional(),
    acknowledgements: z.array(acknowledgementSchema).default([]).describe('Review warnings the expert accepts, each with a reason: without them a passing verdict is "needs review" (exit 4).'),
    release: releaseSchema.optional(),
    report: reportSchema.optional(),
  })
  .describe('edra analysis spec');

/** A validated spec, defaults applied. */
export type Spec = z.output<typeof specSchema>;
/** A spec as written by a user. */
export type SpecInput = z.input<typeof specSchema>;
/** A dataset read from a file by the embedded DuckDB. */
export type FileDataset = z.output<typeof fileDatasetSchema>;
/** A dataset that stays in a ClickHouse server. */
export type ClickHouseDataset = z.output<typeof clickhouseDatasetSchema>;

/** The spec's JSON Schema (draft 2020-12), for editor completion. */
export function specJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
