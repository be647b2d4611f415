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
 * of height >= 1 is given for it, with the QI one level up (level 1 of the hierarchy; the
 * table holds level-0 codes). An empty table has k = 0.
 * @param hierarchies hierarchies[q] for QI q (same order as table.qiNames), or undefined.
 */
export function qiContribution(table: FrequencyTable, hierarchies?: readonly (ResolvedHierarchy | undefined)[]): QiContributionJson[] {
  const next = table.qiNames.map((attribute, q) => {
    const h = hierarchies?.[q];
    if (!h || h.height < 1 || h.maps.length <= 1) return undefined;
    return { level: 1, map: h.maps[1] };
  });
  return qiContributionWith(table, next);
}

/** One level up for a QI: the level reached and the map from the table's codes to its groups. */
export interface NextLevel {
  level: number;
  /** map[code] = group code at `level`, for every code of the table's QI. */
  map: Int32Array;
}

/**
 * For each QI of the table: k and sample uniques with the QI dropped, and, when `next[q]`
 * is given, with the QI recoded through `next[q].map` (one level up from where the table
 * stands; `edra explore` and `analyze --levels` use it at a node). An empty table has k = 0.
 */
export function qiContributionWith(table: FrequencyTable, next: readonly (NextLevel | undefined)[]): QiContributionJson[] {
  const identity = table.codes.map((_, q) => identityMap(table.cardinalities[q]));
  const scratch = new ClassScratch(table.counts.length);
  return table.qiNames.map((attribute, q) => {
    const maps = identity.slice();
    maps[q] = new Int32Array(table.cardinalities[q]); // every value -> code 0
    const entry: QiContributionJson = { attribute, dropped: classFiguresUnder(table, maps, scratch) };
    const up = next[q];
    if (up) {
      if (up.map.length < table.cardinalities[q]) {
        throw new RangeError(`hierarchy of ${attribute} maps ${up.map.length} codes, the table has ${table.cardinalities[q]}`);
      }
      const gen = identity.slice();
      gen[q] = up.map;
      entry.generalized = { level: up.level, ...classFiguresUnder(table, gen, scratch) };
    }
    return entry;
  });
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
