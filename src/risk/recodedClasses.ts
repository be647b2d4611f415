/**
 * The equivalence classes of one lattice node, computed from the encoded groups (distinct QI
 * code tuples with counts) or rolled up from the classes of a specialization.
 *
 * Roll-up (Kohlmayer et al. 2012, "Flash"): if node a <= b, every class of b is a union of
 * classes of a, because hierarchies are consistent (a value's level-i group determines its
 * level-(i+1) group). So b's classes can be computed from a's classes — each represented by
 * one of its groups — instead of from all groups, and a's class sizes are simply added.
 */
import { KeyIndex } from './keyIndex.js';

/** The classes of a node. */
export interface NodeClasses {
  /** K: number of classes. */
  readonly count: number;
  /** sizes[c]: records in class c. */
  readonly sizes: Int32Array;
  /** reps[c]: one input group of class c (its codes give the class's labels through the maps). */
  readonly reps: Int32Array;
  /** classOfItem[i]: class of item i of the input the classes were computed from (groups or a specialization's classes). */
  readonly classOfItem: Int32Array;
}

/** The encoded groups and hierarchy maps a node's classes are computed from. */
export interface GroupCodes {
  /** codes[q][g]: dictionary code of QI q in group g. */
  readonly codes: readonly Int32Array[];
  /** counts[g]: records in group g. */
  readonly counts: Int32Array;
  /** maps[q][l][code]: group code of a value at level l of QI q's hierarchy. */
  readonly maps: readonly (readonly Int32Array[])[];
  /** radices[q][l]: number of group codes at level l (max map value + 1). */
  readonly radices: readonly Int32Array[];
  /**
   * True when the groups are distinct code tuples (the encode pass's frequency table) and every
   * maps[q][0] is the identity (src/hierarchy/resolve.ts): the bottom node's classes are then
   * the groups themselves, numbered as they come, with nothing to hash.
   */
  readonly distinct?: boolean;
}

const SAFE = 2 ** 53;

/** Keys up to this bound are numbered by direct addressing instead of hashing. */
const DIRECT_MAX = 1 << 22;

/** Scratch buffers reused from node to node. */
export class ClassScratch {
  keys: Float64Array;
  readonly index: KeyIndex;
  /** direct[key] = class id + 1 of the current node (0: unseen); cleared after each use. */
  private direct?: Int32Array;
  constructor(items: number) {
    // Written once here, so that the first node does not pay the page faults of fresh memory
    // (on this VM ~3 ms per MB: 70 ms for the buffers of a million groups).
    this.keys = new Float64Array(items).fill(0);
    this.index = new KeyIndex(items);
  }
  directTable(): Int32Array {
    return (this.direct ??= new Int32Array(DIRECT_MAX));
  }
  ensure(items: number): void {
    if (this.keys.length < items) this.keys = new Float64Array(items);
  }
}

/**
 * Classes of the node `levels`: items are either all groups (`from` undefined) or the
 * classes of a specialization (`from`, each with its representative group and size).
 * Keys are mixed-radix numbers of the generalized codes, renumbered densely whenever the
 * radix product would pass 2^53 and once at the end.
 */
export function classesOf(data: GroupCodes, levels: ArrayLike<number>, scratch: ClassScratch, from?: NodeClasses): NodeClasses {
  if (!from && data.distinct && Array.prototype.every.call(levels, (l) => l === 0)) return groupsAsClasses(data.counts);
  const items = from ? from.count : data.counts.length;
  scratch.ensure(items);
  const keys = scratch.keys;
  const reps = from ? from.reps : undefined;
  keys.fill(0, 0, items);
  let product = 1;
  const m = data.codes.length;
  for (let q = 0; q < m; q++) {
    const r = data.radices[q][levels[q]];
    if (r <= 1) continue;
    if (product * r >= SAFE) {
      product = densify(keys, items, scratch.index);
    }
    const map = data.maps[q][levels[q]];
    const codes = data.codes[q];
    if (reps) for (let i = 0; i < items; i++) keys[i] = keys[i] * r + map[codes[reps[i]]];
    else for (let i = 0; i < items; i++) keys[i] = keys[i] * r + map[codes[i]];
    product *= r;
  }
  const classOfItem = new Int32Array(items);
  let K: number;
  if (product <= DIRECT_MAX) {
    // Few possible keys: number them by direct addressing, then clear what was touched.
    const direct = scratch.directTable();
    K = 0;
    for (let i = 0; i < items; i++) {
      const key = keys[i];
      let id = direct[key];
      if (id === 0) direct[key] = id = ++K;
      classOfItem[i] = id - 1;
    }
    for (let i = 0; i < items; i++) direct[keys[i]] = 0;
  } else {
    const index = scratch.index;
    index.reset(items);
    for (let i = 0; i < items; i++) classOfItem[i] = index.idOf(keys[i]);
    K = index.size;
  }
  const sizes = new Int32Array(K);
  const outReps = new Int32Array(K).fill(-1);
  const itemSizes = from ? from.sizes : data.counts;
  for (let i = 0; i < items; i++) {
    const c = classOfItem[i];
    sizes[c] += itemSizes[i];
    if (outReps[c] < 0) outReps[c] = reps ? reps[i] : i;
  }
  return { count: K, sizes, reps: outReps, classOfItem };
}

/**
 * The classes of the bottom node over distinct groups: class g is group g (the numbering the
 * general path gives too: classes in order of first appearance). The sizes are the counts
 * array itself (read-only), the representatives and the items' classes one identity array.
 */
function groupsAsClasses(counts: Int32Array): NodeClasses {
  const identity = new Int32Array(counts.length);
  for (let g = 0; g < identity.length; g++) identity[g] = g;
  return { count: counts.length, sizes: counts, reps: identity, classOfItem: identity };
}

/** Renumbers keys[0..items) densely in place; returns the number of distinct keys. */
function densify(keys: Float64Array, items: number, index: KeyIndex): number {
  index.reset(items);
  for (let i = 0; i < items; i++) keys[i] = index.idOf(keys[i]);
  return Math.max(1, index.size);
}
