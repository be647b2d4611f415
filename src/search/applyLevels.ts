/**
 * Applies one lattice node to the encoded groups: full-domain global recoding (every value
 * of QI q replaced by its level-l_q group) and record suppression of the classes still below
 * the required size, when their records fit in the suppression limit (otherwise nothing is
 * suppressed and the thresholds fail on the recoded classes, as they would in the output).
 */
import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import { ClassScratch, classesOf, type GroupCodes } from '../risk/recodedClasses.js';

export interface AppliedLevels {
  /** The recoded classes as a table over generalized codes (suppressed classes removed). */
  table: FrequencyTable;
  /** classOf[g]: class (row of `table`) of input group g, or -1 when suppressed. */
  classOf: Int32Array;
  /** Records suppressed. */
  suppressed: number;
  /** Classes before suppression. */
  classes: number;
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
 * when they hold at most `maxSuppressed` records.
 */
export function applyLevels(
  table: FrequencyTable,
  hierarchies: readonly ResolvedHierarchy[],
  levels: ArrayLike<number>,
  requiredSize: number,
  maxSuppressed: number,
): AppliedLevels {
  const data = groupCodesOf(table, hierarchies);
  const classes = classesOf(data, levels, new ClassScratch(table.counts.length));
  let below = 0;
  for (let c = 0; c < classes.count; c++) if (classes.sizes[c] < requiredSize) below += classes.sizes[c];
  const suppress = below > 0 && below <= maxSuppressed;
  const keptIndex = new Int32Array(classes.count);
  const rows: number[] = [];
  for (let c = 0; c < classes.count; c++) {
    if (suppress && classes.sizes[c] < requiredSize) keptIndex[c] = -1;
    else {
      keptIndex[c] = rows.length;
      rows.push(c);
    }
  }
  const m = table.codes.length;
  const codes = Array.from({ length: m }, (_, q) => {
    const map = data.maps[q][levels[q]];
    return Int32Array.from(rows, (c) => map[table.codes[q][classes.reps[c]]]);
  });
  const counts = Int32Array.from(rows, (c) => classes.sizes[c]);
  // The missing value stays missing where it is a group of its own (label null).
  const nullCodes = Int32Array.from(hierarchies, (h, q) => {
    const nc = table.nullCodes[q];
    if (nc < 0) return -1;
    const g = h.maps[levels[q]][nc];
    return h.labels[levels[q]][g] === null ? g : -1;
  });
  let records = 0;
  for (const c of counts) records += c;
  return {
    table: {
      qiNames: table.qiNames,
      codes,
      cardinalities: Int32Array.from(data.radices, (r, q) => r[levels[q]]),
      nullCodes,
      counts,
      records,
    },
    classOf: Int32Array.from(classes.classOfItem, (c) => keptIndex[c]),
    suppressed: suppress ? below : 0,
    classes: classes.count,
  };
}
