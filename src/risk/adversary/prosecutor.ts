/**
 * The prosecutor model (El Emam 2013; El Emam & Dankar, JAMIA 2008; ARX): the attacker knows
 * the target is in the released data. Its measure, its threshold lines and the class size
 * its highest-risk threshold requires. Sums are correctly rounded (ExactSum).
 */
import type { ResolvedThresholds } from '../../config/thresholds.js';
import type { RiskGroups } from '../../model/classSizes.js';
import type { ThresholdLine } from '../../model/thresholdLine.js';
import type { RecordRiskSummary } from '../../contracts/measures.js';
import { exactSumOf } from '../exactSum.js';
import { line } from '../verdict/lineKinds.js';
import { recordRisks } from './recordRisks.js';

/**
 * Prosecutor model: the attacker knows the target is in the released data.
 * Record risk 1/f_g. Highest = 1/min f, lowest = 1/max f. Average (success rate of
 * re-identifying a random record) = (1/n) sum_records 1/f = (1/n) sum_g r_g/f_g, which
 * is K/n when classes partition the records (El Emam 2013; ARX "average prosecutor risk").
 * Over RiskGroups each group's terms count once per class it stands for.
 */
export function prosecutorRisk(cs: RiskGroups, levels: readonly number[]): RecordRiskSummary {
  const sum = exactSumOf(cs.sizes.length, (g) => cs.records[g] / cs.sizes[g], cs.classes);
  return { ...recordRisks(cs.records, cs.sizes, levels, cs.classes), average: cs.n ? sum / cs.n : 0 };
}


/** highestRisk and averageRisk lines of the prosecutor model. */
export function prosecutorLines(risk: RecordRiskSummary, thresholds: ResolvedThresholds): ThresholdLine[] {
  const lines: ThresholdLine[] = [];
  if (thresholds.highestRisk !== undefined) lines.push(line('highestRisk', risk.highest, thresholds.highestRisk, { model: 'prosecutor' }));
  if (thresholds.averageRisk !== undefined) lines.push(line('averageRisk', risk.average, thresholds.averageRisk, { model: 'prosecutor' }));
  return lines;
}

/**
 * The smallest class size f whose record risk 1/f does not exceed t. A risk threshold is
 * not always the reciprocal of an integer (1/0.09 = 11.1), and the precedent "k = 11
 * for 0.09" actually has risk 0.0909 > 0.09: the exact bound is ceil(1/t), checked on
 * doubles in both directions so that 1/f = t (f = 5, t = 0.2) counts as meeting t.
 */
export function minSafeClassSize(t: number): number {
  if (!(t > 0)) throw new RangeError('risk threshold must be > 0');
  let f = Math.max(1, Math.ceil(1 / t));
  while (f > 1 && 1 / (f - 1) <= t) f--;
  while (1 / f > t) f++;
  return f;
}
