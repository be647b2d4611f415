/**
 * Changes since the last determination: the diff of this result against a previous one
 * (`analyze --previous old.json`, the result's `changes`; `edra diff --html` renders the same
 * model on its own). Counts, measures, settings and spec lines only.
 */
import type { DiffJson } from '../../contracts/diff.js';
import { Figure, fig } from '../figure.js';
import type { Labels } from '../templateDir.js';
import type { SectionContext } from './context.js';
import { thresholdLabel } from './thresholdRows.js';

export interface ChangesModel {
  previous: { generatedAt: string; reportId: string | null; spec: string; verdict: string };
  current: { generatedAt: string; verdict: string };
  dataChanged: boolean;
  dataBefore: string;
  dataAfter: string;
  verdictChanged: boolean;
  differences: Figure;
  thresholds: { label: string; comparison: string; before: string; after: string; status: string; changed: boolean }[];
  figures: { label: string; before: Figure; after: Figure }[];
  classSizes: { size: Figure; before: Figure; after: Figure }[];
  levels: { attribute: string; before: Figure; after: Figure }[];
  utility: { label: string; before: Figure; after: Figure }[];
  warningsAdded: string[];
  warningsRemoved: string[];
  /** The spec lines added (+) and removed (-). */
  specLines: { op: string; text: string }[];
}

const risky = (key: string) => key.startsWith('risk.') || key.startsWith('population.') || key.startsWith('individualRisk.') || key.startsWith('suda.') || key.endsWith('Fraction');

/** The model of a diff (null: none). */
export function changesModel(d: DiffJson | undefined, labels: Labels): ChangesModel | null {
  if (!d) return null;
  const cell = (x: { limit: number; value: number; pass: boolean } | undefined) =>
    x ? `${fig.measure(x.value).text} (limit ${fig.measure(x.limit).text}, ${labels.get(x.pass ? 'status.pass' : 'status.fail')})` : labels.get('diff.absent');
  const f = (key: string, x: number | null) => (risky(key) ? fig.measure(x) : fig.count(x));
  const changed = <T extends { before: number | null; after: number | null }>(x: T) => x.before !== x.after;
  return {
    previous: { generatedAt: d.before.generatedAt, reportId: d.before.reportId ?? null, spec: d.before.spec, verdict: labels.getOr(`verdict.${d.before.verdict}`, d.before.verdict) },
    current: { generatedAt: d.after.generatedAt, verdict: labels.getOr(`verdict.${d.after.verdict}`, d.after.verdict) },
    dataChanged: d.dataChanged,
    dataBefore: d.before.dataSha256,
    dataAfter: d.after.dataSha256,
    verdictChanged: d.before.verdict !== d.after.verdict,
    differences: fig.count(d.differences),
    thresholds: d.thresholds.map((t) => ({
      label: thresholdLabel({ name: t.name, kind: t.kind, ...(t.model ? { model: t.model } : {}), ...(t.attribute !== undefined ? { attribute: t.attribute } : {}), limit: 0, value: 0, comparison: t.comparison, pass: true }, labels),
      comparison: labels.get(`comparison.${t.comparison}`),
      before: cell(t.before),
      after: cell(t.after),
      status: labels.get(`diff.${t.status}`),
      changed: t.status !== 'same',
    })),
    figures: d.figures.filter(changed).map((x) => ({ label: labels.getOr(`diff.figure.${x.key}`, x.key), before: f(x.key, x.before), after: f(x.key, x.after) })),
    classSizes: d.classSizes.map((c) => ({ size: fig.integer(c.size), before: fig.count(c.before), after: fig.count(c.after) })),
    levels: d.levels.filter((l) => l.before !== l.after).map((l) => ({ attribute: l.attribute, before: fig.integer(l.before), after: fig.integer(l.after) })),
    utility: d.utility.filter(changed).map((x) => ({ label: labels.get(`metric.${x.key}`), before: fig.measure(x.before), after: fig.measure(x.after) })),
    warningsAdded: d.warnings.added,
    warningsRemoved: d.warnings.removed,
    specLines: d.spec.lines.filter((l) => l.op !== '=').map((l) => ({ op: l.op === '+' ? '+' : '−', text: l.text })),
  };
}

/** The section of a result (null when it carries no previous determination). */
export function changesSection({ result, labels }: SectionContext): ChangesModel | null {
  return changesModel(result.changes, labels);
}
