import type { IntervalsHierarchySpec } from '../config/hierarchySpec.js';
import { SpecError } from '../errors.js';
import { SUPPRESSED, type Generalizer, type SpecPlace } from './generalizer.js';

type IntervalsSettings = IntervalsHierarchySpec['intervals'];

/** Plain decimal numbers, optionally signed, with an optional exponent (no hex, no Infinity). */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a text holds (surrounding white space allowed), or undefined when it is not numeric. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}

/**
 * Band bounds are rounded to 12 significant digits, so that fractional widths give the
 * bounds one would write (0.1 * 3 → 0.3, not 0.30000000000000004); membership is decided
 * against the rounded bounds, so a value and its label always agree.
 */
function round12(x: number): number {
  return Number(x.toPrecision(12));
}

/** Text of a bound: the shortest round-trip form of the rounded number. */
function fmt(x: number): string {
  return String(round12(x));
}

/** Label of the half-open band [lo, hi); an infinite end gives "< hi" or ">= lo". */
export function bandLabel(lo: number, hi: number): string {
  if (lo === -Infinity) return `< ${fmt(hi)}`;
  if (hi === Infinity) return `>= ${fmt(lo)}`;
  return `[${fmt(lo)}, ${fmt(hi)})`;
}

/** One level's partition of the real line into half-open bands. */
interface Bands {
  /** The band [lo, hi) holding x. */
  of(x: number): readonly [number, number];
  /** The bands meeting [from, to), in ascending order (from, to finite). */
  between(from: number, to: number): (readonly [number, number])[];
}

/** Steps the band search may take from the division's estimate (it lands at most a band or two off). */
const MAX_BAND_STEPS = 64;

/**
 * Bands of width w aligned at origin: [origin + k·w, origin + (k+1)·w). `tooFine` is called
 * (and must throw) when w is below the 12-significant-digit resolution of the bounds near the
 * values (or k leaves the exactly representable integers): the bands would not advance.
 */
function widthBands(w: number, origin: number, tooFine: () => never): Bands {
  const lo = (k: number) => round12(origin + k * w);
  const index = (x: number) => {
    let k = Math.floor((x - origin) / w);
    if (!Number.isSafeInteger(k)) tooFine();
    // Floating-point division can land one band off the rounded bounds: step back in.
    let steps = 0;
    while (lo(k) > x) if (++steps > MAX_BAND_STEPS) tooFine(); else k--;
    while (lo(k + 1) <= x) if (++steps > MAX_BAND_STEPS) tooFine(); else k++;
    return k;
  };
  return {
    of: (x) => {
      const k = index(x);
      return [lo(k), lo(k + 1)];
    },
    between: (from, to) => {
      const out: (readonly [number, number])[] = [];
      for (let k = index(from); lo(k) < to; k++) {
        if (!(lo(k + 1) > lo(k))) tooFine();
        out.push([lo(k), lo(k + 1)]);
      }
      return out;
    },
  };
}

/** Bands cut at ascending points c_0 < ... < c_m: (-inf, c_0), [c_0, c_1), ..., [c_m, +inf). */
function cutBands(cuts: readonly number[]): Bands {
  const bounds = [-Infinity, ...cuts, Infinity];
  const index = (x: number) => {
    // Largest j with bounds[j] <= x (binary search; bounds[0] = -inf).
    let a = 0;
    let b = bounds.length - 2;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (bounds[mid] <= x) a = mid;
      else b = mid - 1;
    }
    return a;
  };
  return {
    of: (x) => {
      const j = index(x);
      return [bounds[j], bounds[j + 1]];
    },
    between: (from, to) => {
      const out: (readonly [number, number])[] = [];
      for (let j = index(from); j < bounds.length - 1 && bounds[j] < to; j++) out.push([bounds[j], bounds[j + 1]]);
      return out;
    },
  };
}

/**
 * The most bands a level may declare as a domain (between bottom and top): the domain is
 * materialised label by label (for a release's cells), so a tiny width would exhaust memory.
 */
export const MAX_DECLARED_BANDS = 1_000_000;

/**
 * Checks the relations between the numbers of an intervals hierarchy (the shape is checked
 * by the spec schema): widths nest (each a whole multiple of the previous one, rule
 * hierarchy.widthsNotNested), each level's cuts ascend (hierarchy.cutsNotAscending) and are a
 * subset of the previous level's (hierarchy.cutsNotNested), bottom < top (hierarchy.bounds).
 * Nesting makes the bands of level l+1 unions of bands of level l, so the hierarchy is
 * consistent. Only positions are named, never the numbers.
 */
