/**
 * What the recipient loses with one transformation (a lattice node with record suppression):
 * the five search metrics of src/search/utility.ts, and per quasi-identifier the distinct
 * values before and after, the records whose value changed, its generalization height, its
 * own Iyengar loss and the share of its information removed. Pure: codes and counts in, the
 * UtilityJson out (no label, no value).
 *
 * Notation as in utility.ts: n records before suppression, S suppressed, c_v the records with
 * original value v of the QI, c_L those whose value falls in group L at the applied level.
 * - distinct before: values v with c_v > 0; after: groups L among the records kept, plus the
 *   "*" of masked records when it is not already one of them.
 * - records changed: records kept whose group's label differs from their value, plus S.
 * - precision_d = l_d / h_d (0 without a hierarchy).
 * - loss_d (Iyengar 2002, as ARX): (sum_kept c share(L) + S - n/M_d) / (n - n/M_d), at least 0;
 *   with the five metrics it comes from utilityReport.ts:utilityParts (summed exactly), the same
 *   numbers the explorer shows.
 * - information removed_d = [sum_kept log2(c_L / c_v) + sum_suppressed log2(n / c_v)] / (n H_d),
 *   H_d = sum_v (c_v/n) log2(n / c_v) the entropy of the original values (bits): the QI's
 *   non-uniform entropy (de Waal & Willenborg 1999) over its maximum, which without suppression
 *   is exactly 1 - H(released) / H(original). 0 when H_d = 0.
 */
import type { QiUtilityJson, UtilityJson } from '../contracts/utility.js';
import type { GroupCodes, NodeClasses } from '../risk/recodedClasses.js';
import { ExactSum } from '../risk/exactSum.js';
import { allUtilityTables, utilityParts } from './utilityReport.js';

/** What one transformation is, besides the groups and their classes. */
export interface TransformationInput {
  /** The QI names, in the order of the codes. */
  names: readonly string[];
  heights: ArrayLike<number>;
  /** shares[q][l][group] and M_d of each hierarchy (Iyengar's loss). */
  shares: readonly (readonly Float64Array[])[];
  leaves: ArrayLike<number>;
  levels: ArrayLike<number>;
  /** Classes below this size are suppressed when `suppressed` > 0. */
  required: number;
  /** Records suppressed (0 when nothing was: none below the size, or over the limit). */
  suppressed: number;
  /** Suppressed records kept as one all-"*" class. */
  masked: boolean;
  /** changed[q][v]: 1 when value code v's label at the applied level differs from the value. */
  changed: readonly Uint8Array[];
  /** The group whose label is "*" at the applied level of each QI, or -1. */
  starGroup: ArrayLike<number>;
}

/** The information loss of a transformation, from the groups and the node's classes. */
export function transformationUtility(data: GroupCodes, classes: NodeClasses, t: TransformationInput): UtilityJson {
  const G = data.counts.length;
  const m = data.codes.length;
  const S = t.suppressed;
  const suppressedGroup = new Uint8Array(G);
  let n = 0;
  for (let g = 0; g < G; g++) {
    n += data.counts[g];
    if (S > 0 && classes.sizes[classes.classOfItem[g]] < t.required) suppressedGroup[g] = 1;
  }
  // The metrics and each QI's Iyengar loss come from the one computation every face shows.
  const tables = allUtilityTables(data, t.heights, t.shares, t.leaves);
  const parts = utilityParts(tables, data, { levels: t.levels, classes, suppressed: S, requiredSize: t.required });
  const qis: QiUtilityJson[] = [];
  for (let q = 0; q < m; q++) qis.push(qiUtility(data, q, t, suppressedGroup, n, parts.lossPerQi[q]));
  return { records: n, suppressed: S, metrics: parts.values, qis, suppressedByClassSize: suppressedBySize(classes, S > 0 ? t.required : 0) };
}

function qiUtility(data: GroupCodes, q: number, t: TransformationInput, suppressedGroup: Uint8Array, n: number, loss: number): QiUtilityJson {
  const G = data.counts.length;
  const l = t.levels[q];
  const h = t.heights[q];
  const codes = data.codes[q];
  const map = data.maps[q][l];
  const valueCounts = new Float64Array(data.maps[q][0].length);
  const labelCounts = new Float64Array(data.radices[q][l]);
  for (let g = 0; g < G; g++) {
    valueCounts[codes[g]] += data.counts[g];
    labelCounts[map[codes[g]]] += data.counts[g];
  }
  const keptGroups = new Uint8Array(labelCounts.length);
  let changed = 0;
  // Summed exactly: the figure does not depend on the order the groups come in.
  const nue = new ExactSum();
  for (let g = 0; g < G; g++) {
    const f = data.counts[g];
    const v = codes[g];
    if (suppressedGroup[g]) {
      changed += f;
      nue.add(f * Math.log2(n / valueCounts[v]));
      continue;
    }
    const L = map[v];
    keptGroups[L] = 1;
    if (t.changed[q][v]) changed += f;
    nue.add(f * Math.log2(labelCounts[L] / valueCounts[v]));
  }
  let distinctBefore = 0;
  let entropy = 0;
  for (const c of valueCounts) {
    if (c <= 0) continue;
    distinctBefore++;
    entropy += (c / n) * Math.log2(n / c);
  }
  let distinctAfter = 0;
  for (const k of keptGroups) distinctAfter += k;
  const star = t.starGroup[q];
  if (t.masked && t.suppressed > 0 && !(star >= 0 && keptGroups[star])) distinctAfter++;
  return {
    attribute: t.names[q],
    level: l,
    height: h,
    distinctBefore,
    distinctAfter,
    recordsChanged: changed,
    changedFraction: n > 0 ? changed / n : 0,
    precision: h > 0 ? l / h : 0,
    loss,
    informationRemoved: entropy > 0 ? Math.min(1, Math.max(0, nue.value() / (n * entropy))) : 0,
  };
}

/** [size, classes, records] of the classes below `required` (none when required is 0). */
function suppressedBySize(classes: NodeClasses, required: number): [number, number, number][] {
  const bySize = new Map<number, number>();
  for (let c = 0; c < classes.count; c++) {
    const f = classes.sizes[c];
    if (f < required) bySize.set(f, (bySize.get(f) ?? 0) + 1);
  }
  return [...bySize].sort((a, b) => a[0] - b[0]).map(([size, count]) => [size, count, size * count]);
}
