/**
 * Adversary model and assumptions: the release context, the attacker models considered and
 * why, the population and its source, and the thresholds with their rationale and precedents.
 */
import { adversaryModels } from '../../config/spec.js';
import { presets, releaseContexts } from '../../config/presets.js';
import { minSafeClassSize } from '../../risk/adversary/prosecutor.js';
import { Figure, fig } from '../figure.js';
import { requiredClassSize, type SectionContext } from './context.js';
import { thresholdRows, type ThresholdRow } from './thresholdRows.js';

export interface AdversaryModelRow {
  label: string;
  why: string;
}

export interface PresetRow {
  label: string;
  highestRisk: Figure;
  /** Smallest class whose record risk meets the highest risk. */
  classSize: Figure;
  averageRisk: Figure;
  chosen: boolean;
}

export interface AdversaryModel {
  context: { label: string; description: string } | null;
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
}

/** Builds the adversary-model section. */
export function adversarySection({ result, settings, labels }: SectionContext): AdversaryModel {
  const ts = result.thresholdSettings;
  const p = result.population;
  const considered = new Set<string>(result.adversaryModels);
  const required = requiredClassSize(result);
  return {
    context: ts.preset ? { label: labels.get(`context.${ts.preset}`), description: labels.get(`context.${ts.preset}.description`) } : null,
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
    thresholds: thresholdRows(result.thresholds, labels, result.sensitive),
    rationale: ts.rationale ?? null,
    minClassSize: ts.minClassSizeForHighestRisk !== undefined ? fig.integer(ts.minClassSizeForHighestRisk) : null,
    requiredSize: required === undefined ? null : fig.integer(required),
    riskLevels: ts.riskLevels.map((l) => fig.risk(l).text).join(', '),
    presets: releaseContexts.map((c) => ({
      label: labels.get(`context.${c}`),
      highestRisk: fig.risk(presets[c].highestRisk),
      classSize: fig.integer(minSafeClassSize(presets[c].highestRisk)),
      averageRisk: fig.risk(presets[c].averageRisk),
      chosen: ts.preset === c,
    })),
  };
}
