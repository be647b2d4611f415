/**
 * The transformation in the text summary: the extract's verdict before it, the levels, and what
 * the recipient loses (the five metrics, per quasi-identifier, suppressed records by class size).
 */
import type { AnalysisResult } from '../contracts/analysis.js';
import type { UtilityJson } from '../contracts/utility.js';
import { utilityMetricNames } from '../config/searchSpec.js';

const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

/** Lines on the transformation of a result (none without one). */
export function transformationLines(r: AnalysisResult): string[] {
  const t = r.transformation;
  if (!t) return [];
  const out: string[] = [];
  if (t.beforeLines && t.beforeLines.length > 0) {
    const failed = t.beforeLines.filter((l) => !l.pass);
    out.push(`before       the extract as read: ${failed.length ? `FAIL, ${failed.length} of ${t.beforeLines.length} thresholds not met` : 'every threshold met'} (k ${t.before.k}, sample uniques ${t.before.sampleUniques})`);
    for (const l of failed) out.push(`  FAIL  ${l.name} ${l.comparison} ${l.limit}  (value ${num(l.value)})`);
  }
  out.push(`transform    levels ${Object.entries(t.levels).map(([q, l]) => `${q}=${l}`).join(', ')}; ${t.suppressed} records suppressed (${t.suppressedAs === 'mask' ? 'masked' : 'dropped'}; limit ${pct(t.suppressionLimit)})`);
  if (t.utility) out.push(...utilityLines(t.utility));
  out.push('');
  return out;
}

/** What the recipient loses, as text. */
export function utilityLines(u: UtilityJson): string[] {
  const out: string[] = [];
  out.push(`utility      ${utilityMetricNames.map((m) => `${m} ${num(u.metrics[m])}`).join('; ')}`);
  const rows: string[][] = [['  per QI', 'level', 'distinct before', 'after', 'records changed', 'information removed']];
  for (const q of u.qis) rows.push([`  ${q.attribute}`, `${q.level}/${q.height}`, String(q.distinctBefore), String(q.distinctAfter), `${q.recordsChanged} (${pct(q.changedFraction)})`, pct(q.informationRemoved)]);
  out.push(...table(rows));
  if (u.suppressedByClassSize.length > 0) {
    out.push(`  suppressed by class size: ${u.suppressedByClassSize.map(([size, classes, records]) => `${records} in ${classes} classes of ${size}`).join('; ')}`);
  }
  return out;
}
