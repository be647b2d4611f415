/**
 * The smallest class size every class of the output must reach for the class-size
 * thresholds to hold: k, and highestRisk under the prosecutor (1/f <= t) and the journalist
 * (1/F = pi/f <= t under F = f/pi) models. Classes below it are the ones record suppression
 * removes; the report flags them. 1 when no class-size threshold is set.
 */
import type { AdversaryModel } from '../../config/spec.js';
import type { ResolvedThresholds } from '../../config/thresholds.js';
import { minSafeClassSize } from '../adversary/prosecutor.js';
import { journalistRequiredSize } from '../adversary/journalist.js';
import type { PopulationFrame } from './frame.js';

export function requiredClassSize(models: readonly AdversaryModel[], thresholds: ResolvedThresholds, frame: PopulationFrame): number {
  let size = thresholds.k ?? 1;
  const t = thresholds.highestRisk;
  if (t !== undefined) {
    if (models.includes('prosecutor')) size = Math.max(size, minSafeClassSize(t));
    if (models.includes('journalist') && frame.source !== 'populationTable') size = Math.max(size, journalistRequiredSize(t, frame.samplingFraction));
  }
  return size;
}
