/**
 * t-closeness: the largest Earth Mover's Distance (EMD) between the distribution of S in a
 * class and its distribution in the whole table.
 *
 * Source: N. Li, T. Li, S. Venkatasubramanian, "t-Closeness: Privacy Beyond k-Anonymity and
 * l-Diversity", ICDE 2007, section 4 ("How to calculate EMD"). Letters as in the paper:
 * P = (p_1..p_m) the class distribution, p_j = c_kj / n_k; Q = (q_1..q_m) the table
 * distribution, q_j = T_j / n (see {@link overallDistribution}).
 *
 *   t = max over classes k of D[P_k, Q]
 *
 * Three ground distances, each normalized so that D lies in [0, 1]:
 *  - equal distance (every pair of distinct values at distance 1):
 *      D = 1/2 sum_j |p_j - q_j|
 *  - ordered distance (values ranked by code, distance |i - j| / (m - 1)):
 *      D = 1/(m-1) sum_{i=1..m} |sum_{j<=i} (p_j - q_j)|       (D = 0 when m = 1)
 *  - hierarchical distance (distance = height of the lowest common ancestor / tree height H):
 *      extra(N) = p_j - q_j for a leaf, sum of the children's extra for an internal node,
 *      pos_extra(N) / neg_extra(N) = sum of |extra(C)| over children C with extra(C) > 0 / < 0,
 *      cost(N) = height(N) / H * min(pos_extra(N), neg_extra(N)),
 *      D = sum of cost(N) over internal nodes N.
 *
 * Cost: O(total entries) for equal distance, O(total entries + K*m) for the other two (plus
 * O(m*H) once to compile the hierarchy). Shares are formed from exact integer counts
 * (class and table cumulative counts divided once), so a class that mirrors the table gives
 * exactly 0. Results are clamped to [0, 1] against rounding.
 */
import { ExactSum } from '../exactSum.js';
import { assertClassHistograms, classCount, valueTotals } from './classHistograms.js';
import type { ClassHistograms } from '../../model/classHistograms.js';
import { compileValueHierarchy, type CompiledValueHierarchy } from './valueHierarchy.js';

/** Ground distance of t-closeness. */
export type TClosenessDistance =
  | { readonly kind: 'equal' }
  | { readonly kind: 'ordered' }
  /** levels[i][v] = group id of value v at level i+1; the last level is the single root. */
  | { readonly kind: 'hierarchical'; readonly levels: readonly Int32Array[] };

