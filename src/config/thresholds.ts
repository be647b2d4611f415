import { presets, type PresetName } from './presets.js';
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
  preset?: PresetName;
  /** Why these numbers: the preset's precedent, when one was used. */
  rationale?: string;
  /**
   * Where each configured threshold comes from, by spec key (`k`, `highestRisk`, `l`, ...):
   * the preset's precedent, the spec's own `thresholds.sources` entry, or "set in the spec".
   */
  sources?: Record<string, string>;
}

/** What resolving needs to know beyond the thresholds. */
export interface ResolveOptions {
  /**
   * Whether the run knows a population (size, sampling fraction or table): the preset's
   * population-uniqueness bound applies only then (without one nothing is estimated).
   */
  populationKnown?: boolean;
}

/** Spec keys of the thresholds whose source the report names. */
const thresholdKeys = ['k', 'highestRisk', 'averageRisk', 'populationUniqueness', 'individualRisk', 'globalRisk', 'disSuda', 'l', 'entropyL', 'recursiveCL', 't', 'beta', 'enhancedBeta', 'delta'] as const;

/** Applies the preset (explicit values win) and fixes the risk levels. */
export function resolveThresholds(t: Spec['thresholds'], options: ResolveOptions = {}): ResolvedThresholds {
  const preset = t.preset ? presets[t.preset] : undefined;
  const highestRisk = t.highestRisk ?? preset?.highestRisk;
  const averageRisk = t.averageRisk ?? preset?.averageRisk;
  const populationUniqueness = t.populationUniqueness ?? (options.populationKnown ? preset?.populationUniqueness : undefined);
  const levels = new Set<number>(t.riskLevels ?? precedentRiskLevels);
  if (highestRisk !== undefined) levels.add(highestRisk);
  if (t.individualRisk !== undefined) levels.add(t.individualRisk);
  const given = t.sources ?? {};
  const sources: Record<string, string> = {};
  for (const key of thresholdKeys) {
    if (t[key] !== undefined) sources[key] = given[key] ?? 'set in the spec';
  }
  if (t.highestRisk === undefined && preset) sources.highestRisk = preset.sources.highestRisk;
  if (t.averageRisk === undefined && preset) sources.averageRisk = preset.sources.averageRisk;
  if (t.populationUniqueness === undefined && populationUniqueness !== undefined && preset?.sources.populationUniqueness) {
    sources.populationUniqueness = preset.sources.populationUniqueness;
  }
  return {
    k: t.k,
    highestRisk,
    averageRisk,
    populationUniqueness,
    individualRisk: t.individualRisk,
    globalRisk: t.globalRisk,
    disSuda: t.disSuda,
    riskLevels: [...levels].sort((a, b) => b - a),
    preset: t.preset,
    rationale: preset?.rationale,
    sources,
  };
}
