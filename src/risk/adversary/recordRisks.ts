/**
 * Record-risk summaries shared by the prosecutor and journalist models (El Emam, Guide to
 * the De-identification of Personal Health Information, 2013, ch. 13-16; ARX's risk models).
 * Notation: n records; groups g with r_g records each seeing class size f_g (sample) and F_g
 * (population, F_g >= f_g); K classes; t a record-risk threshold.
 */
import type { RecordRiskSummary } from '../../contracts/measures.js';

/**
 * Summary of record risks 1/s_g for per-group sizes s (f for the prosecutor, F for the
 * journalist). A record's risk exceeds t exactly when s_g < 1/t; the comparison is made
 * as 1/s > t on doubles, which is exact for the decimal thresholds in use (both sides
 * round to the same double when 1/s = t, e.g. s = 5, t = 0.2).
 * @param classes classes each group stands for (RiskGroups.classes; absent: 1 each)
 */
export function recordRisks(records: Int32Array, sizes: ArrayLike<number>, levels: readonly number[], classes?: Float64Array): Omit<RecordRiskSummary, 'average'> {
  let min = Infinity;
  let max = 0;
  for (let g = 0; g < sizes.length; g++) {
    if (sizes[g] < min) min = sizes[g];
    if (sizes[g] > max) max = sizes[g];
  }
  let atMin = 0;
  let atMax = 0;
  const L = levels.length;
  const lv = Float64Array.from(levels);
  const above = new Float64Array(L);
  // Records are integers, so their sums are exact in any grouping: a run of groups of one size
  // (the common case: most classes of a large table share a few sizes) is compared with the
  // levels once.
  let runSize = Number.NaN;
  let runRecords = 0;
  const flush = () => {
    if (runRecords === 0) return;
    if (runSize === min) atMin += runRecords;
    if (runSize === max) atMax += runRecords;
    const risk = 1 / runSize;
    for (let i = 0; i < L; i++) if (risk > lv[i]) above[i] += runRecords;
  };
  for (let g = 0; g < sizes.length; g++) {
    const s = sizes[g];
    if (s !== runSize) {
      flush();
      runSize = s;
      runRecords = 0;
    }
    runRecords += classes ? records[g] * classes[g] : records[g];
  }
  flush();
  const recordsAbove: Record<string, number> = {};
  levels.forEach((t, i) => (recordsAbove[String(t)] = above[i]));
  return {
    highest: sizes.length ? 1 / min : 0,
    lowest: sizes.length ? 1 / max : 0,
    recordsAtHighest: atMin,
    recordsAtLowest: atMax,
    recordsAbove,
  };
}

