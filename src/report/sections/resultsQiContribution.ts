/**
 * Per-QI contribution: how k and the sample uniques change when each quasi-identifier is
 * dropped or generalized one level (the result's `qiContribution`).
 */
import { horizontalBarChart } from '../charts/horizontalBarChart.js';
import { Figure, fig } from '../figure.js';
import type { SafeHtml } from '../safeHtml.js';
import type { SectionContext } from './context.js';

export interface QiContributionRow {
  attribute: string;
  droppedK: Figure;
  droppedUniques: Figure;
  /** Sample uniques that dropping the QI removes. */
  uniquesRemoved: Figure;
  generalized: { level: Figure; k: Figure; uniques: Figure } | null;
  /** Why there is no "one level up" figure: no hierarchy, or measured on generalized data. */
  notGeneralized: string | null;
}

export interface QiContributionModel {
  baseK: Figure;
  baseUniques: Figure;
  rows: QiContributionRow[];
  /** The QI whose removal removes the most sample uniques; null when no QI removes any. */
  strongest: string | null;
  /** No record is unique with all QIs (so no QI can remove one). */
  noUniques: boolean;
  /** Measured on the data at the levels of the transformation (section 6), not on the original values. */
  atLevels: boolean;
  anyGeneralized: boolean;
  /** null when no record is unique (every bar would be 0). */
  chart: SafeHtml | null;
}

/** Why a QI has no "one level up" figure. */
function notGeneralized(result: SectionContext['result'], attribute: string, labels: SectionContext['labels']): string {
  const t = result.transformation;
  if (!t) return labels.get('qiContribution.noHierarchy');
  const h = t.hierarchies.find((x) => x.attribute === attribute);
  if (!h || h.kind === 'none' || h.height === 0) return labels.get('qiContribution.noHierarchy');
  if ((t.levels[attribute] ?? 0) >= h.height) return labels.get('qiContribution.topLevel');
  return labels.get('qiContribution.notAtLevels');
}

/** Builds the per-QI contribution, or null when it was not computed. */
export function qiContributionResults({ result, labels }: SectionContext): QiContributionModel | null {
  const entries = result.qiContribution;
  if (!entries || entries.length === 0) return null;
  const base = result.classes.uniques;
  const strongest = entries.reduce((best, e) => (e.dropped.sampleUniques < best.dropped.sampleUniques ? e : best), entries[0]);
  return {
    baseK: fig.integer(result.k),
    baseUniques: fig.count(base),
    rows: entries.map((e) => ({
      attribute: e.attribute,
      droppedK: fig.integer(e.dropped.k),
      droppedUniques: fig.count(e.dropped.sampleUniques),
      uniquesRemoved: fig.count(Math.max(0, base - e.dropped.sampleUniques)),
      generalized: e.generalized ? { level: fig.integer(e.generalized.level), k: fig.integer(e.generalized.k), uniques: fig.count(e.generalized.sampleUniques) } : null,
      notGeneralized: e.generalized ? null : notGeneralized(result, e.attribute, labels),
    })),
    strongest: strongest.dropped.sampleUniques < base ? strongest.attribute : null,
    noUniques: base === 0,
    atLevels: result.transformation !== undefined,
    anyGeneralized: entries.some((e) => e.generalized !== undefined),
    chart:
      base === 0
        ? null
        : horizontalBarChart({
            id: 'chart-qi-contribution',
            title: labels.get('chart.qiContribution.title'),
            description: labels.get('chart.qiContribution.description'),
            rows: entries.map((e) => ({ label: labels.get('chart.qiContribution.row', { attribute: e.attribute }), value: e.dropped.sampleUniques })),
            reference: { value: base, label: labels.get('chart.qiContribution.reference') },
            barLabel: labels.get('chart.qiContribution.bar'),
            xLabel: labels.get('chart.qiContribution.x'),
          }),
  };
}
