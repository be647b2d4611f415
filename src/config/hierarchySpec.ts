/**
 * Generalization hierarchies of the spec, one per quasi-identifier (by column name).
 * Exactly one form per QI: an ARX-format file or one of the built-in builders
 * (mask, intervals, dates, groups). The shape is checked here; the relations between
 * the numbers (nesting widths and cuts, non-increasing mask levels, group membership)
 * are checked when the hierarchy is resolved (src/hierarchy), with `hierarchy.*` rule ids.
 * Semantics: docs/hierarchies.md.
 */
import { z } from 'zod';

/** Date levels, finest first; a dates hierarchy uses an increasing subset of them. */
export const dateLevelNames = ['month', 'quarter', 'year', 'decade'] as const;
export type DateLevelName = (typeof dateLevelNames)[number];

const topLevel = z
  .boolean()
  .default(true)
  .describe('Append a last level where every value is "*" (default true). Not appended when the last level already holds a single label by construction (mask ending in 0, groups whose last entry has one group).');

export const fileHierarchySchema = z
  .strictObject({
    file: z.string().min(1).describe('ARX-format hierarchy CSV, relative to the spec file: no header, one row per original value, column i = its label at level i (level 0 = the value).'),
    delimiter: z.string().min(1).max(4).default(';').describe('Field delimiter of the hierarchy file (default ";").'),
  })
  .describe('Hierarchy read from an ARX-format CSV file, used as it is.');

export const maskHierarchySchema = z
  .strictObject({
    mask: z
      .strictObject({
        levels: z
          .array(z.number().int().min(0))
          .min(1)
          .describe('Characters kept per level, for levels 0, 1, 2, ... (non-increasing). Level 0 is always the value itself whatever its entry; the rest of a value is replaced by "*" keeping its length; 0 gives the single label "*".'),
      })
      .describe('Keep the n leading characters of a value per level (e.g. ZIP codes: [5, 3, 1, 0]).'),
    top: topLevel,
  })
  .describe('Character masking hierarchy.');

export const intervalsHierarchySchema = z
  .strictObject({
    intervals: z
      .strictObject({
        width: z
          .array(z.number().positive())
          .min(1)
          .optional()
          .describe('Band width per level 1, 2, ...; each a multiple of the previous one.'),
        origin: z.number().optional().describe('Where the width bands are aligned (default 0); only with width.'),
        cuts: z
          .array(z.array(z.number()).min(1))
          .min(1)
          .optional()
          .describe('Explicit ascending cut points per level 1, 2, ...; each level\'s cuts a subset of the previous level\'s.'),
        bottom: z.number().optional().describe('Bottom coding: values below it are labelled "< bottom" at every level >= 1.'),
        top: z.number().optional().describe('Top coding: values at or above it are labelled ">= top" at every level >= 1.'),
      })
      .refine((s) => (s.width === undefined) !== (s.cuts === undefined), { message: 'give exactly one of width or cuts' })
      .refine((s) => s.origin === undefined || s.width !== undefined, { message: 'origin applies to width only' })
      .describe('Numeric bands, labelled as half-open intervals "[lo, hi)". Non-numeric values are not covered.'),
    top: topLevel,
  })
  .describe('Numeric interval hierarchy.');

export const datesHierarchySchema = z
  .strictObject({
    dates: z
      .strictObject({
        levels: z
          .array(z.enum(dateLevelNames))
          .min(1)
          .default([...dateLevelNames])
          .describe('Levels 1, 2, ...: an increasing subset of month ("2024-03"), quarter ("2024-Q1"), year ("2024"), decade ("2020s"); default all four.'),
      })
      .describe('ISO dates (YYYY-MM-DD, or a timestamp whose date part is taken). Unparseable values are not covered.'),
    top: topLevel,
  })
  .describe('Calendar date hierarchy.');

export const groupsHierarchySchema = z
  .strictObject({
    groups: z
      .array(z.record(z.string().min(1), z.array(z.string()).min(1)))
      .min(1)
      .describe('Entry i maps each label of level i+1 to the labels of level i it groups; entry 0 lists the original values. Unlisted values are not covered.'),
    top: topLevel,
  })
  .describe('Explicit groupings.');

/** One QI's hierarchy: exactly one of the forms. */
export const hierarchySpecSchema = z
  .union([fileHierarchySchema, maskHierarchySchema, intervalsHierarchySchema, datesHierarchySchema, groupsHierarchySchema])
  .describe('Generalization hierarchy of one quasi-identifier: { file }, { mask }, { intervals }, { dates } or { groups }.');

/** Hierarchies per QI (by column name). */
export const hierarchiesSchema = z
  .record(z.string(), hierarchySpecSchema)
  .describe('Generalization hierarchy per quasi-identifier (by column name); see docs/hierarchies.md.');

/** One QI's hierarchy as validated (defaults applied). */
export type HierarchySpec = z.output<typeof hierarchySpecSchema>;
export type FileHierarchySpec = z.output<typeof fileHierarchySchema>;
export type MaskHierarchySpec = z.output<typeof maskHierarchySchema>;
export type IntervalsHierarchySpec = z.output<typeof intervalsHierarchySchema>;
export type DatesHierarchySpec = z.output<typeof datesHierarchySchema>;
export type GroupsHierarchySpec = z.output<typeof groupsHierarchySchema>;
