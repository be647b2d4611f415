import { classHistogramsOf } from '../../../src/risk/sensitive/classHistograms.js';

/**
 * Main fixture, m = 3 ordinal values (0 < 1 < 2):
 *   class 0 "single": {0: 2}              one value
 *   class 1 "pair":   {1: 2, 2: 2}
 *   class 2 "mirror": {0: 2, 1: 2, 2: 2}  same distribution as the table
 * Table totals T = (4, 4, 4), n = 12, q = (1/3, 1/3, 1/3).
 */
export const main = () => classHistogramsOf(3, [[[0, 2]], [[1, 2], [2, 2]], [[0, 2], [1, 2], [2, 2]]]);

/** The main fixture without its one-value class: T = (2, 4, 4), n = 10. */
export const withoutSingle = () => classHistogramsOf(3, [[[1, 2], [2, 2]], [[0, 2], [1, 2], [2, 2]]]);
