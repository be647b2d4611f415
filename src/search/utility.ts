/**
 * Utility (information-loss) metrics of a lattice node with record suppression. Lower is
 * better for every metric. Notation: n records, S suppressed, U = n - S kept, m QIs, level
 * l_d of height h_d per QI, f the size of a kept class. A suppressed record must cost
 * something, or the search would suppress instead of generalizing (definitions.md):
 *
 * - precision (Sweeney 2002, "Achieving k-anonymity privacy protection using generalization
 *   and suppression"; generalization height): loss = (U * mean_d(l_d / h_d) + S) / n, a
 *   suppressed record counting as fully generalized in every QI. Range [0, 1].
 * - discernibility (Bayardo & Agrawal 2005, "Data privacy through optimal k-anonymization"):
 *   DM = sum over kept classes of f^2 + n * S.
 * - aecs (LeFevre, DeWitt & Ramakrishnan 2006, "Mondrian": C_AVG without the 1/k factor):
 *   n / (classes kept + 1 if any record is suppressed); the suppressed records form one
 *   class, as in ARX.
 * - loss (Iyengar 2002, "Transforming data to satisfy privacy constraints", as ARX computes
 *   it): per QI, share(label) = leaves of the hierarchy under the label / all leaves M_d;
 *   L_d = (sum over kept classes of f * share + S - n/M_d) / (n - n/M_d), at least 0;
 *   loss = prod_d (1 + L_d)^(1/m) - 1 (a geometric mean). Range [0, 1].
 * - entropy (non-uniform entropy: de Waal & Willenborg 1999; Gionis & Tassa 2009):
 *   sum over records and QIs of log2(count(generalized label) / count(original value)),
 *   counts over the n records; a suppressed record's label is "*", of count n. In bits.
 *
 * Each metric also has a lower bound that never decreases from a node to its
 * generalizations (the value without suppression: a suppressed record costs at least as
 * much as its generalized one). The search prunes a node whose bound exceeds the best
 * utility found (ARX's "lower bound" pruning).
 */
import type { UtilityMetric } from '../contracts/search.js';
import { ExactSum } from '../risk/exactSum.js';
import type { GroupCodes, NodeClasses } from '../risk/recodedClasses.js';

export const utilityMetrics = ['precision', 'discernibility', 'aecs', 'loss', 'entropy'] as const satisfies readonly UtilityMetric[];

/** Per-QI tables the metrics need, computed once per search. */
export interface UtilityTables {
  readonly metric: UtilityMetric;
  /** n: records in the searched table. */
  readonly n: number;
  readonly heights: Int32Array;
  /** loss: shares[q][l][group]. */
  readonly shares?: readonly (readonly Float64Array[])[];
  /** loss: M_d, leaves of each QI's hierarchy. */
  readonly leaves?: Float64Array;
  /** loss: sum over records of share(label) at each level, without suppression: lossBase[q][l]. */
  readonly lossBase?: readonly Float64Array[];
  /** entropy: labelCounts[q][l][group] = records whose value falls in the group. */
  readonly labelCounts?: readonly (readonly Float64Array[])[];
  /** entropy: sum over records of log2(count(label) / count(value)) at each level: entropyBase[q][l]. */
  readonly entropyBase?: readonly Float64Array[];
  /** True when the lower bound depends on the levels alone (precision, loss, entropy). */
  readonly separable: boolean;
}

/** Builds the per-QI tables of a metric from the groups and hierarchies. */
export function utilityTables(
  metric: UtilityMetric,
  data: GroupCodes,
  heights: ArrayLike<number>,
  shares: readonly (readonly Float64Array[])[],
  leaves: ArrayLike<number>,
): UtilityTables {
  const G = data.counts.length;
  let n = 0;
  for (let g = 0; g < G; g++) n += data.counts[g];
  const h = Int32Array.from(heights);
  const base = { metric, n, heights: h, separable: metric === 'precision' || metric === 'loss' || metric === 'entropy' };
  if (metric !== 'loss' && metric !== 'entropy') return base;
  // Records per value code of each QI.
  const valueCounts = data.codes.map((codes, q) => {
    const c = new Float64Array(data.maps[q][0].length);
    for (let g = 0; g < G; g++) c[codes[g]] += data.counts[g];
    return c;
  });
  if (metric === 'loss') {
    const lossBase = valueCounts.map((vc, q) =>
      Float64Array.from({ length: h[q] + 1 }, (_, l) => {
        let s = 0;
        for (let v = 0; v < vc.length; v++) if (vc[v] > 0) s += vc[v] * shares[q][l][data.maps[q][l][v]];
        return s;
      }),
    );
    return { ...base, shares, leaves: Float64Array.from(leaves), lossBase };
  }
  const labelCounts = valueCounts.map((vc, q) =>
    Array.from({ length: h[q] + 1 }, (_, l) => {
      const lc = new Float64Array(data.radices[q][l]);
      for (let v = 0; v < vc.length; v++) lc[data.maps[q][l][v]] += vc[v];
      return lc;
    }),
  );
  const entropyBase = valueCounts.map((vc, q) =>
    Float64Array.from({ length: h[q] + 1 }, (_, l) => {
      let s = 0;
      for (let v = 0; v < vc.length; v++) if (vc[v] > 0) s += vc[v] * Math.log2(labelCounts[q][l][data.maps[q][l][v]] / vc[v]);
      return s;
    }),
  );
  return { ...base, labelCounts, entropyBase };
}

/** Iyengar's per-QI loss L_d from per-QI share sums: max(0, (sum - n/M_d) / (n - n/M_d)). */
export function iyengarPerQi(t: UtilityTables, shareSum: (q: number) => number): Float64Array {
  const m = t.heights.length;
  const out = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    const M = t.leaves![q];
    const floor = t.n / M;
    out[q] = M <= 1 || t.n - floor <= 0 ? 0 : Math.max(0, (shareSum(q) - floor) / (t.n - floor));
  }
  return out;
}

