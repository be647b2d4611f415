/**
 * Results: class sizes, the risk distribution, records at risk, and (as computed) per-QI
 * contribution, attribute disclosure, population estimators, individual risk, SUDA, the
 * search and the DP release. Every chart shows counts, never values.
 */
import { barChart } from '../charts/barChart.js';
import { classSizeBands, riskBands, type RiskBand } from '../bands.js';
import { Figure, fig } from '../figure.js';
import type { SafeHtml } from '../safeHtml.js';
import type { Labels } from '../templateDir.js';
import { recordsAnalysed, recordsBasis, requiredClassSize, type RecordsBasisModel, type SectionContext } from './context.js';
import { qiContributionResults, type QiContributionModel } from './resultsQiContribution.js';
import { sensitiveResults, type SensitiveModel } from './resultsSensitive.js';
import { individualRiskResults, populationResults, sudaResults, type IndividualRiskModel, type PopulationModel, type SudaModel } from './resultsPopulation.js';
import { releaseResults, searchResults, type ReleaseModel, type SearchModel } from './resultsSearch.js';

export interface ClassSizesModel {
  bands: { label: string; classes: Figure; records: Figure; belowRequired: boolean }[];
  chart: SafeHtml;
  classes: Figure;
  minSize: Figure;
  maxSize: Figure;
  meanSize: Figure;
  /** The class size the thresholds require (k, and highestRisk under each adversary model asked for). */
  requiredSize: Figure | null;
  recordsBelowRequired: Figure | null;
}

export interface RiskDistributionModel {
  models: string[];
  rows: { label: string; values: Figure[] }[];
  chart: SafeHtml;
}

export interface RecordsAtRiskModel {
  rows: { label: string; threshold: Figure; records: Figure; fraction: Figure }[];
}

export interface ResultsModel {
  /** n: the records every figure of the section is over. */
  records: Figure;
  recordsBasis: RecordsBasisModel;
  classSizes: ClassSizesModel;
  riskDistribution: RiskDistributionModel | null;
  recordsAtRisk: RecordsAtRiskModel | null;
  qiContribution: QiContributionModel | null;
  sensitive: SensitiveModel | null;
  population: PopulationModel | null;
  individualRisk: IndividualRiskModel | null;
  suda: SudaModel | null;
  search: SearchModel | null;
  release: ReleaseModel | null;
}

/** Builds the results section. */
export function resultsSection(ctx: SectionContext): ResultsModel {
  const basis = recordsBasis(ctx);
  return {
    records: basis.analysed,
    recordsBasis: basis,
    classSizes: classSizes(ctx),
    riskDistribution: riskDistribution(ctx),
    recordsAtRisk: recordsAtRisk(ctx),
    qiContribution: qiContributionResults(ctx),
    sensitive: sensitiveResults(ctx),
    population: populationResults(ctx),
    individualRisk: individualRiskResults(ctx),
    suda: sudaResults(ctx),
    search: searchResults(ctx),
    release: releaseResults(ctx),
  };
}

function classSizes(ctx: SectionContext): ClassSizesModel {
  const { result, labels } = ctx;
  const required = requiredClassSize(result);
  const bands = classSizeBands(result.classes.sizeHistogram, required);
  const bandLabel = (from: number, to: number): string => (from === to ? String(from) : to === Infinity ? `${from}+` : `${from}–${to}`);
  const below = (from: number): boolean => required !== undefined && from < required;
  const belowRecords = required === undefined ? null : bands.filter((b) => below(b.from)).reduce((s, b) => s + b.records, 0);
  return {
    bands: bands.map((b) => ({ label: bandLabel(b.from, b.to), classes: fig.count(b.classes), records: fig.count(b.records), belowRequired: below(b.from) })),
    chart: barChart({
      id: 'chart-class-sizes',
      title: labels.get('chart.classSizes.title'),
      description: labels.get('chart.classSizes.description'),
      categories: bands.map((b) => bandLabel(b.from, b.to)),
      series: [{ name: labels.get('chart.classSizes.series'), values: bands.map((b) => b.classes) }],
      highlight: bands.map((b) => below(b.from)),
      highlightLegend:
        required === undefined
          ? undefined
          : { highlighted: labels.get('chart.classSizes.below', { size: String(required) }), plain: labels.get('chart.classSizes.atLeast', { size: String(required) }) },
      xLabel: labels.get('chart.classSizes.x'),
      yLabel: labels.get('chart.classSizes.y'),
    }),
    classes: fig.count(result.classes.count),
    minSize: fig.integer(result.classes.minSize),
    maxSize: fig.integer(result.classes.maxSize),
    meanSize: fig.measure(result.classes.meanSize),
    requiredSize: required === undefined ? null : fig.integer(required),
    recordsBelowRequired: belowRecords === null ? null : fig.count(belowRecords),
  };
}

