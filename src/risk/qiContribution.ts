/**
 * Per-QI contribution to re-identification: how k and the sample uniques change when one
 * quasi-identifier is dropped (all its values merged into one) or generalized one hierarchy
 * level, the others unchanged. A QI whose removal raises k or removes many uniques is the one
 * to generalize first. Works on the frequency table (codes and counts), never on values.
 */
import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import type { QiContributionJson } from '../contracts/measures.js';
import { ClassScratch, classesOf } from './recodedClasses.js';

/** k (smallest class) and sample uniques (records in classes of size 1) of a table recoded by `maps`. */
export interface ClassFigures {
  k: number;
  sampleUniques: number;
}

/**
 * For each QI of the table: k and sample uniques with the QI dropped, and, when a hierarchy
 * of height above the table's level is given for it, with the QI one level up. The table
 * holds level-0 codes, or with `levels` the codes of those levels (a generalized table,
 * possibly with a masked class whose code is one past the level's labels: it stays apart).
 * An empty table has k = 0.
 * @param hierarchies hierarchies[q] for QI q (same order as table.qiNames), or undefined.
 */
export function qiContribution(table: FrequencyTable, hierarchies?: readonly (ResolvedHierarchy | undefined)[], levels?: ArrayLike<number>): QiContributionJson[] {
  const identity = table.codes.map((_, q) => identityMap(table.cardinalities[q]));
  const scratch = new ClassScratch(table.counts.length);
  return table.qiNames.map((attribute, q) => {
    const maps = identity.slice();
    maps[q] = new Int32Array(table.cardinalities[q]); // every value -> code 0
    const entry: QiContributionJson = { attribute, dropped: classFiguresUnder(table, maps, scratch) };
    const h = hierarchies?.[q];
    const level = levels ? levels[q] : 0;
    if (h && h.height > level && h.maps.length > level + 1) {
      const up = upMap(h, level, table.cardinalities[q], levels === undefined);
      const gen = identity.slice();
      gen[q] = up;
      entry.generalized = { level: level + 1, ...classFiguresUnder(table, gen, scratch) };
    }
    return entry;
  });
}

/**
 * The map from the group codes of level l to those of level l+1 (hierarchies are
 * consistent, so each level-l group has one parent); codes past the level's groups (a masked
 * class) get a code of their own.
 */
function upMap(h: ResolvedHierarchy, level: number, cardinality: number, ungeneralized: boolean): Int32Array {
  const from = h.maps[level];
  const to = h.maps[level + 1];
  const groups = h.labels[level].length;
  if (ungeneralized && from.length < cardinality) throw new RangeError(`hierarchy of ${h.attribute} maps ${from.length} codes, the table has ${cardinality}`);
  const up = new Int32Array(Math.max(cardinality, groups));
  const fresh = h.labels[level + 1].length;
  for (let c = groups; c < up.length; c++) up[c] = fresh;
  for (let v = 0; v < from.length; v++) up[from[v]] = to[v];
  return up;
}

/**
 * k and sample uniques after recoding every QI q through maps[q] and merging equal tuples.
 * Same classes as `recodeTable`, without building the merged table (the search's kernel).
 */
export function classFiguresUnder(table: FrequencyTable, maps: readonly Int32Array[], scratch?: ClassScratch): ClassFigures {
  const m = table.codes.length;
  if (maps.length !== m) throw new RangeError(`expected ${m} code maps, got ${maps.length}`);
  const groups = table.counts.length;
  if (groups === 0) return { k: 0, sampleUniques: 0 };
  // One level per QI: the recoding kernel the search uses (mixed-radix keys, dense numbering).
  const radices = maps.map((map) => {
    let max = 0;
    for (const c of map) if (c > max) max = c;
    return Int32Array.of(max + 1);
  });
  const classes = classesOf(
    { codes: table.codes, counts: table.counts, maps: maps.map((map) => [map]), radices },
    new Int32Array(m),
    scratch ?? new ClassScratch(groups),
  );
  let k = Infinity;
  let sampleUniques = 0;
  for (const size of classes.sizes) {
    if (size < k) k = size;
    if (size === 1) sampleUniques++;
  }
  return { k, sampleUniques };
}

function identityMap(n: number): Int32Array {
  const map = new Int32Array(n);
  for (let i = 0; i < n; i++) map[i] = i;
  return map;
}