/** Result of the t-closeness functions. */
export interface TClosenessResult {
  /** max over classes of the EMD to the table distribution, in [0, 1]; 0 when there is no class. */
  readonly t: number;
  /** Index of the first class attaining t, or -1 when there is no class. */
  readonly worstClass: number;
  /** EMD of each class (length K). */
  readonly perClass: Float64Array;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function summarize(perClass: Float64Array): TClosenessResult {
  let t = 0;
  let worstClass = -1;
  for (let k = 0; k < perClass.length; k++) {
    if (worstClass < 0 || perClass[k] > t) {
      t = perClass[k];
      worstClass = k;
    }
  }
  return { t, worstClass, perClass };
}

function tableSize(totals: Float64Array): number {
  let n = 0;
  for (const x of totals) n += x;
  return n;
}

/**
 * t-closeness with the equal ground distance: max over classes of 1/2 sum_j |p_j - q_j|.
 * Computed sparsely: the values absent from a class contribute sum_{j absent} q_j
 * = (n - sum_{j present} T_j) / n. In integers, 2 n_k n t_k = sum_{present} |c_j n - T_j n_k|
 * + (n - sum_{present} T_j) n_k, exact while 2 n_k n <= 2^53, so one division gives t_k
 * correctly rounded and independent of the order of the class's entries; beyond that bound
 * the terms are summed correctly rounded (ExactSum).
 */
export function equalDistanceT(h: ClassHistograms): TClosenessResult {
  assertClassHistograms(h);
  const K = classCount(h);
  const { offsets, values, counts } = h;
  const T = valueTotals(h);
  const n = tableSize(T);
  const perClass = new Float64Array(K);
  const exact = new ExactSum();
  for (let k = 0; k < K; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    let nk = 0;
    for (let e = a; e < b; e++) nk += counts[e];
    let presentTotal = 0;
    for (let e = a; e < b; e++) presentTotal += T[values[e]];
    if (2 * nk * n <= 2 ** 53) {
      let num = (n - presentTotal) * nk;
      for (let e = a; e < b; e++) num += Math.abs(counts[e] * n - T[values[e]] * nk);
      perClass[k] = clamp01(num / (2 * nk * n));
    } else {
      exact.reset();
      for (let e = a; e < b; e++) exact.add(Math.abs(counts[e] / nk - T[values[e]] / n));
      exact.add((n - presentTotal) / n);
      perClass[k] = clamp01(exact.value() / 2);
    }
  }
  return summarize(perClass);
}

/**
 * t-closeness with the ordered ground distance (value codes in value order):
 * max over classes of 1/(m-1) sum_i |P_i - Q_i|, with P_i, Q_i the cumulative shares up to
 * value i (computed as cumulative counts / n_k and / n). 0 when m = 1.
 */
export function orderedDistanceT(h: ClassHistograms): TClosenessResult {
  assertClassHistograms(h);
  const K = classCount(h);
  const m = h.valueCount;
  const { offsets, values, counts } = h;
  const T = valueTotals(h);
  const n = tableSize(T);
  const perClass = new Float64Array(K);
  if (m === 1) return summarize(perClass);
  const dense = new Float64Array(m);
  // Q_i = (T_0 + ... + T_i) / n, the same sums and divisions for every class, formed once.
  const Q = new Float64Array(m);
  let cumTable = 0;
  for (let i = 0; i < m; i++) {
    cumTable += T[i];
    Q[i] = cumTable / n;
  }
  // A class with a single value v has P_i = 0 below v and exactly 1 from v on, whatever its
  // size: its distance depends on v alone, and is computed once per v (the same operations).
  const single = new Float64Array(m);
  const known = new Uint8Array(m);
  for (let k = 0; k < K; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    const v = values[a];
    if (b - a === 1 && known[v] === 1) {
      perClass[k] = single[v];
      continue;
    }
    let nk = 0;
    for (let e = a; e < b; e++) {
      dense[values[e]] = counts[e];
      nk += counts[e];
    }
    // P_i = cumClass / nk changes only where the class has a value.
    let cumClass = 0;
    let P = 0;
    let s = 0;
    for (let i = 0; i < m - 1; i++) {
      // The last prefix (i = m-1) is 1 - 1 = 0 and is skipped.
      const c = dense[i];
      if (c !== 0) {
        cumClass += c;
        P = cumClass / nk;
      }
      s += Math.abs(P - Q[i]);
    }
    for (let e = a; e < b; e++) dense[values[e]] = 0;
    perClass[k] = clamp01(s / (m - 1));
    if (b - a === 1) {
      single[v] = perClass[k];
      known[v] = 1;
    }
  }
  return summarize(perClass);
}

/**
 * t-closeness with the hierarchical ground distance of Li, Li & Venkatasubramanian:
 * the EMD is the sum over internal nodes N of height(N)/H * min(pos_extra(N), neg_extra(N)).
 * `hierarchy` is either the raw levels (validated against m, see {@link compileValueHierarchy})
 * or an already compiled hierarchy.
 */
export function hierarchicalDistanceT(
  h: ClassHistograms,
  hierarchy: readonly Int32Array[] | CompiledValueHierarchy,
): TClosenessResult {
  assertClassHistograms(h);
  const tree = 'parent' in hierarchy ? hierarchy : compileValueHierarchy(h.valueCount, hierarchy);
  if (tree.valueCount !== h.valueCount) {
    throw new RangeError(`hierarchy has ${tree.valueCount} leaves, the attribute has ${h.valueCount} values`);
  }
  const K = classCount(h);
  const { offsets, values, counts } = h;
  const { parent, nodeHeight, nodeCount, height: H } = tree;
  const perClass = new Float64Array(K);
  if (H === 0) return summarize(perClass); // m = 1: every class equals the table

  // Table counts per node, accumulated bottom-up (children precede parents).
  const totals = valueTotals(h);
  const n = tableSize(totals);
  const tableCount = new Float64Array(nodeCount);
  tableCount.set(totals);
  for (let x = 0; x < nodeCount; x++) if (parent[x] >= 0) tableCount[parent[x]] += tableCount[x];

  const classCountOf = new Float64Array(nodeCount);
  const pos = new Float64Array(nodeCount);
  const neg = new Float64Array(nodeCount);
  for (let k = 0; k < K; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    let nk = 0;
    for (let e = a; e < b; e++) {
      classCountOf[values[e]] = counts[e];
      nk += counts[e];
    }
    for (let x = 0; x < nodeCount; x++) {
      const up = parent[x];
      if (up < 0) continue;
      classCountOf[up] += classCountOf[x];
      // extra(x) = p(x) - q(x), each from exact integer counts.
      const extra = classCountOf[x] / nk - tableCount[x] / n;
      if (extra > 0) pos[up] += extra;
      else if (extra < 0) neg[up] -= extra;
    }
    let emd = 0;
    for (let x = tree.valueCount; x < nodeCount; x++) {
      emd += (nodeHeight[x] / H) * Math.min(pos[x], neg[x]);
    }
    classCountOf.fill(0);
    pos.fill(0);
    neg.fill(0);
    perClass[k] = clamp01(emd);
  }
  return summarize(perClass);
}

/** t-closeness under the chosen ground distance (dispatch to the three functions above). */
export function tCloseness(h: ClassHistograms, distance: TClosenessDistance): TClosenessResult {
  switch (distance.kind) {
    case 'equal':
      return equalDistanceT(h);
    case 'ordered':
      return orderedDistanceT(h);
    case 'hierarchical':
      return hierarchicalDistanceT(h, distance.levels);
  }
}
