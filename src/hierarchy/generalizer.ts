import type { HierarchyKind } from '../model/hierarchy.js';

/** The label of the fully suppressed level ("*", as in ARX files). */
export const SUPPRESSED = '*';

/**
 * A hierarchy before it meets the data: the label chain of a single value. Every builder
 * (ARX file, mask, intervals, dates, groups) produces one; `resolveHierarchy` applies it to
 * a QI's dictionary. Labels must be consistent: two values that share a label at level l
 * share their label at every level above l.
 */
export interface Generalizer {
  readonly kind: HierarchyKind;
  /** Highest level (level 0 is the value itself). */
  readonly height: number;
  /**
   * The labels of a (non-missing) value at levels 1 .. height, or undefined when the
   * hierarchy does not cover it.
   */
  generalize(value: string): readonly string[] | undefined;
  /** Labels of a level declared by the hierarchy independently of the data, else undefined. */
  domain(level: number): readonly string[] | undefined;
  /**
   * Leaves of the hierarchy itself (ARX file: one per row): shares are relative to them.
   * Undefined for the built-ins, whose leaves are the data's distinct non-missing values.
   */
  readonly leaves?: LeafCounts;
}

/** Number of leaves of a hierarchy, and the leaves under each label of a level. */
export interface LeafCounts {
  readonly total: number;
  /** Leaves under `label` at `level` (>= 1); 0 for a label the hierarchy does not have. */
  under(level: number, label: string): number;
}

/** Where a built-in hierarchy is declared: the spec file and the path of the QI's entry. */
export interface SpecPlace {
  /** The spec file as shown to the user. */
  readonly file: string;
  /** Path inside the spec, e.g. `hierarchies.age`. */
  readonly path: string;
}
