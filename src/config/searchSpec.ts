import { z } from 'zod';

export const utilityMetricNames = ['precision', 'discernibility', 'aecs', 'loss', 'entropy'] as const;

/** The generalization search: how much may be suppressed and which information loss to minimise. */
export const searchSchema = z
  .strictObject({
    suppressionLimit: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('Fraction of records that may be suppressed (removed): the records of classes still below the required size after generalization.'),
    metric: z
      .enum(utilityMetricNames)
      .default('loss')
      .describe('Information loss to minimise: precision (generalization height), discernibility, aecs (average class size), loss (Iyengar, as ARX), entropy (non-uniform entropy).'),
    threads: z.number().int().min(1).max(64).optional().describe('Worker threads evaluating lattice nodes (default: one per core).'),
    suppressed: z
      .enum(['drop', 'mask'])
      .default('drop')
      .describe('What `edra anonymize` does with suppressed records: drop them (default), or keep them with every quasi-identifier set to "*".'),
  })
  .describe('Generalization search (edra search / anonymize / analyze --levels).');

export type SearchSpec = z.output<typeof searchSchema>;
