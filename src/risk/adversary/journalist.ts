/**
 * The journalist model (El Emam 2013, ch. 15; ARX "journalist risk"): the target is drawn
 * from a population the data is a sample of. Its measure, its threshold lines and the class
 * size its highest-risk threshold requires under F = f / pi. Sums are correctly rounded.
 */
import type { ResolvedThresholds } from '../../config/thresholds.js';
import type { RiskGroups } from '../../model/classSizes.js';
import type { ThresholdLine } from '../../model/thresholdLine.js';
import type { JournalistRisk } from '../../contracts/measures.js';
import { exactSumOf } from '../exactSum.js';
import { line } from '../verdict/lineKinds.js';
import { recordRisks } from './recordRisks.js';

/**
 * Journalist model: the target is drawn from a population the data is a sample of, so a
 * match in the sample is right with probability 1/F_g, F_g the population class size.
 * Highest = 1/min F, lowest = 1/max F. Average, in El Emam's form,
 *   max( K / sum_k F_k , (1/n) sum_k f_k / F_k )   (El Emam 2013, ch. 15;
 * ARX "journalist risk"): the larger of the risk of a random population-class match and
 * the expected fraction of sample records re-identified.
 *
 * Over RiskGroups each group's terms count once per class it stands for.
 *
 * @param populationSizes F_g per group (must satisfy F_g >= f_g).
 */
export function journalistRisk(cs: RiskGroups, populationSizes: ArrayLike<number>, populationSize: number, levels: readonly number[]): JournalistRisk {
  const c = cs.classes;
  const sumF = exactSumOf(cs.sizes.length, (g) => populationSizes[g], c);
  const sumRatio = exactSumOf(cs.sizes.length, (g) => cs.records[g] / populationSizes[g], c);
  const K = c ? exactSumOf(c.length, (g) => c[g]) : cs.sizes.length;
  const average = K ? Math.max(K / sumF, sumRatio / cs.n) : 0;
  return { ...recordRisks(cs.records, populationSizes, levels, c), average, populationSize };
}


/** highestRisk and averageRisk lines of the journalist model. */
export function journalistLines(risk: JournalistRisk, thresholds: ResolvedThresholds): ThresholdLine[] {
  const lines: ThresholdLine[] = [];
  if (thresholds.highestRisk !== undefined) lines.push(line('highestRisk', risk.highest, thresholds.highestRisk, { model: 'journalist' }));
  if (thresholds.averageRisk !== undefined) lines.push(line('averageRisk', risk.average, thresholds.averageRisk, { model: 'journalist' }));
  return lines;
}

/**
 * The smallest sample class size f whose journalist risk 1/F = 1/(f/pi) does not exceed t
 * (the same double expression journalistRisk evaluates). With pi = 0.01 and t = 0.2 this
 * is 1: a highest journalist risk under F = f/pi can never exceed pi.
 */
export function journalistRequiredSize(t: number, samplingFraction: number): number {
  let f = 1;
  while (1 / (f / samplingFraction) > t) f++;
  return f;
}
