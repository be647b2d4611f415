/**
 * Transformations applied: the hierarchy level of each QI, the records suppressed, and the
 * risk before and after, side by side.
 */
import type { RiskSnapshot } from '../../contracts/measures.js';
import { Figure, fig } from '../figure.js';
import { recordsAnalysed, recordsExcluded, recordsRead, type SectionContext } from './context.js';

export interface TransformationModel {
  levels: { attribute: string; level: Figure; height: Figure; kind: string; groups: Figure | null; original: boolean }[];
  suppressed: Figure;
  /** Share of the records before suppression (the base of the limit). */
  suppressedFraction: Figure;
  /** Suppressed records masked (kept as one all-"*" class) rather than dropped. */
  masked: boolean;
  /** The records the "before" figures are over: all records analysed before suppression. */
  recordsBefore: Figure;
  /** The records the "after" figures are over: the records released (n of the whole report). */
  recordsAfter: Figure;
  suppressionLimit: Figure;
  comparison: { label: string; before: Figure; after: Figure; better: boolean | null }[];
}

type Row = { key: keyof RiskSnapshot; format: (x: number | null | undefined) => Figure; higherIsBetter: boolean };

const rows: readonly Row[] = [
  { key: 'k', format: fig.integer, higherIsBetter: true },
  { key: 'classes', format: fig.count, higherIsBetter: true },
  { key: 'sampleUniques', format: fig.count, higherIsBetter: false },
  { key: 'prosecutorHighest', format: fig.risk, higherIsBetter: false },
  { key: 'prosecutorAverage', format: fig.risk, higherIsBetter: false },
  { key: 'journalistHighest', format: fig.risk, higherIsBetter: false },
  { key: 'marketerExpected', format: fig.risk, higherIsBetter: false },
];

/** Builds the transformation section, or null when the data is released with its original values. */
export function transformationSection({ result, labels }: SectionContext): TransformationModel | null {
  const t = result.transformation;
  if (!t) return null;
  const hierarchies = new Map(t.hierarchies.map((h) => [h.attribute, h]));
  // Records before suppression (after missing-value exclusion): what the limit is a share of.
  const n = recordsRead(result) - recordsExcluded(result);
  return {
    levels: Object.entries(t.levels).map(([attribute, level]) => {
      const h = hierarchies.get(attribute);
      return {
        attribute,
        level: fig.integer(level),
        height: fig.integer(t.heights[attribute] ?? h?.height),
        kind: h ? labels.getOr(`hierarchyKind.${h.kind}`, h.kind) : labels.get('hierarchyKind.none'),
        groups: h && h.sizes[level] !== undefined ? fig.count(h.sizes[level]) : null,
        original: level === 0,
      };
    }),
    suppressed: fig.count(t.suppressed),
    suppressedFraction: fig.percent(n > 0 ? t.suppressed / n : 0),
    masked: t.suppressed > 0 && t.suppressedAs === 'mask',
    recordsBefore: fig.count(n),
    recordsAfter: fig.count(recordsAnalysed(result)),
    suppressionLimit: fig.percent(t.suppressionLimit),
    comparison: rows
      .filter((r) => t.before[r.key] !== undefined || t.after[r.key] !== undefined)
      .map((r) => {
        const b = t.before[r.key];
        const a = t.after[r.key];
        return {
          label: labels.get(`snapshot.${r.key}`),
          before: r.format(b),
          after: r.format(a),
          better: b === undefined || a === undefined || a === b ? null : (a > b) === r.higherIsBetter,
        };
      }),
  };
}
