/**
 * Applies one lattice node to the encoded groups: full-domain global recoding (every value
 * of QI q replaced by its level-l_q group) and record suppression of the classes still below
 * the required size, when their records fit in the suppression limit (otherwise nothing is
 * suppressed and the thresholds fail on the recoded classes, as they would in the output).
 */
import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import type { NextLevel } from '../risk/qiContribution.js';
import { ClassScratch, classesOf, type GroupCodes, type NodeClasses } from '../risk/recodedClasses.js';
import { outputClasses, type OutputClasses } from '../risk/verdict/suppression.js';
import { gather } from '../risk/gather.js';

export interface AppliedLevels {
  /** The output classes as a table over generalized codes (suppressed classes removed, or masked into one row). */
  table: FrequencyTable;
  /** classOf[g]: class (row of `table`) of input group g, or -1 when dropped. */
  classOf: Int32Array;
  /** Records suppressed. */
  suppressed: number;
  /** Classes before suppression. */
  classes: number;
  /** Row of `table` holding the masked records (all "*"), or -1. */
  maskedClass: number;
  /** The node's classes before suppression (over the groups of the input table). */
  nodeClasses: NodeClasses;
}

/** The group codes and hierarchy maps of a table, for the kernels. */
export function groupCodesOf(table: FrequencyTable, hierarchies: readonly ResolvedHierarchy[]): GroupCodes {
  return {
    codes: table.codes,
    counts: table.counts,
    maps: hierarchies.map((h) => h.maps),
    radices: hierarchies.map((h) => Int32Array.from(h.labels, (l) => l.length)),
  };
}

/**
 * Generalizes `table` to `levels` and suppresses the classes smaller than `requiredSize`
 * when they hold at most `maxSuppressed` records (src/risk/verdict/suppression.ts): dropped,
 * or masked as one class whose codes are one past each QI's labels (its label "*").
 */
export function applyLevels(
  table: FrequencyTable,
  hierarchies: readonly ResolvedHierarchy[],
  levels: ArrayLike<number>,
  requiredSize: number,
  maxSuppressed: number,
  mode: 'drop' | 'mask' = 'drop',
): AppliedLevels {
  const data = groupCodesOf(table, hierarchies);
  const classes = classesOf(data, levels, new ClassScratch(table.counts.length));
  const output = outputClasses(classes.sizes, classes.count, requiredSize, maxSuppressed, mode);
  return {
    table: outputTable(table, data, hierarchies, levels, classes, output),
    classOf: gather(output.outputOf, classes.classOfItem),
    suppressed: output.suppressed,
    classes: classes.count,
    maskedClass: output.maskedClass,
    nodeClasses: classes,
  };
}

/**
 * The output classes of a node as a table over generalized codes: one row per output class
 * (its codes those of its representative group at the node's levels), the masked class (when
 * suppressed records are masked) with codes one past each QI's labels ("*").
 */
export function outputTable(
  table: FrequencyTable,
  data: GroupCodes,
  hierarchies: readonly ResolvedHierarchy[],
  levels: ArrayLike<number>,
  classes: NodeClasses,
  output: OutputClasses,
): FrequencyTable {
  // The representative class of each output class (the masked class has none).
  const rep = new Int32Array(output.sizes.length).fill(-1);
  for (let c = 0; c < classes.count; c++) {
    const o = output.outputOf[c];
    if (o >= 0 && o !== output.maskedClass && rep[o] < 0) rep[o] = c;
  }
  const m = table.codes.length;
  const codes = Array.from({ length: m }, (_, q) => {
    const map = data.maps[q][levels[q]];
    const star = data.radices[q][levels[q]];
    const groupCodes = table.codes[q];
    const out = new Int32Array(rep.length);
    for (let o = 0; o < rep.length; o++) out[o] = rep[o] < 0 ? star : map[groupCodes[classes.reps[rep[o]]]];
    return out;
  });
  // The missing value stays missing where it is a group of its own (label null).
  const nullCodes = Int32Array.from(hierarchies, (h, q) => {
    const nc = table.nullCodes[q];
    if (nc < 0) return -1;
    const g = h.maps[levels[q]][nc];
    return h.labels[levels[q]][g] === null ? g : -1;
  });
  let records = 0;
  for (const c of output.sizes) records += c;
  return {
    qiNames: table.qiNames,
    codes,
    cardinalities: Int32Array.from(data.radices, (r, q) => r[levels[q]] + (output.maskedClass >= 0 ? 1 : 0)),
    nullCodes,
    counts: output.sizes,
    records,
  };
}

/**
 * One level up from `levels` for each QI of a node's output table (outputTable): the map
 * from its level-l group codes (and the masked "*" code, one past them) to level l + 1;
 * undefined for a QI at the top of its hierarchy. For the per-QI contribution at a node.
 */
export function nextLevelMaps(hierarchies: readonly ResolvedHierarchy[], levels: ArrayLike<number>, masked: boolean): (NextLevel | undefined)[] {
  return hierarchies.map((h, q) => {
    const l = levels[q];
    if (l >= h.height) return undefined;
    const here = h.maps[l];
    const up = h.maps[l + 1];
    const radix = h.labels[l].length;
    const map = new Int32Array(radix + (masked ? 1 : 0));
    for (let v = 0; v < here.length; v++) map[here[v]] = up[v];
    if (masked) map[radix] = h.labels[l + 1].length;
    return { level: l + 1, map };
  });
}
