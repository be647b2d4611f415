/**
 * The search for the optimal full-domain generalization: the node that satisfies every
 * enforced privacy model with the least information loss. Two strategies, by the metric:
 *
 * Separable metrics (precision, loss, entropy: a lower bound of a node's loss from its levels
 * alone, the loss without suppression, which never decreases under generalization):
 * candidates are taken in order of that bound, and the search stops at the first whose
 * bound exceeds the best loss found. A candidate known to pass the monotone models is
 * evaluated; one whose status is unknown starts a chain upwards (Flash's path: Kohlmayer,
 * Prasser, Eckert, Kemper & Kuhn 2012, "Flash: efficient, stable and optimal k-anonymity")
 * through unknown nodes of lowest bound, kept within the best's bound plus one node beyond
 * it. The chain is binary-searched while no feasible node is known; once one is, it is
 * probed from its top down, so that a failure is as high as possible and tags as many
 * specializations as it can (predictive tagging: Samarati 2001; El Emam et al. 2009, OLA: a
 * pass tags every generalization, a failure every specialization). Nodes within the bound
 * that pass are evaluated anyway (their utility is needed), so probing them costs nothing
 * extra; the probes beyond the bound are the price of tagging from higher up.
 *
 * Other metrics (discernibility, AECS: the bound needs the classes): phase 1 classifies the
 * nodes by the monotone models, bottom-up, binary-searching a path upwards from each
 * unknown node (Flash); phase 2 evaluates the passing nodes bottom-up and skips a node when
 * an evaluated specialization's bound already exceeds the best.
 *
 * With T workers, T disjoint chains are probed in lockstep (one probe per chain and round),
 * and passing candidates fill the round. Non-monotone models (beta, delta, individual risk,
 * population uniqueness, average risks with suppression) are checked on every evaluated
 * node and never tag. The result is the exact optimum: a property test compares it with
 * exhaustive search.
 *
 * Ties in utility are broken by the lower sum of levels (then the lower node index), and
 * counted.
 */
import type { NodeOutcome } from './evaluator.js';
import type { Lattice } from './lattice.js';
import { sameUtility } from './utility.js';

/** Evaluates a batch of nodes (in parallel when a pool is used). */
export type EvaluateBatch = (nodes: readonly number[]) => Promise<NodeOutcome[]>;

export interface StrategyOptions {
  /** Lower bound of a node's loss from its levels alone (separable metrics). */
  levelBound?: (node: number) => number;
  /** Nodes evaluated at once (the number of workers). */
  parallelism: number;
  /** Called after each batch with (nodes evaluated, lattice size). */
  onProgress?: (checked: number, total: number) => void;
}

export interface StrategyResult {
  optimum?: NodeOutcome;
  /** Other feasible nodes with the optimum's utility. */
  ties: number;
  /** Every evaluated node. */
  evaluated: Map<number, NodeOutcome>;
}

const UNKNOWN = 0;
const PASS = 1;
const FAIL = 2;

/** Runs phases 1 and 2 over the lattice. */
export async function searchLattice(lattice: Lattice, evaluate: EvaluateBatch, options: StrategyOptions): Promise<StrategyResult> {
  return options.levelBound ? boundOrdered(lattice, evaluate, options, options.levelBound) : bottomUp(lattice, evaluate, options);
}

/** The best feasible node of the evaluated ones, with the tie rule, and the tie count. */
class Best {
  node?: NodeOutcome;
  ties = 0;
  private readonly seen: Uint8Array;
  constructor(
    size: number,
    private readonly sums: Int32Array,
  ) {
    this.seen = new Uint8Array(size);
  }
  /** Takes an evaluated node into account (once). */
  visit(o: NodeOutcome): void {
    if (this.seen[o.node]) return;
    this.seen[o.node] = 1;
    if (!o.feasible) return;
    const best = this.node;
    if (!best || (o.utility < best.utility && !sameUtility(o.utility, best.utility))) {
      this.node = o;
      this.ties = 0;
      return;
    }
    if (!sameUtility(o.utility, best.utility)) return;
    this.ties++;
    const s = this.sums;
    if (s[o.node] < s[best.node] || (s[o.node] === s[best.node] && o.node < best.node)) this.node = o;
  }
  seenNode(x: number): boolean {
    return this.seen[x] === 1;
  }
  /** True when a node whose loss is at least `b` cannot be optimal (nor tied). */
  beyond(b: number): boolean {
    return this.node !== undefined && b > this.node.utility && !sameUtility(b, this.node.utility);
  }
}

/** Sets `to` (PASS: on the node and its generalizations; FAIL: on it and its specializations). */
function tag(lattice: Lattice, status: Uint8Array, start: number, to: number): void {
  const stack = [start];
  while (stack.length) {
    const x = stack.pop()!;
    if (status[x] === to) continue;
    status[x] = to;
    if (to === PASS) {
      lattice.forEachSuccessor(x, (y) => {
        if (status[y] !== PASS) stack.push(y);
      });
    } else {
      lattice.forEachPredecessor(x, (y) => {
        if (status[y] !== FAIL) stack.push(y);
      });
    }
  }
}

