/**
 * The marketer model (El Emam 2013; Dankar & El Emam 2010): the attacker re-identifies as
 * many records as possible. Its measure and threshold line (the average-risk threshold).
 */
import type { ResolvedThresholds } from '../../config/thresholds.js';
import type { RiskGroups } from '../../model/classSizes.js';
import type { ThresholdLine } from '../../model/thresholdLine.js';
import type { MarketerRisk } from '../../contracts/measures.js';
import { exactSumOf } from '../exactSum.js';
import { line } from '../verdict/lineKinds.js';

/**
 * Marketer model: the attacker tries to re-identify as many records as possible and
 * succeeds on a record with probability 1/F_g, so the expected fraction re-identified is
 * (1/n) sum_k f_k / F_k (El Emam 2013; Dankar & El Emam 2010). Without population sizes
 * (F = f) this is K/n, the average prosecutor risk. Over RiskGroups each group's term counts
 * once per class it stands for.
 */
export function marketerRisk(cs: RiskGroups, populationSizes: ArrayLike<number>): MarketerRisk {
  const sum = exactSumOf(cs.sizes.length, (g) => cs.records[g] / populationSizes[g], cs.classes);
  return { expected: cs.n ? sum / cs.n : 0 };
}

/** The marketer's line: expected fraction re-identified <= averageRisk. */
export function marketerLines(risk: MarketerRisk, thresholds: ResolvedThresholds): ThresholdLine[] {
  return thresholds.averageRisk !== undefined ? [line('marketerExpected', risk.expected, thresholds.averageRisk, { model: 'marketer' })] : [];
}
