/**
 * The input of every attribute-disclosure measure: for each equivalence class (EC), the
 * histogram of one sensitive attribute S, in compressed sparse row (CSR) layout.
 *
 * Only the values present in a class are stored, so the memory is O(K + total entries)
 * rather than O(K * m). Values are dictionary codes 0 .. m-1, never cell values.
 *
 * Notation shared by the files of this folder (each file restates the letters of its own
 * source paper when they differ):
 *   n          records in the table (sum of every count),
 *   n_k        records in class k,
 *   c_kj       records of class k whose S value is j (0 when j is absent from class k),
 *   T_j        records of the table whose S value is j (sum over k of c_kj),
 *   c_kj / n_k the class share of value j, T_j / n its table-wide share.
 */
import type { ClassHistograms } from '../../model/classHistograms.js';


/** Number of equivalence classes K of a histogram set. */
export function classCount(h: ClassHistograms): number {
  return h.offsets.length - 1;
}

/**
 * Builds histograms from plain arrays (tests, fixtures).
 * `classes[k]` lists the `[valueCode, count]` pairs of class k, in any order.
 * Throws a RangeError when the result breaks an invariant (see {@link assertClassHistograms}).
 */
export function classHistogramsOf(
  valueCount: number,
  classes: readonly (readonly (readonly [number, number])[])[],
): ClassHistograms {
  const offsets = new Int32Array(classes.length + 1);
  let total = 0;
  classes.forEach((entries, k) => {
    total += entries.length;
    offsets[k + 1] = total;
  });
  const values = new Int32Array(total);
  const counts = new Int32Array(total);
  let e = 0;
  for (const entries of classes) {
    for (const [value, count] of entries) {
      if ((value | 0) !== value || (count | 0) !== count) {
        throw new RangeError(`entry [${value}, ${count}] must hold 32-bit integers`);
      }
      values[e] = value;
      counts[e] = count;
      e++;
    }
  }
  const h: ClassHistograms = { valueCount, offsets, values, counts };
  assertClassHistograms(h);
  return h;
}

/**
 * Checks the invariants every measure relies on, in O(total entries + m):
 * m >= 1 is an integer; offsets starts at 0, ends at the entry count and is strictly
 * increasing (no empty class); values and counts have the same length; each value code is
 * in 0..m-1 and appears at most once per class; each count is >= 1.
 * Throws a RangeError naming the first broken invariant.
 */
export function assertClassHistograms(h: ClassHistograms): void {
  // Every measure checks its input; a histogram set found valid once is not walked again
  // (its arrays are read-only by contract), which saves one pass per measure.
  if (checked.has(h)) return;
  const m = h.valueCount;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`valueCount must be an integer >= 1, got ${m}`);
  const { offsets, values, counts } = h;
  if (offsets.length < 1) throw new RangeError('offsets must have length K+1 >= 1');
  if (offsets[0] !== 0) throw new RangeError('offsets[0] must be 0');
  if (values.length !== counts.length) {
    throw new RangeError(`values (${values.length}) and counts (${counts.length}) differ in length`);
  }
  if (offsets[offsets.length - 1] !== values.length) {
    throw new RangeError(`offsets[K] (${offsets[offsets.length - 1]}) must equal the entry count (${values.length})`);
  }
  // seen[j] = 1 + index of the last class in which value j was met (0 = never).
  const seen = new Int32Array(m);
  for (let k = 0; k + 1 < offsets.length; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    if (!(b > a)) throw new RangeError(`class ${k} is empty (offsets must be strictly increasing)`);
    for (let e = a; e < b; e++) {
      const v = values[e];
      if (v < 0 || v >= m) throw new RangeError(`class ${k}: value code ${v} outside 0..${m - 1}`);
      if (seen[v] === k + 1) throw new RangeError(`class ${k}: value code ${v} appears twice`);
      seen[v] = k + 1;
      if (!(counts[e] >= 1)) throw new RangeError(`class ${k}: count ${counts[e]} must be >= 1`);
    }
  }
  checked.add(h);
}

/** The histogram sets {@link assertClassHistograms} has found valid. */
const checked = new WeakSet<ClassHistograms>();

/**
 * T_j: table-wide record count of each S value j (length m). A Float64Array because the
 * sums may exceed the Int32 range; they stay exact integers up to 2^53.
 */
export function valueTotals(h: ClassHistograms): Float64Array {
  const totals = new Float64Array(h.valueCount);
  const { values, counts } = h;
  for (let e = 0; e < values.length; e++) totals[values[e]] += counts[e];
  return totals;
}

/**
 * Overall distribution of S: q_j = T_j / n, the table-wide share of each value
 * (length m; all zeros when the table has no record).
 */
export function overallDistribution(h: ClassHistograms): Float64Array {
  const q = valueTotals(h);
  let n = 0;
  for (const t of q) n += t;
  if (n > 0) for (let j = 0; j < q.length; j++) q[j] /= n;
  return q;
}

/** n_k: record count of each class (length K). */
export function classSizes(h: ClassHistograms): Float64Array {
  const K = classCount(h);
  const sizes = new Float64Array(K);
  const { offsets, counts } = h;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let e = offsets[k]; e < offsets[k + 1]; e++) s += counts[e];
    sizes[k] = s;
  }
  return sizes;
}

/**
 * Calls visit(k, value, ratio, tableShare) for every value present in every class, with
 * ratio = (class share) / (table share) = (c_kv n) / (T_v n_k), formed from exact integer
 * counts so that a class mirroring the table gives exactly 1. The visitor returns false to
 * stop. Shared by beta-likeness (gains, ratio > 1) and delta-disclosure (|ln ratio|).
 */
export function forEachShareRatio(
  h: ClassHistograms,
  visit: (k: number, value: number, ratio: number, tableShare: number) => boolean,
): void {
  assertClassHistograms(h);
  const K = classCount(h);
  const { offsets, values, counts } = h;
  const T = valueTotals(h);
  let n = 0;
  for (const x of T) n += x;
  for (let k = 0; k < K; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    let nk = 0;
    for (let e = a; e < b; e++) nk += counts[e];
    for (let e = a; e < b; e++) {
      const v = values[e];
      if (!visit(k, v, (counts[e] * n) / (T[v] * nk), T[v] / n)) return;
    }
  }
}
