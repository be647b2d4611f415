/**
 * SUDA2 tuning: the internal knobs of edra's MSU search (thresholds between the code paths
 * it adds to Manning, Haglin & Keane 2008) and their defaults.
 */

/**
 * Internal knobs of the search; defaults are tuned for speed. Tests set them to force every
 * code path (the results never depend on them).
 */
export interface Suda2Tuning {
  /** Sub-tables with at most this many rows (0..32) are searched bit-parallel; default 32. */
  smallRows?: number;
  /**
   * Sub-tables with at least this many rows (and more than smallRows) keep a set of their
   * MSUs; smaller ones scan for special rows. Default 0 (always the set).
   */
  knownMinRows?: number;
  /**
   * Memory for the per-record records of `run` (2^M bits + maxMsuSize counts per record);
   * default 256 MiB. Above it the full table checks special rows by memoized scans.
   */
  knownBudgetBytes?: number;
  /** Size (ints) of a batch of materialized top-level sub-tables; default 2^22. */
  batchItems?: number;
}

const DEFAULT_TUNING: Required<Suda2Tuning> = {
  smallRows: 32,
  knownMinRows: 0,
  knownBudgetBytes: 256 * 1024 * 1024,
  batchItems: 1 << 22,
};

/** The knobs of a search: defaults filled in, smallRows clamped to 0..32. */
export function resolveTuning(tuning: Suda2Tuning): Required<Suda2Tuning> {
  const t = { ...DEFAULT_TUNING, ...tuning };
  t.smallRows = Math.max(0, Math.min(32, t.smallRows));
  return t;
}