/** A chain of unknown nodes (each a direct generalization of the previous) and the part still to classify. */
interface Chain {
  path: number[];
  lo: number;
  hi: number;
}

/** The strategy for separable metrics (bound from the levels alone): see the module comment. */
async function boundOrdered(lattice: Lattice, evaluate: EvaluateBatch, options: StrategyOptions, bound: (node: number) => number): Promise<StrategyResult> {
  const size = lattice.size;
  const status = new Uint8Array(size);
  const reserved = new Uint8Array(size);
  const evaluated = new Map<number, NodeOutcome>();
  const T = Math.max(1, options.parallelism);
  const sums = new Int32Array(size);
  const lb = new Float64Array(size);
  for (let x = 0; x < size; x++) {
    sums[x] = lattice.levelSum(x);
    lb[x] = bound(x);
  }
  const order = Int32Array.from({ length: size }, (_, x) => x).sort((a, b) => lb[a] - lb[b] || sums[a] - sums[b] || a - b);
  const best = new Best(size, sums);

  // A chain from `start` upwards through unknown nodes of lowest bound, within the best's
  // bound, and one node beyond it (a failure there tags more specializations).
  const chain = (start: number): Chain => {
    const path = [start];
    reserved[start] = 1;
    let past = false;
    for (let cur = start; ; ) {
      let next = -1;
      let within = -1;
      lattice.forEachSuccessor(cur, (s) => {
        if (status[s] !== UNKNOWN || reserved[s]) return;
        if (next < 0 || lb[s] < lb[next]) next = s;
        if (!best.beyond(lb[s]) && (within < 0 || lb[s] < lb[within])) within = s;
      });
      if (within >= 0) next = within;
      else if (past || next < 0) break;
      else past = true;
      path.push(next);
      reserved[next] = 1;
      cur = next;
    }
    return { path, lo: 0, hi: path.length - 1 };
  };

  const active: Chain[] = [];
  let i = 0;
  for (;;) {
    while (i < size && (status[order[i]] === FAIL || best.seenNode(order[i]))) i++;
    if (i >= size || best.beyond(lb[order[i]])) break;
    // This round's work, in bound order: passing candidates to evaluate, and new chains from
    // unknown ones (T items at most; one on the calling thread, so that the best is always
    // the freshest).
    const evals: number[] = [];
    for (let j = i; j < size && active.length + evals.length < T; j++) {
      const x = order[j];
      if (best.beyond(lb[x])) break;
      if (status[x] === FAIL || best.seenNode(x)) continue;
      const known = evaluated.get(x);
      if (known) best.visit(known);
      else if (status[x] === PASS) evals.push(x);
      else if (!reserved[x]) active.push(chain(x));
    }
    // One probe per chain: binary search (upper middle) until a feasible node is known,
    // then from the top down; nodes other chains have classified meanwhile are skipped.
    const probes: { c: Chain; at: number }[] = [];
    for (const c of active) {
      while (c.lo <= c.hi) {
        const at = best.node ? c.hi : c.lo + ((c.hi - c.lo + 1) >> 1);
        const st = status[c.path[at]];
        if (st === UNKNOWN) {
          probes.push({ c, at });
          break;
        }
        if (st === FAIL) c.lo = at + 1;
        else c.hi = at - 1;
      }
    }
    const batch = probes.map((p) => p.c.path[p.at]);
    for (const x of evals) batch.push(x);
    if (batch.length > 0) {
      const out = await evaluate(batch);
      for (const o of out) {
        evaluated.set(o.node, o);
        tag(lattice, status, o.node, o.monotoneFail ? FAIL : PASS);
        best.visit(o);
      }
      options.onProgress?.(evaluated.size, size);
      for (const { c, at } of probes) {
        if (evaluated.get(c.path[at])!.monotoneFail) c.lo = at + 1;
        else c.hi = at - 1;
      }
    }
    for (let j = active.length - 1; j >= 0; j--) {
      const c = active[j];
      if (c.lo > c.hi) {
        for (const x of c.path) reserved[x] = 0;
        active.splice(j, 1);
      }
    }
  }
  return { optimum: best.node, ties: best.ties, evaluated };
}

