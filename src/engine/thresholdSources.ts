/**
 * Where each threshold line's limit comes from, by line name: the preset's precedent (with
 * its citation), the spec's own `thresholds.sources` entry, or "set in the spec". The report
 * prints it beside each threshold.
 */
import type { Spec } from '../config/spec.js';
import type { ResolvedThresholds } from '../config/thresholds.js';
import type { LineKind, ThresholdLine } from '../model/thresholdLine.js';

/** The spec key (under `thresholds`) a line kind's limit is read from. */
export const specKeyOf: Readonly<Record<LineKind, string>> = {
  k: 'k',
  highestRisk: 'highestRisk',
  averageRisk: 'averageRisk',
  marketerExpected: 'averageRisk',
  distinctL: 'l',
  entropyL: 'entropyL',
  recursiveCL: 'recursiveCL',
  tCloseness: 't',
  betaLikeness: 'beta',
  enhancedBetaLikeness: 'enhancedBeta',
  deltaDisclosure: 'delta',
  individualRiskMax: 'individualRisk',
  globalRisk: 'globalRisk',
  populationUniqueness: 'populationUniqueness',
  disSuda: 'disSuda',
};

/** The source of every line's limit, by line name. */
export function lineSources(lines: readonly ThresholdLine[], spec: Spec, thresholds: ResolvedThresholds): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const key = specKeyOf[l.kind];
    const own = l.attribute !== undefined ? (spec.sensitive[l.attribute]?.thresholds as Record<string, unknown> | undefined)?.[key] : undefined;
    out[l.name] = own !== undefined ? `set in the spec (sensitive.${l.attribute}.thresholds.${key})` : (thresholds.sources?.[key] ?? 'set in the spec');
  }
  return out;
}
