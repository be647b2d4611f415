import { presets, type ReleaseContext } from './presets.js';
import type { Spec } from './spec.js';

/** Risk levels at which records above are always counted (the precedents). */
export const precedentRiskLevels: readonly number[] = [0.33, 0.2, 0.09, 0.075, 0.05];

/** Thresholds after the preset has filled what the spec left open. */
export interface ResolvedThresholds {
  k?: number;
  highestRisk?: number;
  averageRisk?: number;
  populationUniqueness?: number;
  individualRisk?: number;
  globalRisk?: number;
  disSuda?: number;
  /** Levels for `recordsAbove`, descending, duplicates removed. */
  riskLevels: number[];
  preset?: ReleaseContext;
  /** Why these numbers: the preset's precedent, when one was used. */
  rationale?: string;
}

/** Applies the preset (explicit values win) and fixes the risk levels. */
export function resolveThresholds(t: Spec['thresholds']): ResolvedThresholds {
  const preset = t.preset ? presets[t.preset] : undefined;
  const highestRisk = t.highestRisk ?? preset?.highestRisk;
  const averageRisk = t.averageRisk ?? preset?.averageRisk;
  const levels = new Set<number>(t.riskLevels ?? precedentRiskLevels);
  if (highestRisk !== undefined) levels.add(highestRisk);
  if (t.individualRisk !== undefined) levels.add(t.individualRisk);
  return {
    k: t.k,
    highestRisk,
    averageRisk,
    populationUniqueness: t.populationUniqueness,
    individualRisk: t.individualRisk,
    globalRisk: t.globalRisk,
    disSuda: t.disSuda,
    riskLevels: [...levels].sort((a, b) => b - a),
    preset: t.preset,
    rationale: preset?.rationale,
  };
}
