/**
 * The generalization lattice of full-domain recoding (Samarati 2001; LeFevre et al. 2005):
 * a node is one hierarchy level per QI, (l_1, ..., l_m) with 0 <= l_d <= h_d. Node a is a
 * specialization of b (a <= b) when l_d(a) <= l_d(b) for every d; the successors of a node
 * raise one QI by one level, its predecessors lower one. Nodes are numbered in mixed radix
 * (QI 0 varies slowest), so the lattice is a plain index range and per-node state lives in
 * typed arrays.
 */
export class Lattice {
  /** h_d: the highest level of each QI. */
  readonly heights: Int32Array;
  /** Number of nodes: prod (h_d + 1). */
  readonly size: number;
  /** Number of QIs. */
  readonly width: number;
  private readonly strides: Int32Array;

  constructor(heights: ArrayLike<number>) {
    this.heights = Int32Array.from(heights);
    this.width = this.heights.length;
    this.strides = new Int32Array(this.width);
    let size = 1;
    for (let d = this.width - 1; d >= 0; d--) {
      if (!(this.heights[d] >= 0)) throw new RangeError('heights must be >= 0');
      this.strides[d] = size;
      size *= this.heights[d] + 1;
    }
    if (size > 2 ** 28) throw new RangeError(`the lattice has ${size} nodes, more than ${2 ** 28}`);
    this.size = size;
  }

  /** Index of the node with the given levels. */
  index(levels: ArrayLike<number>): number {
    let i = 0;
    for (let d = 0; d < this.width; d++) i += levels[d] * this.strides[d];
    return i;
  }

  /** Levels of node `index` (written into `out` when given). */
  levels(index: number, out: Int32Array = new Int32Array(this.width)): Int32Array {
    for (let d = 0; d < this.width; d++) {
      out[d] = Math.floor(index / this.strides[d]) % (this.heights[d] + 1);
    }
    return out;
  }

  /** Level of QI d in node `index`. */
  level(index: number, d: number): number {
    return Math.floor(index / this.strides[d]) % (this.heights[d] + 1);
  }

  /** Sum of the levels of a node (its height in the lattice). */
  levelSum(index: number): number {
    let s = 0;
    for (let d = 0; d < this.width; d++) s += this.level(index, d);
    return s;
  }

  /** Highest level sum (the top node's). */
  get maxLevelSum(): number {
    let s = 0;
    for (const h of this.heights) s += h;
    return s;
  }

  /** Calls fn with each direct generalization (one QI one level up). */
  forEachSuccessor(index: number, fn: (next: number) => void): void {
    for (let d = 0; d < this.width; d++) if (this.level(index, d) < this.heights[d]) fn(index + this.strides[d]);
  }

  /** Calls fn with each direct specialization (one QI one level down). */
  forEachPredecessor(index: number, fn: (prev: number) => void): void {
    for (let d = 0; d < this.width; d++) if (this.level(index, d) > 0) fn(index - this.strides[d]);
  }

  /** True when node a is a specialization of (or equal to) node b. */
  leq(a: number, b: number): boolean {
    for (let d = 0; d < this.width; d++) if (this.level(a, d) > this.level(b, d)) return false;
    return true;
  }

  /** Node indices sorted by level sum (ascending), ties by index: a topological order. */
  byLevelSum(): Int32Array {
    const sums = new Int32Array(this.size);
    const buckets = new Int32Array(this.maxLevelSum + 2);
    for (let i = 0; i < this.size; i++) {
      sums[i] = this.levelSum(i);
      buckets[sums[i] + 1]++;
    }
    for (let s = 1; s < buckets.length; s++) buckets[s] += buckets[s - 1];
    const order = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) order[buckets[sums[i]]++] = i;
    return order;
  }

  /** Levels as a record keyed by QI name. */
  named(index: number, names: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    names.forEach((n, d) => (out[n] = this.level(index, d)));
    return out;
  }
}
