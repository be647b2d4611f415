/**
 * Population uniqueness estimators (with the model Dankar et al.'s rule picked), individual
 * risk with sampling weights, and SUDA special uniques with the DIS-SUDA distribution.
 */
import { barChart } from '../charts/barChart.js';
import { Figure, fig } from '../figure.js';
import type { SafeHtml } from '../safeHtml.js';
import type { SectionContext } from './context.js';

export interface PopulationModel {
  rows: { model: string; count: Figure; fraction: Figure; valid: boolean; note: string | null; picked: boolean }[];
  picked: string | null;
  /** No record is unique in the sample: every estimator gives 0 and Dankar et al.'s rule picks no model. */
  noSampleUniques: boolean;
  notes: string[];
}

export interface IndividualRiskModel {
  max: Figure;
  global: Figure;
  expected: Figure;
  weights: string;
  classesAtSampleSize: Figure;
}

export interface SudaModel {
  maxMsuSize: Figure;
  disFraction: Figure;
  recordsWithMsu: Figure;
  maxSudaScore: Figure;
  meanSudaScore: Figure;
  maxDisScore: Figure;
  meanDisScore: Figure;
  msuBySize: { size: Figure; count: Figure }[];
  histogram: { label: string; records: Figure }[];
  chart: SafeHtml;
}

const estimators = ['pitman', 'zayatz', 'snb', 'dankar'] as const;

/** Population uniqueness, or null when not estimated. */
export function populationResults({ result, labels }: SectionContext): PopulationModel | null {
  const u = result.population.uniqueness;
  if (!u) return null;
  return {
    rows: estimators.map((key) => {
      const e = u[key];
      return {
        model: labels.get(`estimator.${key}`),
        // no sample unique: 0 exactly, not an estimate
        count: u.dankarModel === 'none' ? fig.count(e.count) : fig.estimate(e.count),
        fraction: fig.percent(e.fraction),
        valid: e.valid,
        note: e.note ?? null,
        picked: key !== 'dankar' && u.dankarModel === key,
      };
    }),
    picked: u.dankarModel ? labels.get(`estimator.${u.dankarModel}`) : null,
    noSampleUniques: u.dankarModel === 'none',
    notes: [...result.population.notes],
  };
}

/** Individual risk, or null when not computed. */
export function individualRiskResults({ result }: SectionContext): IndividualRiskModel | null {
  const ir = result.individualRisk;
  if (!ir) return null;
  return {
    max: fig.risk(ir.max),
    global: fig.risk(ir.global),
    expected: fig.measure(ir.expectedReidentifications),
    weights: ir.weights,
    classesAtSampleSize: fig.count(ir.classesAtSampleSize),
  };
}

/** SUDA, or null when not computed. */
export function sudaResults({ result, labels }: SectionContext): SudaModel | null {
  const s = result.suda;
  if (!s) return null;
  let prev: number | null = null;
  const bins = s.disScoreHistogram.map(([bound, records]) => {
    const label = prev === null ? `= ${fig.risk(bound).text}` : `${fig.risk(prev).text}–${fig.risk(bound).text}`;
    prev = bound;
    return { label, records };
  });
  return {
    maxMsuSize: fig.integer(s.maxMsuSize),
    disFraction: fig.measure(s.disFraction),
    recordsWithMsu: fig.count(s.recordsWithMsu),
    maxSudaScore: fig.measure(s.maxSudaScore),
    meanSudaScore: fig.measure(s.meanSudaScore),
    maxDisScore: fig.risk(s.maxDisScore),
    meanDisScore: fig.risk(s.meanDisScore),
    msuBySize: s.msuBySize.map((count, i) => ({ size: fig.integer(i + 1), count: fig.count(count) })),
    histogram: bins.map((b) => ({ label: b.label, records: fig.count(b.records) })),
    chart: barChart({
      id: 'chart-dis-suda',
      title: labels.get('chart.disSuda.title'),
      description: labels.get('chart.disSuda.description'),
      categories: bins.map((b) => b.label),
      series: [{ name: labels.get('chart.disSuda.series'), values: bins.map((b) => b.records) }],
      xLabel: labels.get('chart.disSuda.x'),
      yLabel: labels.get('chart.disSuda.y'),
    }),
  };
}
