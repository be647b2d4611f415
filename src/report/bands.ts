/**
 * Counts by band, derived from the result's counts only: classes and records by class size,
 * and records by risk band. No class is ever shown by its values, only counted.
 */

/** Records and classes whose class size lies in [from, to]. */
export interface ClassSizeBand {
  from: number;
  /** Inclusive upper bound; Infinity for the last band. */
  to: number;
  classes: number;
  records: number;
}

/** Lower bounds of the class-size bands: 1, 2, 3, 4, 5, 6-10, 11-20, 21-50, 51-100, 101+. */
export const classSizeBandStarts: readonly number[] = [1, 2, 3, 4, 5, 6, 11, 21, 51, 101];

/**
 * Groups a class-size histogram ([size, classes] pairs) into bands, up to the band holding
 * the largest class. Records = size x classes (a partition; under the wildcard policy sizes
 * are per record and the records column is the records whose compatible class has that size).
 * @param cut an extra band start (e.g. the required class size), so no band straddles it
 */
export function classSizeBands(histogram: readonly (readonly [number, number])[], cut?: number): ClassSizeBand[] {
  const maxSize = histogram.reduce((m, [size]) => Math.max(m, size), 0);
  const starts = [...new Set([...classSizeBandStarts, ...(cut !== undefined && cut > 1 ? [cut] : [])])].sort((a, b) => a - b);
  const bands: ClassSizeBand[] = [];
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    if (from > maxSize) break;
    const to = i + 1 < starts.length ? starts[i + 1] - 1 : Infinity;
    bands.push({ from, to, classes: 0, records: 0 });
  }
  for (const [size, classes] of histogram) {
    const band = bands.find((b) => size >= b.from && size <= b.to);
    if (!band) continue; // size 0 cannot occur
    band.classes += classes;
    band.records += size * classes;
  }
  return bands;
}

/** Records whose risk lies in (lower, upper]; the lowest band is [0, upper]. */
export interface RiskBand {
  /** null for the lowest band (risk 0 included). */
  lower: number | null;
  /** null for the highest band (up to 1). */
  upper: number | null;
  records: number;
}

/**
 * Records by risk band from the cumulative "records above t" counts, for the levels t
 * (any order): (t_1, 1], (t_2, t_1], ..., [0, t_m]. Levels missing from `above` are skipped.
 * @param n records analysed (the records the risks are over)
 */
export function riskBands(above: Readonly<Record<string, number>>, levels: readonly number[], n: number): RiskBand[] {
  const ts = [...new Set(levels)].filter((t) => above[String(t)] !== undefined).sort((a, b) => b - a);
  const bands: RiskBand[] = [];
  let prevAbove = 0;
  let upper: number | null = null;
  for (const t of ts) {
    const a = above[String(t)];
    bands.push({ lower: t, upper, records: Math.max(0, a - prevAbove) });
    prevAbove = a;
    upper = t;
  }
  bands.push({ lower: null, upper, records: Math.max(0, n - prevAbove) });
  return bands;
}
