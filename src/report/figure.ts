/**
 * A number as the report shows it: the value (what the JSON twin holds) and its text (what
 * the reader sees), formatted in one place so that every figure of a kind reads the same.
 */
import { format } from 'd3';

export class Figure {
  /**
   * @param value the number (null when undefined, e.g. an estimator that did not fit)
   * @param text how the report prints it
   */
  constructor(
    readonly value: number | null,
    readonly text: string,
  ) {}

  /** The twin holds the number, not its text. */
  toJSON(): number | null {
    return this.value;
  }

  toString(): string {
    return this.text;
  }
}

/** Text of a figure that is not defined (null, NaN). */
export const notDefined = 'not defined';

const integer = format(',d');
const significant = format(',.3~r');
const measure4 = format(',.4~r');
const percent1 = format('.1%');

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function make(x: number | null | undefined, f: (v: number) => string): Figure {
  return finite(x) ? new Figure(x, f(x)) : new Figure(null, notDefined);
}

/** Formatters, one per kind of number. */
export const fig = {
  /** A count of records or classes: 2,337. */
  count: (x: number | null | undefined): Figure => make(x, (v) => integer(Math.round(v))),
  /** An estimated count (population uniques): rounded, with "about": about 32,715. */
  estimate: (x: number | null | undefined): Figure => make(x, (v) => `about ${integer(Math.round(v))}`),
  /** A probability or risk: 3 significant digits, no exponent (0.00735, 0.09, 1). */
  risk: (x: number | null | undefined): Figure => make(x, (v) => plainSignificant(v, significant)),
  /** A fraction as a percentage with one decimal (58.4%); a positive value below 0.05% reads "below 0.1%". */
  percent: (x: number | null | undefined): Figure => make(x, (v) => (v > 0 && v < 0.0005 ? 'below 0.1%' : percent1(v))),
  /** Another measure (t, beta, delta, entropy l, c, epsilon, noise scale): 4 significant digits. */
  measure: (x: number | null | undefined): Figure => make(x, (v) => plainSignificant(v, measure4)),
  /** A whole number that is not a count (a level, months, k): 12. */
  integer: (x: number | null | undefined): Figure => make(x, (v) => integer(Math.round(v))),
};

/** d3's `r` format switches to exponent notation for very small numbers; the report never does. */
function plainSignificant(v: number, f: (n: number) => string): string {
  const text = f(v);
  if (!/e/i.test(text)) return text;
  const digits = Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 2);
  return v.toFixed(Math.min(digits, 20)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** "1 in 136" for a risk (the value is 136, the odds' denominator), or null for risk 0 / undefined. */
export function oneIn(risk: number | null | undefined): Figure | null {
  if (!finite(risk) || risk <= 0) return null;
  const n = Math.round(1 / risk);
  return new Figure(n, `1 in ${integer(n)}`);
}

/** A run date as "2026-11-22 18:41 UTC". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** A date as YYYY-MM-DD. */
export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The date `months` months after `from` (end-of-month clamped: Jan 31 + 1 month = Feb 28/29). */
export function addMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(from.getUTCDate(), lastDay)));
}
