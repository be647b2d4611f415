/**
 * Summary: the verdict against each threshold, the key risk figures under each adversary
 * model, population uniqueness, and what is released under which controls, on one screen.
 */
import { Figure, fig, oneIn } from '../figure.js';
import { recordsBasis, type RecordsBasisModel, type SectionContext } from './context.js';
import { thresholdRows, type ThresholdRow } from './thresholdRows.js';

export interface ModelRisk {
  model: string;
  /** null for the marketer model (it has no record-level risk). */
  highest: Figure | null;
  highestOneIn: Figure | null;
  average: Figure;
  averageOneIn: Figure | null;
  /** What the average means for this model. */
  averageMeaning: string;
}

/** A review warning as the report lists it. */
export interface ReviewRow {
  /** A short title (rule and subject in words). */
  title: string;
  message: string;
  /** The spec's reason, when it acknowledges the warning; null: open. */
  acknowledged: string | null;
}

/** The review warnings of a result, open first, with their short titles. */
export function reviewRows(result: SectionContext['result'], labels: SectionContext['labels']): ReviewRow[] {
  const reviews = result.warnings.filter((w) => w.review);
  return [...reviews.filter((w) => w.acknowledged === undefined), ...reviews.filter((w) => w.acknowledged !== undefined)].map((w) => ({
    title: labels.getOr(`review.${w.rule}`, w.rule, { subject: w.subject ?? '' }),
    message: w.message,
    acknowledged: w.acknowledged ?? null,
  }));
}

export interface SummaryModel {
  passed: boolean;
  /** Every threshold is met, but a review warning is open (exit 4). */
  needsReview: boolean;
  /** PASS, FAIL, NEEDS REVIEW. */
  verdictLabel: string;
  /** Review warnings (open first), each with its acknowledgement. */
  reviews: ReviewRow[];
  openReviews: Figure;
  /** Other warnings (informative), in plain words. */
  warnings: string[];
  /** Quasi-identifiers the search's optimum suppresses or halves (their warnings are in section 7). */
  utilityWarnings: string[];
  /** The extract before the transformation, when one was applied: its failing lines. */
  before: { failed: Figure; total: Figure; lines: ThresholdRow[] } | null;
  /** False when the spec configured no threshold: no determination can rest on the verdict. */
  thresholdsConfigured: boolean;
  lines: ThresholdRow[];
  failed: Figure;
  total: Figure;
  records: Figure;
  /** Which records the figures are over (read, excluded, suppressed). */
  recordsBasis: RecordsBasisModel;
  k: Figure;
  classes: Figure;
  sampleUniques: Figure;
  uniqueFraction: Figure;
  risks: ModelRisk[];
  /** Dankar et al.'s estimate; `noSampleUniques` when no record is unique in the sample (the rule gives 0, no model). */
  populationUniqueness: { fraction: Figure; count: Figure; model: string; noSampleUniques: boolean } | null;
  releasedColumns: string[];
  removedColumns: string[];
  /** Hierarchy levels applied, as "age: level 2 of 4" (null: values released as they are). */
  generalization: string[] | null;
  suppressed: Figure | null;
  /** Differentially private tables (null: none). */
  dpTables: Figure | null;
  dpBudget: string | null;
  /** The DP tables were drawn with --unsafe-seed: not private, tests only. */
  dpUnsafeSeed: boolean;
  context: string | null;
  recipient: string | null;
  purpose: string | null;
  controls: string[];
}

/** Builds the summary. */
export function summarySection(ctx: SectionContext): SummaryModel {
  const { result, labels, settings } = ctx;
  const lines = thresholdRows(result.thresholds, labels, result.sensitive);
  const risks: ModelRisk[] = [];
  const { prosecutor, journalist, marketer } = result.risk;
  for (const [key, r] of [
    ['prosecutor', prosecutor],
    ['journalist', journalist],
  ] as const) {
    if (!r) continue;
    risks.push({
      model: labels.get(`model.${key}`),
      highest: fig.risk(r.highest),
      highestOneIn: oneIn(r.highest),
      average: fig.risk(r.average),
      averageOneIn: oneIn(r.average),
      averageMeaning: labels.get(`model.${key}.average`),
    });
  }
  if (marketer) {
    risks.push({
      model: labels.get('model.marketer'),
      highest: null,
      highestOneIn: null,
      average: fig.risk(marketer.expected),
      averageOneIn: oneIn(marketer.expected),
      averageMeaning: labels.get('model.marketer.average'),
    });
  }
  const u = result.population.uniqueness;
  const roles = result.dataset.columns;
  const t = result.transformation;
  const rel = result.release;
  const basis = recordsBasis(ctx);
  const reviews = result.warnings.filter((w) => w.review);
  const beforeLines = t?.beforeLines ? thresholdRows(t.beforeLines, labels, result.sensitive) : null;
  return {
    passed: result.verdict === 'pass',
    needsReview: result.verdict === 'needsReview',
    verdictLabel: labels.getOr(`verdict.${result.verdict}`, result.verdict),
    reviews: reviewRows(result, labels),
    openReviews: fig.count(reviews.filter((w) => w.acknowledged === undefined).length),
    warnings: result.warnings.filter((w) => !w.review && w.rule !== 'identifier.present' && !w.rule.startsWith('search.')).map((w) => w.message),
    utilityWarnings: result.warnings.filter((w) => w.rule.startsWith('search.')).map((w) => w.subject ?? w.rule),
    before: beforeLines ? { failed: fig.count(beforeLines.filter((l) => !l.pass).length), total: fig.count(beforeLines.length), lines: beforeLines.filter((l) => !l.pass) } : null,
    thresholdsConfigured: lines.length > 0,
    lines: thresholdRows(result.thresholds, labels, result.sensitive, result.thresholdSettings.sources),
    failed: fig.count(lines.filter((l) => !l.pass).length),
    total: fig.count(lines.length),
    records: basis.analysed,
    recordsBasis: basis,
    k: fig.integer(result.k),
    classes: fig.count(result.classes.count),
    sampleUniques: fig.count(result.classes.uniques),
    uniqueFraction: fig.percent(result.classes.uniqueFraction),
    risks,
    populationUniqueness:
      u && u.dankarModel
        ? {
            fraction: fig.percent(u.dankar.fraction),
            count: u.dankarModel === 'none' ? fig.count(u.dankar.count) : fig.estimate(u.dankar.count),
            model: labels.get(`estimator.${u.dankarModel}`),
            noSampleUniques: u.dankarModel === 'none',
          }
        : null,
    releasedColumns: roles.filter((c) => c.role !== 'identifying').map((c) => c.name),
    removedColumns: result.releasedFile?.removedColumns ?? roles.filter((c) => c.role === 'identifying').map((c) => c.name),
    generalization: t
      ? Object.entries(t.levels).map(([a, level]) => labels.get('transformation.levelOf', { attribute: a, level: String(level), height: String(t.heights[a] ?? '?') }))
      : null,
    suppressed: t ? fig.count(t.suppressed) : null,
    dpTables: rel ? fig.count(rel.tables.length) : null,
    dpBudget: rel ? `${rel.budget.unit === 'rho' ? 'ρ' : 'ε'} = ${fig.measure(rel.budget.spent).text}` : null,
    dpUnsafeSeed: rel?.unsafeSeed === true,
    context: result.releaseContext ? labels.get(`context.${result.releaseContext}`) : null,
    recipient: settings.report.recipient ?? null,
    purpose: settings.report.purpose ?? null,
    controls: [...settings.report.controls],
  };
}
