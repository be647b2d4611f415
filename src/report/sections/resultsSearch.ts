/**
 * The generalization search (lattice, optimum, Pareto front of risk against utility loss) and
 * the differentially private release (budget, mechanisms, noise scales, 95% intervals).
 */
import { scatterChart } from '../charts/scatterChart.js';
import { Figure, fig } from '../figure.js';
import type { SafeHtml } from '../safeHtml.js';
import type { Labels } from '../templateDir.js';
import type { AnalysisResult } from '../../contracts/analysis.js';
import type { SearchJson } from '../../contracts/search.js';
import { recordsAnalysed, type SectionContext } from './context.js';

export interface SearchModel {
  metric: string;
  nodes: Figure;
  checked: Figure;
  models: string[];
  suppressionLimit: Figure;
  threads: Figure;
  seconds: Figure;
  optimum: {
    levels: string;
    utility: Figure;
    suppressed: Figure;
    /** Classes of the generalized data before suppression. */
    classes: Figure;
    /** Classes and records of the output, after suppression (null: a search JSON without them, not at this report's levels). */
    releasedClasses: Figure | null;
    releasedRecords: Figure | null;
    k: Figure;
    tiedWith: Figure;
  } | null;
  front: { levels: string; utility: Figure; highestRisk: Figure; optimum: boolean }[];
  chart: SafeHtml | null;
  notes: string[];
}

export interface ReleaseModel {
  produced: boolean;
  unsafeSeed: boolean;
  neighbours: string;
  budgetUnit: string;
  spent: Figure;
  total: Figure;
  delta: Figure | null;
  epsilonEquivalent: Figure | null;
  /** Whose privacy is protected. */
  privacyUnit: string | null;
  composition: string | null;
  randomSource: string | null;
  output: { file: string; format: string; rows: Figure } | null;
  tables: {
    name: string;
    groupBy: string;
    statistic: string;
    cells: Figure;
    mechanism: string;
    noise: string | null;
    sensitivity: string | null;
    budget: string;
    scale: Figure;
    interval95: Figure;
    expectedAbsoluteError: Figure | null;
    expectedRelativeError: Figure | null;
    /** Sums and means: the column, its clamping bounds and grid (declared in the spec, not read from the data). */
    bounds: string | null;
    /** Means: the 95% half-width of the noisy count. */
    countInterval95: Figure | null;
    postProcessing: string;
  }[];
  notes: string[];
}

/** "age 2, zip 1" from a levels record. */
export function levelsText(levels: Readonly<Record<string, number>>): string {
  return Object.entries(levels)
    .map(([a, l]) => `${a} ${l}`)
    .join(', ');
}

