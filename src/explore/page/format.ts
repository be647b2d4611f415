/** How figures read on the page (the raw value also goes in a data-value attribute). */
import { format } from 'd3';

const count = format(',d');
const measure = format(',.5~r');
const small = format('.3~e');
const percent = format('.2~%');

/** A count: 30,162. */
export function fmtCount(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : count(Math.round(x));
}

/** A measure: 5 significant digits, tiny values in exponent form. */
export function fmtMeasure(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x !== 0 && Math.abs(x) < 1e-4) return small(x);
  return measure(x);
}

/** A fraction as a percentage. */
export function fmtPercent(x: number): string {
  return percent(x);
}

/** Any figure of a comparison row. */
export function fmtAny(x: number | string | boolean | null): string {
  if (x === null) return '–';
  if (typeof x === 'number') return Number.isInteger(x) ? fmtCount(x) : fmtMeasure(x);
  return String(x);
}
