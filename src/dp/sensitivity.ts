/**
 * Sensitivity of a released table (a vector with one coordinate per cell) under the
 * neighbouring relation, in integer units.
 *
 * A privacy unit (a person, or one record when no unit is declared) contributes at most m
 * records, each adding a value in [L, U] (integers: 1 for a count; grid steps for a sum) to
 * the one cell its group-by values fall in. With a = max(U, 0), b = max(-L, 0) and
 * B = max(a, b) (the largest |value|):
 *
 * - addRemove (one unit added or removed): the m records move the vector by at most B each:
 *     l1 = m B;  l2^2 = m^2 B^2  (worst case: all m records in one cell).
 * - replace (one unit's records replaced by another's): m records leave their cells and m
 *   others arrive. In cell i the change lies in [d_i L - c_i U, d_i U - c_i L] (c_i, d_i = old
 *   and new records there, sum c_i, sum d_i <= m). The squared norm is convex in (c, d), so it
 *   peaks at a vertex: everything in one cell, m (a + b); or old and new in two cells, m B
 *   each. Hence
 *     l1 = 2 m B;  l2^2 = m^2 max(2 B^2, (a + b)^2).
 *   For counts (a = B = 1, b = 0): l1 = 2m, l2^2 = 2m^2.
 *
 * Source: Dwork & Roth 2014, "The Algorithmic Foundations of Differential Privacy", Def. 3.1
 * (l1 sensitivity) and §3.3; the bounded-contribution argument for person-level privacy as
 * in Wilson et al. 2020, "Differentially Private SQL with Bounded User Contribution".
 */
import type { NeighbourRelation } from '../config/releaseSpec.js';

/** The l1 sensitivity and the square of the l2 sensitivity (exact integers). */
export interface Sensitivity {
  l1: bigint;
  l2Squared: bigint;
}

/**
 * Sensitivity of a table whose records each add an integer in [lower, upper] to one cell,
 * with at most `maxRecords` records per privacy unit.
 */
export function tableSensitivity(neighbours: NeighbourRelation, maxRecords: bigint, lower: bigint, upper: bigint): Sensitivity {
  if (maxRecords < 1n) throw new RangeError('tableSensitivity: maxRecords must be >= 1');
  if (lower > upper) throw new RangeError('tableSensitivity: lower > upper');
  const a = upper > 0n ? upper : 0n;
  const b = lower < 0n ? -lower : 0n;
  const B = a > b ? a : b;
  const m = maxRecords;
  if (neighbours === 'addRemove') return { l1: m * B, l2Squared: m * m * B * B };
  const twoB2 = 2n * B * B;
  const sameCell = (a + b) * (a + b);
  return { l1: 2n * m * B, l2Squared: m * m * (twoB2 > sameCell ? twoB2 : sameCell) };
}

/** Sensitivity of a count table (each record adds 1). */
export function countSensitivity(neighbours: NeighbourRelation, maxRecords: bigint): Sensitivity {
  return tableSensitivity(neighbours, maxRecords, 1n, 1n);
}