function sameLevels(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * The classes and records of the optimum's output, from the search JSON; a search JSON written
 * before it recorded them: the result's own, when the result is the data at the optimum.
 */
function released(result: AnalysisResult, opt: NonNullable<SearchJson['optimum']>): { releasedClasses: Figure | null; releasedRecords: Figure | null } {
  const recorded = opt as Partial<NonNullable<SearchJson['optimum']>>;
  const atOptimum = result.transformation !== undefined && sameLevels(result.transformation.levels, opt.levels);
  const classes = typeof recorded.releasedClasses === 'number' ? recorded.releasedClasses : atOptimum ? result.classes.count : undefined;
  const records = typeof recorded.releasedRecords === 'number' ? recorded.releasedRecords : atOptimum ? recordsAnalysed(result) : undefined;
  return { releasedClasses: classes === undefined ? null : fig.count(classes), releasedRecords: records === undefined ? null : fig.count(records) };
}

/** The search results, or null when no search ran. */
export function searchResults({ result, labels }: SectionContext): SearchModel | null {
  const s = result.search;
  if (!s) return null;
  const opt = s.optimum;
  const metric = labels.getOr(`metric.${s.metric}`, s.metric);
  const highest = result.thresholdSettings.highestRisk;
  return {
    metric,
    nodes: fig.count(s.lattice.nodes),
    checked: fig.count(s.lattice.checked),
    models: [...s.models],
    suppressionLimit: fig.percent(s.suppressionLimit),
    threads: fig.integer(s.threads),
    seconds: fig.measure(s.elapsedMs / 1000),
    optimum: opt
      ? {
          levels: levelsText(opt.levels),
          utility: fig.measure(opt.utility),
          suppressed: fig.count(opt.suppressed),
          classes: fig.count(opt.classes),
          ...released(result, opt),
          k: fig.integer(opt.k),
          tiedWith: fig.count(opt.tiedWith),
        }
      : null,
    front: s.front.map((p) => ({
      levels: levelsText(p.levels),
      utility: fig.measure(p.utility),
      highestRisk: fig.risk(p.highestRisk),
      optimum: opt !== null && sameLevels(p.levels, opt.levels),
    })),
    chart:
      s.front.length === 0
        ? null
        : scatterChart({
            id: 'chart-pareto-front',
            title: labels.get('chart.front.title'),
            description: labels.get('chart.front.description'),
            points: s.front.map((p) => ({ x: p.utility, y: p.highestRisk, label: levelsText(p.levels), highlight: opt !== null && sameLevels(p.levels, opt.levels) })),
            xLabel: labels.get('chart.front.x', { metric }),
            yLabel: labels.get('chart.front.y'),
            yLine: highest === undefined ? undefined : { value: highest, label: labels.get('chart.front.threshold', { limit: fig.risk(highest).text }) },
            pointLabel: labels.get('chart.front.points'),
            highlightLabel: labels.get('chart.front.optimum'),
            connect: true,
          }),
    notes: [...(s.notes ?? [])],
  };
}

function budgetText(e: number | undefined, rho: number | undefined): string {
  if (rho !== undefined) return `ρ\u00a0=\u00a0${fig.measure(rho).text}`;
  if (e !== undefined) return `ε\u00a0=\u00a0${fig.measure(e).text}`;
  return '';
}

/**
 * The DP release, or null when the spec has none. The custodian-only counts (records clamped or
 * dropped) are not differentially private and are never shown.
 */
export function releaseResults({ result, labels }: SectionContext): ReleaseModel | null {
  const r = result.release;
  if (!r) return null;
  const l: Labels = labels;
  return {
    produced: r.produced,
    unsafeSeed: r.unsafeSeed,
    neighbours: l.get(`neighbours.${r.neighbours}`),
    budgetUnit: l.get(`budget.${r.budget.unit}`),
    spent: fig.measure(r.budget.spent),
    total: fig.measure(r.budget.total),
    delta: r.budget.delta !== undefined ? fig.measure(r.budget.delta) : null,
    epsilonEquivalent: r.budget.epsilonEquivalent !== undefined ? fig.measure(r.budget.epsilonEquivalent) : null,
    privacyUnit: r.privacyUnit
      ? r.privacyUnit.column === null
        ? l.get('release.unit.record')
        : l.get('release.unit.person', { column: r.privacyUnit.column, max: fig.count(r.privacyUnit.maxRecords).text })
      : null,
    composition: r.accounting
      ? `${r.accounting.composition}${r.accounting.exactSpent !== undefined ? ` (exactly ${r.accounting.exactSpent}${r.accounting.exactTotal !== undefined ? ` of ${r.accounting.exactTotal}` : ''})` : ''}`
      : null,
    randomSource: r.randomSource ?? null,
    output: r.output ? { file: r.output.file, format: r.output.format.toUpperCase(), rows: fig.count(r.output.rows) } : null,
    notes: [...(r.notes ?? [])],
    tables: r.tables.map((t) => ({
      name: t.name,
      groupBy: t.groupBy.join(', '),
      statistic: l.getOr(`statistic.${t.statistic}`, t.statistic),
      cells: fig.count(t.cells),
      mechanism: l.get(`mechanism.${t.mechanism}`),
      noise: t.noise ?? null,
      sensitivity: t.sensitivity ? `L1 ${fig.measure(t.sensitivity.l1).text}, L2 ${fig.measure(t.sensitivity.l2).text}` : null,
      budget: budgetText(t.epsilon, t.rho),
      scale: fig.measure(t.scale),
      interval95: fig.measure(t.interval95),
      expectedAbsoluteError: t.expectedAbsoluteError !== undefined ? fig.measure(t.expectedAbsoluteError) : null,
      expectedRelativeError: t.expectedRelativeError !== undefined ? fig.percent(t.expectedRelativeError) : null,
      bounds: t.bounds
        ? l.get('release.bounds', {
            column: t.bounds.column,
            lower: fig.measure(t.bounds.lower).text,
            upper: fig.measure(t.bounds.upper).text,
            granularity: fig.measure(t.bounds.granularity).text,
          })
        : null,
      countInterval95: t.countInterval95 !== undefined ? fig.measure(t.countInterval95) : null,
      postProcessing: t.postProcessing.length ? t.postProcessing.join('; ') : l.get('release.noPostProcessing'),
    })),
  };
}