/** Per-QI losses combined by the geometric mean: prod_d (1 + L_d)^(1/m) - 1. */
export function combineIyengar(losses: Float64Array): number {
  const m = losses.length;
  let logSum = 0;
  for (let q = 0; q < m; q++) logSum += Math.log1p(losses[q]);
  return m ? Math.expm1(logSum / m) : 0;
}

/** Iyengar's per-QI loss combined by the geometric mean, from per-QI share sums. */
function iyengar(t: UtilityTables, shareSum: (q: number) => number): number {
  return combineIyengar(iyengarPerQi(t, shareSum));
}

/**
 * loss: per QI, the share sum of the records in classes below `required` (their labels'
 * shares, which suppression replaces by 1 each).
 * @param exact sum exactly (independent of the order of the classes, which DuckDB does not
 *   fix): for reported figures; the search sums plainly
 */
export function suppressedShares(t: UtilityTables, data: GroupCodes, levels: ArrayLike<number>, classes: NodeClasses, required: number, exact = false): Float64Array {
  const m = t.heights.length;
  const out = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    const share = t.shares![q][levels[q]];
    const map = data.maps[q][levels[q]];
    const codes = data.codes[q];
    const sum = exact ? new ExactSum() : undefined;
    let s = 0;
    for (let c = 0; c < classes.count; c++) {
      const f = classes.sizes[c];
      if (f >= required) continue;
      const x = f * share[map[codes[classes.reps[c]]]];
      if (sum) sum.add(x);
      else s += x;
    }
    out[q] = sum ? sum.value() : s;
  }
  return out;
}

/**
 * entropy: per QI, what suppressing the records in classes below `required` adds (a
 * suppressed record's label is "*", of count n: log2(n / count(its label)) per record).
 * @param exact as for suppressedShares
 */
export function suppressedEntropy(t: UtilityTables, data: GroupCodes, levels: ArrayLike<number>, classes: NodeClasses, required: number, exact = false): Float64Array {
  const m = t.heights.length;
  const out = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    const counts = t.labelCounts![q][levels[q]];
    const map = data.maps[q][levels[q]];
    const codes = data.codes[q];
    const sum = exact ? new ExactSum() : undefined;
    let s = 0;
    for (let c = 0; c < classes.count; c++) {
      const f = classes.sizes[c];
      if (f >= required) continue;
      const x = f * Math.log2(t.n / counts[map[codes[classes.reps[c]]]]);
      if (sum) sum.add(x);
      else s += x;
    }
    out[q] = sum ? sum.value() : s;
  }
  return out;
}

/**
 * The metric's lower bound from the levels alone (precision, loss, entropy: the value
 * without suppression), or 0 when the metric needs the classes (discernibility, aecs).
 */
export function levelLowerBound(t: UtilityTables, levels: ArrayLike<number>): number {
  const m = t.heights.length;
  switch (t.metric) {
    case 'precision': {
      let s = 0;
      for (let q = 0; q < m; q++) if (t.heights[q] > 0) s += levels[q] / t.heights[q];
      return m ? s / m : 0;
    }
    case 'loss':
      return iyengar(t, (q) => t.lossBase![q][levels[q]]);
    case 'entropy': {
      let s = 0;
      for (let q = 0; q < m; q++) s += t.entropyBase![q][levels[q]];
      return s;
    }
    default:
      return 0;
  }
}

/** A node's utility and its no-suppression bound (never larger than the utility). */
export interface NodeUtility {
  utility: number;
  bound: number;
}

/**
 * Utility of a node whose classes smaller than `required` are suppressed.
 * @param suppressed total records in those classes (S).
 */
export function nodeUtility(t: UtilityTables, data: GroupCodes, levels: ArrayLike<number>, classes: NodeClasses, required: number, suppressed: number): NodeUtility {
  const { n } = t;
  const S = suppressed;
  const U = n - S;
  const m = t.heights.length;
  const K = classes.count;
  const sizes = classes.sizes;
  switch (t.metric) {
    case 'precision': {
      const mean = levelLowerBound(t, levels);
      return { utility: n ? (U * mean + S) / n : 0, bound: mean };
    }
    case 'discernibility': {
      let kept = 0;
      let all = 0;
      for (let c = 0; c < K; c++) {
        const f = sizes[c];
        all += f * f;
        if (f >= required) kept += f * f;
      }
      return { utility: kept + n * S, bound: all };
    }
    case 'aecs': {
      let keptClasses = 0;
      for (let c = 0; c < K; c++) if (sizes[c] >= required) keptClasses++;
      const denominator = keptClasses + (S > 0 ? 1 : 0);
      return { utility: denominator ? n / denominator : 0, bound: K ? n / K : 0 };
    }
    case 'loss': {
      const bound = levelLowerBound(t, levels);
      if (S === 0) return { utility: bound, bound };
      // Suppressed records count 1 instead of their label's share.
      const minus = suppressedShares(t, data, levels, classes, required);
      return { utility: iyengar(t, (q) => t.lossBase![q][levels[q]] - minus[q] + S), bound };
    }
    case 'entropy': {
      const bound = levelLowerBound(t, levels);
      if (S === 0) return { utility: bound, bound };
      const extra = suppressedEntropy(t, data, levels, classes, required);
      let sum = 0;
      for (let q = 0; q < m; q++) sum += extra[q];
      return { utility: bound + sum, bound };
    }
  }
}

/** True when two utilities are equal up to rounding (relative 1e-12). */
export function sameUtility(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}
