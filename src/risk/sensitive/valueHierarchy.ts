/**
 * A generalization hierarchy over the values of a sensitive attribute S, used by the
 * hierarchical ground distance of t-closeness (Li, Li & Venkatasubramanian 2007).
 *
 * Input layout: `levels[i][v]` is the group id of value v at level i+1 (level 0 is the
 * value itself); the last level holds a single group, the root. Every value therefore has
 * an ancestor at every level and the tree height is H = levels.length; a node at level i+1
 * has height i+1.
 *
 * The compiled form keeps only the leaves and the internal nodes with two or more children
 * (at most m-1 of them): a node with a single child carries the same extra mass as that
 * child, so its EMD cost, height/H * min(pos_extra, neg_extra), is always 0. This bounds the
 * per-class work of the hierarchical distance by O(m) whatever the height.
 */

/** Compressed hierarchy tree: nodes 0..m-1 are the leaves (value codes), then branching nodes. */
export interface CompiledValueHierarchy {
  /** m: number of leaves. */
  readonly valueCount: number;
  /** H: tree height (number of levels above the leaves); 0 only when m = 1 and no level is given. */
  readonly height: number;
  /** Number of nodes (leaves + branching internal nodes). */
  readonly nodeCount: number;
  /**
   * parent[x] = nearest branching proper ancestor of node x, or -1 for the top node.
   * Nodes are numbered children before parents (heights non-decreasing).
   */
  readonly parent: Int32Array;
  /** Height of each node: 0 for leaves, i+1 for a node of level i+1. */
  readonly nodeHeight: Int32Array;
}

/**
 * Validates `levels` against m values and compiles it. Throws a RangeError when a level has
 * the wrong length, a group id is not an integer in 0..m-1, two values that share a group
 * at one level are split at the next (not a tree), or the last level is not a single root.
 * With m = 1, `levels` may be empty. Runs in O(m * H).
 */
export function compileValueHierarchy(valueCount: number, levels: readonly Int32Array[]): CompiledValueHierarchy {
  const m = valueCount;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`valueCount must be an integer >= 1, got ${m}`);
  const H = levels.length;
  if (H === 0 && m > 1) throw new RangeError('hierarchy has no level: a single root is required when m > 1');
  levels.forEach((level, i) => {
    if (level.length !== m) throw new RangeError(`hierarchy level ${i + 1} has ${level.length} entries, expected ${m}`);
    for (let v = 0; v < m; v++) {
      const g = level[v];
      if (g < 0 || g >= m) throw new RangeError(`hierarchy level ${i + 1}: group id ${g} of value ${v} outside 0..${m - 1}`);
    }
  });
  if (H > 0) {
    const top = levels[H - 1];
    for (let v = 1; v < m; v++) {
      if (top[v] !== top[0]) throw new RangeError(`hierarchy level ${H} (the last) must be a single root`);
    }
  }

  const parent = new Int32Array(2 * m).fill(-1); // leaves + at most m-1 branching nodes
  const nodeHeight = new Int32Array(2 * m);
  let nodeCount = m;

  // Level 0: each value is its own group, represented by its leaf.
  let prevGroupOf: Int32Array = Int32Array.from({ length: m }, (_, v) => v);
  let repOfPrev = Int32Array.from({ length: m }, (_, v) => v); // group id at previous level -> node
  const upOf = new Int32Array(m); // previous-level group -> group at this level
  const childCount = new Int32Array(m);
  const nodeOfGroup = new Int32Array(m);
  const present = new Uint8Array(m);

  for (let i = 0; i < H; i++) {
    const level = levels[i];
    upOf.fill(-1);
    childCount.fill(0);
    present.fill(0);
    // Map previous groups to this level's groups; they must map consistently.
    for (let v = 0; v < m; v++) {
      const g0 = prevGroupOf[v];
      const g1 = level[v];
      if (upOf[g0] === -1) {
        upOf[g0] = g1;
        childCount[g1]++;
      } else if (upOf[g0] !== g1) {
        throw new RangeError(
          `hierarchy level ${i + 1} splits a group of level ${i}: values sharing a group must share its parent`,
        );
      }
      present[g1] = 1;
    }
    // Create a node for every branching group, in this level (height i+1).
    for (let g = 0; g < m; g++) {
      if (present[g] && childCount[g] >= 2) {
        nodeOfGroup[g] = nodeCount;
        nodeHeight[nodeCount] = i + 1;
        nodeCount++;
      } else {
        nodeOfGroup[g] = -1;
      }
    }
    // Link the previous representatives and compute this level's representatives.
    const repOfThis = new Int32Array(m).fill(-1);
    for (let g0 = 0; g0 < m; g0++) {
      const g1 = upOf[g0];
      if (g1 === -1) continue;
      const node = nodeOfGroup[g1];
      if (node >= 0) {
        parent[repOfPrev[g0]] = node;
        repOfThis[g1] = node;
      } else {
        repOfThis[g1] = repOfPrev[g0]; // single child: the chain node is skipped
      }
    }
    prevGroupOf = level;
    repOfPrev = repOfThis;
  }

  return {
    valueCount: m,
    height: H,
    nodeCount,
    parent: parent.slice(0, nodeCount),
    nodeHeight: nodeHeight.slice(0, nodeCount),
  };
}