/** The strategy for metrics whose bound needs the classes (discernibility, AECS): see the module comment. */
async function bottomUp(lattice: Lattice, evaluate: EvaluateBatch, options: StrategyOptions): Promise<StrategyResult> {
  const status = new Uint8Array(lattice.size);
  const evaluated = new Map<number, NodeOutcome>();
  const T = Math.max(1, options.parallelism);
  // Phase 2 batches: a few nodes per worker, so that messages do not dominate (a batch may
  // evaluate nodes that a finished batch would have pruned; the optimum is the same).
  const B = T === 1 ? 1 : T * 8;
  const sums = new Int32Array(lattice.size);
  for (let i = 0; i < lattice.size; i++) sums[i] = lattice.levelSum(i);
  const best = new Best(lattice.size, sums);

  const run = async (nodes: number[]): Promise<NodeOutcome[]> => {
    const todo = nodes.filter((n) => !evaluated.has(n));
    if (todo.length > 0) {
      const out = await evaluate(todo);
      for (const o of out) evaluated.set(o.node, o);
      options.onProgress?.(evaluated.size, lattice.size);
    }
    return nodes.map((n) => evaluated.get(n)!);
  };

  // Phase 1: classify the nodes by the monotone models. With T workers, T paths are
  // binary-searched in lockstep (one probe per path per round).
  const order = lattice.byLevelSum();
  const reserved = new Uint8Array(lattice.size);
  const buildPath = (start: number): number[] => {
    const path = [start];
    reserved[start] = 1;
    for (let cur = start; ; ) {
      let next = -1;
      lattice.forEachSuccessor(cur, (s) => {
        if (next < 0 && status[s] === UNKNOWN && !reserved[s]) next = s;
      });
      if (next < 0) break;
      path.push(next);
      reserved[next] = 1;
      cur = next;
    }
    return path;
  };
  let cursor = 0;
  const nextPath = (): Chain | undefined => {
    while (cursor < order.length) {
      const start = order[cursor++];
      if (status[start] !== UNKNOWN || reserved[start]) continue;
      const path = buildPath(start);
      return { path, lo: 0, hi: path.length - 1 };
    }
    return undefined;
  };
  const active: Chain[] = [];
  for (;;) {
    while (active.length < T) {
      const p = nextPath();
      if (!p) break;
      active.push(p);
    }
    if (active.length === 0) break;
    // One probe per path: its middle, skipping nodes other paths have classified meanwhile.
    const probes: { p: Chain; at: number }[] = [];
    for (const p of active) {
      while (p.lo <= p.hi) {
        const at = p.lo + ((p.hi - p.lo + 1) >> 1); // upper middle: feasible nodes tend to lie high on a path
        const st = status[p.path[at]];
        if (st === UNKNOWN) {
          probes.push({ p, at });
          break;
        }
        if (st === FAIL) p.lo = at + 1;
        else p.hi = at - 1;
      }
    }
    if (probes.length > 0) {
      const out = await run(probes.map((x) => x.p.path[x.at]));
      out.forEach((o, j) => {
        const { p, at } = probes[j];
        best.visit(o);
        if (o.monotoneFail) {
          tag(lattice, status, o.node, FAIL);
          p.lo = at + 1;
        } else {
          tag(lattice, status, o.node, PASS);
          p.hi = at - 1;
        }
      });
    }
    for (let j = active.length - 1; j >= 0; j--) {
      const p = active[j];
      if (p.lo > p.hi) {
        for (const x of p.path) reserved[x] = 0;
        active.splice(j, 1);
      }
    }
  }

  // Phase 2: bottom-up by level sum; a node's bound is the largest bound of an evaluated specialization.
  const inherited = new Float64Array(lattice.size);
  let at = 0;
  while (at < order.length) {
    const level = sums[order[at]];
    const nodes: number[] = [];
    while (at < order.length && sums[order[at]] === level) nodes.push(order[at++]);
    for (const x of nodes) {
      let b = 0;
      lattice.forEachPredecessor(x, (p) => {
        if (inherited[p] > b) b = inherited[p];
      });
      const own = evaluated.get(x);
      inherited[x] = own ? Math.max(b, own.bound) : b;
    }
    const todo = nodes.filter((x) => status[x] === PASS);
    for (let j = 0; j < todo.length; ) {
      const batch: number[] = [];
      while (j < todo.length && batch.length < B) {
        const x = todo[j++];
        if (best.beyond(inherited[x])) continue;
        const known = evaluated.get(x);
        if (known) best.visit(known);
        else batch.push(x);
      }
      if (batch.length) {
        for (const o of await run(batch)) {
          inherited[o.node] = Math.max(inherited[o.node], o.bound);
          best.visit(o);
        }
      }
    }
  }
  return { optimum: best.node, ties: best.ties, evaluated };
}

/**
 * The Pareto front of (highest risk, utility loss) over evaluated feasible nodes: nodes no
 * other evaluated feasible node beats on both, by ascending loss.
 */
export function paretoFront(outcomes: Iterable<NodeOutcome>): NodeOutcome[] {
  const feasible = [...outcomes].filter((o) => o.feasible).sort((a, b) => a.utility - b.utility || a.highestRisk - b.highestRisk || a.node - b.node);
  const front: NodeOutcome[] = [];
  let lowestRisk = Infinity;
  for (const o of feasible) {
    if (o.highestRisk < lowestRisk) {
      front.push(o);
      lowestRisk = o.highestRisk;
    }
  }
  return front;
}
