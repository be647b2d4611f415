/**
 * What the recipient loses: the information loss of the transformation (the result's
 * `transformation.utility`, src/search/qiUtility.ts), overall by the five search metrics, per
 * quasi-identifier (distinct values before and after, records changed, share of its
 * information removed) with a before/after chart, and the suppressed records by class size.
 * Counts and shares only.
 */
import { utilityMetricNames } from '../../config/searchSpec.js';
import { barChart } from '../charts/barChart.js';
import { Figure, fig } from '../figure.js';
import type { SafeHtml } from '../safeHtml.js';
import type { SectionContext } from './context.js';

export interface UtilityQiRow {
  attribute: string;
  level: Figure;
  height: Figure;
  distinctBefore: Figure;
  distinctAfter: Figure;
  recordsChanged: Figure;
  changedFraction: Figure;
  informationRemoved: Figure;
  informationKept: Figure;
  loss: Figure;
}

export interface UtilityModel {
  /** The records before suppression the figures are over. */
  records: Figure;
  suppressed: Figure;
  metrics: { label: string; value: Figure; meaning: string }[];
  qis: UtilityQiRow[];
  chart: SafeHtml;
  suppressedByClassSize: { size: Figure; classes: Figure; records: Figure }[];
  /** The search's warnings on what its optimum costs a quasi-identifier. */
  warnings: string[];
}

/** Builds the section, or null when no transformation was applied (or the result predates the figures). */
export function utilitySection({ result, labels }: SectionContext): UtilityModel | null {
  const u = result.transformation?.utility;
  if (!u) return null;
  const pct = (x: number) => Math.round(1000 * x) / 10;
  return {
    records: fig.count(u.records),
    suppressed: fig.count(u.suppressed),
    metrics: utilityMetricNames.map((m) => ({
      label: labels.get(`metric.${m}`),
      value: m === 'discernibility' || m === 'entropy' ? fig.count(u.metrics[m]) : fig.measure(u.metrics[m]),
      meaning: labels.get(`metric.${m}.meaning`),
    })),
    qis: u.qis.map((q) => ({
      attribute: q.attribute,
      level: fig.integer(q.level),
      height: fig.integer(q.height),
      distinctBefore: fig.count(q.distinctBefore),
      distinctAfter: fig.count(q.distinctAfter),
      recordsChanged: fig.count(q.recordsChanged),
      changedFraction: fig.percent(q.changedFraction),
      informationRemoved: fig.percent(q.informationRemoved),
      informationKept: fig.percent(1 - q.informationRemoved),
      loss: fig.measure(q.loss),
    })),
    chart: barChart({
      id: 'chart-utility',
      title: labels.get('chart.utility.title'),
      description: labels.get('chart.utility.description'),
      categories: u.qis.map((q) => q.attribute),
      series: [
        { name: labels.get('chart.utility.before'), values: u.qis.map(() => 100) },
        { name: labels.get('chart.utility.after'), values: u.qis.map((q) => pct(1 - q.informationRemoved)) },
      ],
      xLabel: labels.get('chart.utility.x'),
      yLabel: labels.get('chart.utility.y'),
      yFormat: 'measure',
      height: 300,
    }),
    suppressedByClassSize: u.suppressedByClassSize.map(([size, classes, records]) => ({ size: fig.integer(size), classes: fig.count(classes), records: fig.count(records) })),
    warnings: result.warnings.filter((w) => w.rule === 'search.qiSuppressed' || w.rule === 'search.qiInformationLoss').map((w) => w.message),
  };
}
