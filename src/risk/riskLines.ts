/**
 * The class-size threshold lines shared by `edra analyze` and the generalization search,
 * so that a node the search calls feasible is exactly a node whose output passes the
 * analysis: k, and the highest / average risk under each adversary model (definitions in
 * docs/measures.md and src/risk/adversary.ts).
 */
import type { AdversaryModel } from '../config/spec.js';
import type { ResolvedThresholds } from '../config/thresholds.js';
import type { ClassSizes } from '../model/classSizes.js';
import { journalistRisk, marketerRisk, prosecutorRisk } from './adversary.js';
import type { JournalistRisk, MarketerRisk, RecordRiskSummary } from '../contracts/measures.js';
import { minSafeClassSize, thresholdLine } from './thresholds.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import type { AdversaryRisks } from '../contracts/measures.js';


/**
 * Risks and threshold lines over classes `cs` with population class sizes F (same order)
 * and population size N. Lines: k >= k, <model>.highestRisk <= t, <model>.averageRisk <= t
 * (prosecutor, journalist), marketer.expected <= averageRisk.
 */
export function adversaryRiskLines(
  cs: ClassSizes,
  populationSizes: ArrayLike<number>,
  populationSize: number,
  k: number,
  models: readonly AdversaryModel[],
  thresholds: ResolvedThresholds,
): { risk: AdversaryRisks; lines: ThresholdLine[] } {
  const levels = thresholds.riskLevels;
  const risk: AdversaryRisks = {};
  if (models.includes('prosecutor')) risk.prosecutor = prosecutorRisk(cs, levels);
  if (models.includes('journalist')) risk.journalist = journalistRisk(cs, populationSizes, populationSize, levels);
  if (models.includes('marketer')) risk.marketer = marketerRisk(cs, populationSizes);
  const lines: ThresholdLine[] = [];
  if (thresholds.k !== undefined) lines.push(thresholdLine('k', k, '>=', thresholds.k));
  for (const model of ['prosecutor', 'journalist'] as const) {
    const r = risk[model];
    if (!r) continue;
    if (thresholds.highestRisk !== undefined) lines.push(thresholdLine(`${model}.highestRisk`, r.highest, '<=', thresholds.highestRisk));
    if (thresholds.averageRisk !== undefined) lines.push(thresholdLine(`${model}.averageRisk`, r.average, '<=', thresholds.averageRisk));
  }
  if (risk.marketer && thresholds.averageRisk !== undefined) lines.push(thresholdLine('marketer.expected', risk.marketer.expected, '<=', thresholds.averageRisk));
  return { risk, lines };
}

/**
 * The smallest class size every kept class must reach for the class-size thresholds to
 * hold: k, and highestRisk under the prosecutor (1/f <= t) and the journalist
 * (1/F = pi/f <= t, with F = f/pi) models. Classes below it are the ones record
 * suppression removes. 1 when no class-size threshold is set.
 */
export function requiredClassSize(models: readonly AdversaryModel[], thresholds: ResolvedThresholds, samplingFraction: number): number {
  let size = thresholds.k ?? 1;
  const t = thresholds.highestRisk;
  if (t !== undefined) {
    if (models.includes('prosecutor')) size = Math.max(size, minSafeClassSize(t));
    if (models.includes('journalist')) {
      // The same double expression journalistRisk evaluates: 1 / (f / pi) <= t.
      let f = 1;
      while (1 / (f / samplingFraction) > t) f++;
      size = Math.max(size, f);
    }
  }
  return size;
}
