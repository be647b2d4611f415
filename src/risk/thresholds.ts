/** Threshold checks: pass/fail lines and the verdict. */
import type { Comparison, ThresholdLine } from '../model/thresholdLine.js';



/** Builds a line; `value >= limit`, `value <= limit` or `value < limit` must hold. */
export function thresholdLine(name: string, value: number, comparison: Comparison, limit: number): ThresholdLine {
  return { name, limit, value, comparison, pass: comparison === '>=' ? value >= limit : comparison === '<' ? value < limit : value <= limit };
}

/** `pass` when every line passes (and there is at least none failing). */
export function verdictOf(lines: readonly ThresholdLine[]): 'pass' | 'fail' {
  return lines.every((l) => l.pass) ? 'pass' : 'fail';
}

/**
 * The smallest class size f whose record risk 1/f does not exceed t. A risk threshold is
 * not always the reciprocal of an integer (1/0.09 = 11.1), and the precedent "k = 11
 * for 0.09" actually has risk 0.0909 > 0.09: the exact bound is ceil(1/t), checked on
 * doubles in both directions so that 1/f = t (f = 5, t = 0.2) counts as meeting t.
 */
export function minSafeClassSize(t: number): number {
  if (!(t > 0)) throw new RangeError('risk threshold must be > 0');
  let f = Math.max(1, Math.ceil(1 / t));
  while (f > 1 && 1 / (f - 1) <= t) f--;
  while (1 / f > t) f++;
  return f;
}
