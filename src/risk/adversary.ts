/**
 * Re-identification risk under the three adversary models of the health
 * de-identification literature (El Emam, Guide to the De-identification of Personal
 * Health Information, 2013, ch. 13-16; El Emam & Dankar, "Protecting privacy using
 * k-anonymity", JAMIA 2008; the risk models of ARX, Prasser et al. 2014/2020).
 *
 * Notation: n records; groups g with r_g records each seeing class size f_g (sample)
 * and F_g (population, F_g >= f_g); K classes; t a record-risk threshold.
 * Sums are correctly rounded (ExactSum), so no figure depends on the order of the classes.
 */
import type { ClassSizes } from '../model/classSizes.js';
import { exactSumOf } from './exactSum.js';
import type { RecordRiskSummary, JournalistRisk, MarketerRisk } from '../contracts/measures.js';




/**
 * Summary of record risks 1/s_g for per-group sizes s (f for the prosecutor, F for the
 * journalist). A record's risk exceeds t exactly when s_g < 1/t; the comparison is made
 * as 1/s > t on doubles, which is exact for the decimal thresholds in use (both sides
 * round to the same double when 1/s = t, e.g. s = 5, t = 0.2).
 */
function recordRisks(records: Int32Array, sizes: ArrayLike<number>, levels: readonly number[]): Omit<RecordRiskSummary, 'average'> {
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
  for (let g = 0; g < sizes.length; g++) {
    const s = sizes[g];
    const r = records[g];
    if (s === min) atMin += r;
    if (s === max) atMax += r;
    const risk = 1 / s;
    for (let i = 0; i < L; i++) if (risk > lv[i]) above[i] += r;
  }
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

/**
 * Prosecutor model: the attacker knows the target is in the released data.
 * Record risk 1/f_g. Highest = 1/min f, lowest = 1/max f. Average (success rate of
 * re-identifying a random record) = (1/n) sum_records 1/f = (1/n) sum_g r_g/f_g, which
 * is K/n when classes partition the records (El Emam 2013; ARX "average prosecutor risk").
 */
export function prosecutorRisk(cs: ClassSizes, levels: readonly number[]): RecordRiskSummary {
  const sum = exactSumOf(cs.sizes.length, (g) => cs.records[g] / cs.sizes[g]);
  return { ...recordRisks(cs.records, cs.sizes, levels), average: cs.n ? sum / cs.n : 0 };
}

/**
 * Journalist model: the target is drawn from a population the data is a sample of, so a
 * match in the sample is right with probability 1/F_g, F_g the population class size.
 * Highest = 1/min F, lowest = 1/max F. Average, in El Emam's form,
 *   max( K / sum_k F_k , (1/n) sum_k f_k / F_k )   (El Emam 2013, ch. 15;
 * ARX "journalist risk"): the larger of the risk of a random population-class match and
 * the expected fraction of sample records re-identified.
 *
 * @param populationSizes F_g per group (must satisfy F_g >= f_g).
 */
export function journalistRisk(cs: ClassSizes, populationSizes: ArrayLike<number>, populationSize: number, levels: readonly number[]): JournalistRisk {
  const sumF = exactSumOf(cs.sizes.length, (g) => populationSizes[g]);
  const sumRatio = exactSumOf(cs.sizes.length, (g) => cs.records[g] / populationSizes[g]);
  const K = cs.sizes.length;
  const average = K ? Math.max(K / sumF, sumRatio / cs.n) : 0;
  return { ...recordRisks(cs.records, populationSizes, levels), average, populationSize };
}

/**
 * Marketer model: the attacker tries to re-identify as many records as possible and
 * succeeds on a record with probability 1/F_g, so the expected fraction re-identified is
 * (1/n) sum_k f_k / F_k (El Emam 2013; Dankar & El Emam 2010). Without population sizes
 * (F = f) this is K/n, the average prosecutor risk.
 */
export function marketerRisk(cs: ClassSizes, populationSizes: ArrayLike<number>): MarketerRisk {
  const sum = exactSumOf(cs.sizes.length, (g) => cs.records[g] / populationSizes[g]);
  return { expected: cs.n ? sum / cs.n : 0 };
}
