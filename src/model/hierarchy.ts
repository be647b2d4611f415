/**
 * A value generalization hierarchy resolved against one quasi-identifier's dictionary.
 *
 * The data layer hands out each QI's dictionary (distinct values as text, indexed by code,
 * `null` for the missing value). A hierarchy (ARX CSV file or a built-in builder) maps each
 * value to a label per level; resolving it turns that into dense integer maps over the
 * codes, so the search and the release work on codes and never on values.
 */
export interface ResolvedHierarchy {
  /** The QI (column) name. */
  readonly attribute: string;
  /** Highest level: levels are 0 .. height; level 0 is the value itself. */
  readonly height: number;
  /**
   * maps[l][code] = group code of the value at level l, dense in 0 .. labels[l].length - 1.
   * maps[0] is the identity. The missing value (null) is a group of its own at every level,
   * except at a level of full suppression (every value labelled "*", or a single-label top
   * level), where it joins that group.
   */
  readonly maps: readonly Int32Array[];
  /** labels[l][group] = the label of a group at level l (null for the missing value's group). */
  readonly labels: readonly (readonly (string | null)[])[];
  /**
   * shares[l][group] = leaves of the hierarchy under the group's label / all leaves of the
   * hierarchy (rows of an ARX file; distinct values of the data for built-ins). For
   * Iyengar's loss as ARX computes it. Level 0 groups have 1 / leaves.
   */
  readonly shares: readonly Float64Array[];
  /** Number of leaves the shares are relative to (M_d). */
  readonly leaves: number;
  /**
   * The full domain of labels at a level when the hierarchy declares it independently of the
   * data (ARX file: the distinct labels of column l; groups; intervals with bounds), else
   * undefined. Differential-privacy releases take their cells from here, never from the data.
   */
  domain(level: number): readonly string[] | undefined;
  /** How it was built, for the report: 'file' | 'mask' | 'intervals' | 'dates' | 'groups'. */
  readonly kind: HierarchyKind;
  /** Per level: the number of groups over the data's values (missing value included when present). */
  readonly sizes: readonly number[];
}

export type HierarchyKind = 'file' | 'mask' | 'intervals' | 'dates' | 'groups' | 'none';