export function checkIntervals(s: IntervalsSettings, place: SpecPlace): void {
  const fail = (sub: string, what: string, rule: string): never => {
    throw new SpecError(`${place.file}: spec ${place.path}.intervals.${sub}: ${what} [rule: ${rule}]`, {
      file: place.file,
      path: `${place.path}.intervals.${sub}`,
      rule,
    });
  };
  const w = s.width ?? [];
  for (let i = 1; i < w.length; i++) {
    const r = w[i] / w[i - 1];
    if (Math.round(r) < 1 || Math.abs(r - Math.round(r)) > 1e-9 * r) {
      fail(`width.${i}`, `width ${i} is not a whole multiple of width ${i - 1}: the bands of one level must be unions of the bands below`, 'hierarchy.widthsNotNested');
    }
  }
  const cuts = s.cuts ?? [];
  cuts.forEach((level, i) => {
    for (let j = 1; j < level.length; j++) {
      if (!(level[j] > level[j - 1])) fail(`cuts.${i}.${j}`, `cut points must be strictly ascending (cut ${j} of level ${i + 1})`, 'hierarchy.cutsNotAscending');
    }
    if (i > 0) {
      const below = new Set(cuts[i - 1]);
      level.forEach((c, j) => {
        if (!below.has(c)) fail(`cuts.${i}.${j}`, `cut ${j} of level ${i + 1} is not a cut of level ${i}: each level's cuts must be a subset of the previous level's`, 'hierarchy.cutsNotNested');
      });
    }
  });
  if (s.bottom !== undefined && s.top !== undefined && !(s.bottom < s.top)) fail('bottom', 'bottom must be less than top', 'hierarchy.bounds');
}

/**
 * Numeric interval hierarchy (`{ intervals: { width | cuts, origin, bottom, top } }`).
 * Level l >= 1 puts a value in the band of width[l-1] (aligned at origin, default 0) or of
 * cuts[l-1] that holds it, labelled as the half-open interval "[lo, hi)" (open-ended bands
 * of cuts: "< c" and ">= c"). With bottom/top coding, values below bottom are "< bottom" and
 * values at or above top are ">= top" at every level >= 1, and the bands are clipped to
 * [bottom, top), so a label states exactly the values it can hold. With `top`, a last level
 * "*" is appended. Non-numeric values are not covered.
 *
 * domain(level): with both bottom and top, levels >= 1 are finite and declared ("< bottom",
 * the clipped bands, ">= top"); level 0 (any number) is not.
 */
export function intervalsGeneralizer(s: IntervalsSettings, top: boolean, place: SpecPlace): Generalizer {
  checkIntervals(s, place);
  const tooFine = (level: number) => (): never => {
    throw new SpecError(
      `${place.file}: spec ${place.path}.intervals.width.${level}: the width is too fine for the magnitude of the values (band bounds keep 12 significant digits) [rule: hierarchy.widthTooFine]`,
      { file: place.file, path: `${place.path}.intervals.width.${level}`, rule: 'hierarchy.widthTooFine' },
    );
  };
  const bands: Bands[] = s.width ? s.width.map((w, level) => widthBands(w, s.origin ?? 0, tooFine(level))) : (s.cuts ?? []).map(cutBands);
  const bottom = s.bottom ?? -Infinity;
  const upper = s.top ?? Infinity;
  const label = (b: Bands, x: number): string => {
    if (x < bottom) return `< ${fmt(bottom)}`;
    if (x >= upper) return `>= ${fmt(upper)}`;
    const [lo, hi] = b.of(x);
    return bandLabel(Math.max(lo, bottom), Math.min(hi, upper));
  };
  const height = bands.length + (top ? 1 : 0);
  const domains = new Map<number, readonly string[]>();
  return {
    kind: 'intervals',
    height,
    generalize: (value) => {
      const x = parseNumber(value);
      if (x === undefined) return undefined;
      const out = bands.map((b) => label(b, x));
      if (top) out.push(SUPPRESSED);
      return out;
    },
    domain: (level) => {
      if (top && level === height) return [SUPPRESSED];
      if (level < 1 || level > bands.length || s.bottom === undefined || s.top === undefined) return undefined;
      let d = domains.get(level);
      if (!d) {
        const w = s.width?.[level - 1];
        if (w !== undefined && (s.top - s.bottom) / w > MAX_DECLARED_BANDS) {
          throw new SpecError(
            `${place.file}: spec ${place.path}.intervals.width.${level - 1}: more than ${MAX_DECLARED_BANDS} bands between bottom and top at level ${level}, too many to declare as a domain [rule: hierarchy.tooManyBands]`,
            { file: place.file, path: `${place.path}.intervals.width.${level - 1}`, rule: 'hierarchy.tooManyBands' },
          );
        }
        const inner = bands[level - 1].between(s.bottom, s.top).map(([lo, hi]) => bandLabel(Math.max(lo, s.bottom!), Math.min(hi, s.top!)));
        d = [`< ${fmt(s.bottom)}`, ...inner, `>= ${fmt(s.top)}`];
        domains.set(level, d);
      }
      return d;
    },
  };
}
