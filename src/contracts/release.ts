/** The JSON contract of a differentially private release (`edra release --json`, and the plan in a Result): types only. */

/** A planned or produced DP release: parameters only, no cell values. */
export interface ReleaseJson {
  neighbours: 'addRemove' | 'replace';
  budget: { unit: 'epsilon' | 'rho'; spent: number; total: number; delta?: number; epsilonEquivalent?: number };
  tables: {
    name: string;
    groupBy: string[];
    statistic: 'count' | 'sum' | 'mean';
    cells: number;
    mechanism: 'discreteLaplace' | 'discreteGaussian';
    /** Noise scale (Laplace t or Gaussian sigma) in the statistic's units. */
    scale: number;
    epsilon?: number;
    rho?: number;
    /** Half-width of the 95% interval of one cell's noise. */
    interval95: number;
    postProcessing: string[];
    /** Hierarchy level per group-by column (0 = the value itself). */
    levels?: Record<string, number>;
    /** l1 and l2 sensitivity of the table, in the statistic's units (mean: of its sum). */
    sensitivity?: { l1: number; l2: number };
    /** The exact noise distribution, e.g. "Lap_Z(2)" or "N_Z(0, 25/2)", in integer units (grid steps for sums). */
    noise?: string;
    /** E|noise| of one cell, in the statistic's units (mean: of its sum). */
    expectedAbsoluteError?: number;
    /** expectedAbsoluteError over the average released cell (a mean adds its count's); produced releases only, from released values. */
    expectedRelativeError?: number;
    /** Sum and mean: the declared clamping bounds and the grid the values are rounded to. */
    bounds?: { column: string; lower: number; upper: number; granularity: number };
    /** Mean: noise scale and 95% half-width of the count of values. */
    countScale?: number;
    countInterval95?: number;
    /** Custodian-only, with --show-values: records clamped (not differentially private). */
    clampedRecords?: number;
    /** Custodian-only, with --show-values: records outside the declared domain (not differentially private). */
    droppedRecords?: number;
  }[];
  /** True when a seeded (unsafe, test-only) random source was used. */
  unsafeSeed: boolean;
  /** True once the noisy tables were written (false: planned only). */
  produced: boolean;
  /** Whose privacy is protected: a person column with a record cap, or one record (column null). */
  privacyUnit?: { column: string | null; maxRecords: number };
  /** How the budget was composed, with the exact rationals when the rule is exact. */
  accounting?: { composition: string; exactSpent?: string; exactTotal?: string };
  /** Where the random bits came from. */
  randomSource?: string;
  /** The file written (produced releases). */
  output?: { file: string; format: 'csv' | 'parquet'; rows: number };
  /** Data-independent statements: privacy unit, domain rule, clamping. */
  notes?: string[];
}