function bandLabels(bands: readonly RiskBand[], labels: Labels): { long: string; short: string }[] {
  return bands.map((b) => {
    const lower = b.lower === null ? '' : fig.risk(b.lower).text;
    const upper = b.upper === null ? '' : fig.risk(b.upper).text;
    if (b.upper === null) return { long: labels.get('band.above', { lower }), short: `> ${lower}` };
    if (b.lower === null) return { long: labels.get('band.atMost', { upper }), short: `≤ ${upper}` };
    return { long: labels.get('band.between', { lower, upper }), short: `${lower}–${upper}` };
  });
}

function riskDistribution(ctx: SectionContext): RiskDistributionModel | null {
  const { result, labels } = ctx;
  const levels = result.thresholdSettings.riskLevels;
  const n = recordsAnalysed(result);
  const series: { name: string; above: Readonly<Record<string, number>> }[] = [];
  if (result.risk.prosecutor) series.push({ name: labels.get('model.prosecutor'), above: result.risk.prosecutor.recordsAbove });
  if (result.risk.journalist) series.push({ name: labels.get('model.journalist'), above: result.risk.journalist.recordsAbove });
  if (result.individualRisk) series.push({ name: labels.get('model.individual'), above: result.individualRisk.recordsAbove });
  if (series.length === 0 || levels.length === 0) return null;
  // The bands of the levels every series counted.
  const common = levels.filter((t) => series.every((s) => s.above[String(t)] !== undefined));
  const perSeries = series.map((s) => riskBands(s.above, common, n));
  const names = bandLabels(perSeries[0], labels);
  return {
    models: series.map((s) => s.name),
    rows: names.map((name, i) => ({ label: name.long, values: perSeries.map((b) => fig.count(b[i].records)) })),
    chart: barChart({
      id: 'chart-risk-distribution',
      title: labels.get('chart.riskDistribution.title'),
      description: labels.get('chart.riskDistribution.description'),
      categories: names.map((x) => x.short),
      series: series.map((s, si) => ({ name: s.name, values: perSeries[si].map((b) => b.records) })),
      xLabel: labels.get('chart.riskDistribution.x'),
      yLabel: labels.get('chart.riskDistribution.y'),
    }),
  };
}

function recordsAtRisk(ctx: SectionContext): RecordsAtRiskModel | null {
  const { result, labels } = ctx;
  const ts = result.thresholdSettings;
  const n = recordsAnalysed(result);
  const rows: RecordsAtRiskModel['rows'] = [];
  const share = (x: number): Figure => fig.percent(n > 0 ? x / n : 0);
  if (ts.highestRisk !== undefined) {
    for (const key of ['prosecutor', 'journalist'] as const) {
      const above = result.risk[key]?.recordsAbove[String(ts.highestRisk)];
      if (above === undefined) continue;
      rows.push({ label: labels.get(`atRisk.${key}`), threshold: fig.risk(ts.highestRisk), records: fig.count(above), fraction: share(above) });
    }
  }
  const irLimit = result.thresholds.find((l) => l.kind === 'individualRiskMax')?.limit;
  const irAbove = irLimit === undefined ? undefined : result.individualRisk?.recordsAbove[String(irLimit)];
  if (irLimit !== undefined && irAbove !== undefined) {
    rows.push({ label: labels.get('atRisk.individual'), threshold: fig.risk(irLimit), records: fig.count(irAbove), fraction: share(irAbove) });
  }
  if (ts.k !== undefined && result.classes.recordsBelowK !== undefined) {
    rows.push({ label: labels.get('atRisk.belowK'), threshold: fig.integer(ts.k), records: fig.count(result.classes.recordsBelowK), fraction: share(result.classes.recordsBelowK) });
  }
  return rows.length ? { rows } : null;
}
