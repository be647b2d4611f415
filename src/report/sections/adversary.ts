/**
 * Adversary model and assumptions: the release context, the attacker models considered and
 * why, the population and its source, and the thresholds with their rationale and precedents.
 */
import { adversaryModels } from '../../config/spec.js';
import { presetNames, presets } from '../../config/presets.js';
import { minSafeClassSize } from '../../risk/adversary/prosecutor.js';
import { Figure, fig } from '../figure.js';
import { requiredClassSize, type SectionContext } from './context.js';
import { thresholdRows, type ThresholdRow } from './thresholdRows.js';
import { reviewRows, type ReviewRow } from './summary.js';

export interface AdversaryModelRow {
  label: string;
  why: string;
}

export interface PresetRow {
  label: string;
  /** The release context the precedent was set for. */
  context: string;
  highestRisk: Figure;
  /** Smallest class whose record risk meets the highest risk. */
  classSize: Figure;
  averageRisk: Figure;
  /** The precedent's population-uniqueness bound (null: it has none). */
  populationUniqueness: Figure | null;
  chosen: boolean;
}

export interface AdversaryModel {
  /** The release context the spec states (null: not stated). */
  context: { label: string; description: string } | null;
  /** The preset used, the context its precedent was set for, and whether that is the stated context. */
  preset: { name: string; context: string; matches: boolean; warning: string | null } | null;
  considered: AdversaryModelRow[];
  notConsidered: AdversaryModelRow[];
  recipient: string | null;
  purpose: string | null;
  description: string | null;
  assumptions: string[];
  population: {
    source: string;
    size: Figure | null;
    samplingFraction: Figure | null;
    /** Individuals each sampled record stands for (1 / pi). */
    weight: Figure | null;
    inconsistentClasses: Figure | null;
    notes: string[];
  };
  thresholds: ThresholdRow[];
  rationale: string | null;
  /** Smallest class whose prosecutor record risk (1 / f) meets the highest risk. */
  minClassSize: Figure | null;
  /** The size every class must reach for the class-size thresholds (k, and highestRisk under each model asked for). */
  requiredSize: Figure | null;
  riskLevels: string;
  presets: PresetRow[];
  /** Every review warning, with the spec's reason when it acknowledges it. */
  reviews: ReviewRow[];
}

/** Builds the adversary-model section. */
export function adversarySection({ result, settings, labels }: SectionContext): AdversaryModel {
  const ts = result.thresholdSettings;
  const p = result.population;
  const considered = new Set<string>(result.adversaryModels);
  const required = requiredClassSize(result);
  return {
    context: result.releaseContext ? { label: labels.get(`context.${result.releaseContext}`), description: labels.get(`context.${result.releaseContext}.description`) } : null,
    preset: ts.preset
      ? {
          name: labels.get(`preset.${ts.preset}`),
          context: labels.get(`context.${presets[ts.preset].context}`),
          matches: presets[ts.preset].context === result.releaseContext,
          warning: result.warnings.find((w) => w.rule === 'context.presetMismatch' || w.rule === 'context.notStated')?.message ?? null,
        }
      : null,
    considered: adversaryModels.filter((m) => considered.has(m)).map((m) => ({ label: labels.get(`model.${m}`), why: labels.get(`model.${m}.why`) })),
    notConsidered: adversaryModels.filter((m) => !considered.has(m)).map((m) => ({ label: labels.get(`model.${m}`), why: labels.get(`model.${m}.whyNot`) })),
    recipient: settings.report.recipient ?? null,
    purpose: settings.report.purpose ?? null,
    description: settings.description,
    assumptions: [...settings.report.assumptions],
    population: {
      source: labels.get(`population.${p.source}`),
      size: p.source === 'none' ? null : fig.count(p.size),
      samplingFraction: p.source === 'none' ? null : fig.measure(p.samplingFraction),
      weight: p.source === 'none' || !(p.samplingFraction > 0) ? null : fig.measure(1 / p.samplingFraction),
      inconsistentClasses: p.inconsistentClasses ? fig.count(p.inconsistentClasses) : null,
      notes: [...p.notes, ...result.notes],
    },
    thresholds: thresholdRows(result.thresholds, labels, result.sensitive, ts.sources),
    rationale: ts.rationale ?? null,
    minClassSize: ts.minClassSizeForHighestRisk !== undefined ? fig.integer(ts.minClassSizeForHighestRisk) : null,
    requiredSize: required === undefined ? null : fig.integer(required),
    riskLevels: ts.riskLevels.map((l) => fig.risk(l).text).join(', '),
    reviews: reviewRows(result, labels),
    presets: presetNames.map((c) => ({
      label: labels.get(`preset.${c}`),
      context: labels.get(`context.${presets[c].context}`),
      highestRisk: fig.risk(presets[c].highestRisk),
      classSize: fig.integer(minSafeClassSize(presets[c].highestRisk)),
      averageRisk: fig.risk(presets[c].averageRisk),
      populationUniqueness: presets[c].populationUniqueness === undefined ? null : fig.percent(presets[c].populationUniqueness),
      chosen: ts.preset === c,
    })),
  };
}
