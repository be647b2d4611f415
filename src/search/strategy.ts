/**
 * The search for the optimal full-domain generalization: the node that satisfies every
 * enforced privacy model with the least information loss.
 *
 * Phase 1, feasibility (Flash; Kohlmayer, Prasser, Eckert, Kemper & Kuhn 2012, "Flash:
 * efficient, stable and optimal k-anonymity"): nodes are visited bottom-up; from each node
 * whose status is unknown a path of unknown nodes is built upwards and binary-searched for
 * its lowest node that satisfies the monotone models. Predictive tagging (Samarati 2001;
 * El Emam et al. 2009, OLA): a pass tags every generalization, a failure every
 * specialization, so most nodes are classified without being evaluated. With T workers, T
 * disjoint paths are binary-searched in lockstep, one probe per path and round.
 *
 * Phase 2, utility: the nodes that satisfy the monotone models are evaluated in order of a
 * lower bound of their information loss (the loss without suppression, which never
 * decreases under generalization), and the search stops when the bound exceeds the best
 * loss found; for discernibility and AECS, whose bound needs the classes, nodes go bottom-up
 * and a node is skipped when an evaluated specialization's bound already exceeds the best.
 * Non-monotone models (beta, delta, individual risk, population uniqueness, average risks
 * with suppression) are checked on every evaluated node. The result is the exact optimum:
 * a property test compares it with exhaustive search.
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
  const status = new Uint8Array(lattice.size);
  const evaluated = new Map<number, NodeOutcome>();
  const T = Math.max(1, options.parallelism);
  // Phase 2 batches: a few nodes per worker, so that messages do not dominate (a batch may
  // evaluate nodes that a finished batch would have pruned; the optimum is the same).
  const B = T === 1 ? 1 : T * 8;
  const sums = new Int32Array(lattice.size);
  for (let i = 0; i < lattice.size; i++) sums[i] = lattice.levelSum(i);
  const bound = options.levelBound;

  const run = async (nodes: number[]): Promise<NodeOutcome[]> => {
    const todo = nodes.filter((n) => !evaluated.has(n));
    if (todo.length > 0) {
      const out = await evaluate(todo);
      for (const o of out) evaluated.set(o.node, o);
      options.onProgress?.(evaluated.size, lattice.size);
    }
    return nodes.map((n) => evaluated.get(n)!);
  };
  const tagUp = (start: number) => {
    const stack = [start];
    while (stack.length) {
      const x = stack.pop()!;
      if (status[x] === PASS) continue;
      status[x] = PASS;
      lattice.forEachSuccessor(x, (y) => {
        if (status[y] !== PASS) stack.push(y);
      });
    }
  };
  const tagDown = (start: number) => {
    const stack = [start];
    while (stack.length) {
      const x = stack.pop()!;
      if (status[x] === FAIL) continue;
      status[x] = FAIL;
      lattice.forEachPredecessor(x, (y) => {
        if (status[y] !== FAIL) stack.push(y);
      });
    }
  };

  // The best feasible node so far (phases 1 and 2).
  let best: NodeOutcome | undefined;
  let ties = 0;
  const consider = (o: NodeOutcome) => {
    if (!o.feasible) return;
    if (!best || (o.utility < best.utility && !sameUtility(o.utility, best.utility))) {
      best = o;
      ties = 0;
      return;
    }
    if (!sameUtility(o.utility, best.utility)) return;
    if (o.node === best.node) return;
    ties++;
    if (sums[o.node] < sums[best.node] || (sums[o.node] === sums[best.node] && o.node < best.node)) best = o;
  };
  const beyond = (b: number) => best !== undefined && b > best.utility && !sameUtility(b, best.utility);
  const seen = new Set<number>();
  const visit = (o: NodeOutcome) => {
    if (seen.has(o.node)) return;
    seen.add(o.node);
    consider(o);
  };

  // Phase 1: classify the nodes by the monotone models. With a level bound, nodes whose
  // bound already exceeds the best loss found are left alone: phase 2 would prune them.
  // With T workers, T paths are binary-searched in lockstep (one probe per path per round).
  const order = lattice.byLevelSum();
  const reserved = new Uint8Array(lattice.size);
  const buildPath = (start: number): number[] => {
    const path = [start];
    reserved[start] = 1;
    for (let cur = start; ; ) {
      let next = -1;
      let nextBound = Infinity;
      lattice.forEachSuccessor(cur, (s) => {
        if (status[s] !== UNKNOWN || reserved[s]) return;
        const b = bound ? bound(s) : 0;
        if (bound && beyond(b)) return;
        if (next < 0 || b < nextBound) {
          next = s;
          nextBound = b;
        }
      });
      if (next < 0) break;
      path.push(next);
      reserved[next] = 1;
      cur = next;
    }
    return path;
  };
  let cursor = 0;
  const nextPath = (): { path: number[]; lo: number; hi: number } | undefined => {
    while (cursor < order.length) {
      const start = order[cursor++];
      if (status[start] !== UNKNOWN || reserved[start]) continue;
      if (bound && beyond(bound(start))) continue;
      const path = buildPath(start);
      return { path, lo: 0, hi: path.length - 1 };
    }
    return undefined;
  };
  const active: { path: number[]; lo: number; hi: number }[] = [];
  for (;;) {
    while (active.length < T) {
      const p = nextPath();
      if (!p) break;
      active.push(p);
    }
    if (active.length === 0) break;
    // One probe per path: its middle, skipping nodes other paths have classified meanwhile.
    const probes: { p: (typeof active)[number]; at: number }[] = [];
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
        visit(o);
        if (o.monotoneFail) {
          tagDown(o.node);
          p.lo = at + 1;
        } else {
          tagUp(o.node);
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

  // Phase 2: the best feasible node among those not known to fail the monotone models.
  if (bound) {
    const candidates: number[] = [];
    for (let x = 0; x < lattice.size; x++) if (status[x] !== FAIL) candidates.push(x);
    const lb = new Float64Array(lattice.size);
    for (const x of candidates) lb[x] = bound(x);
    candidates.sort((a, b) => lb[a] - lb[b] || sums[a] - sums[b] || a - b);
    let i = 0;
    while (i < candidates.length) {
      const batch: number[] = [];
      while (i < candidates.length && batch.length < B) {
        const x = candidates[i];
        if (beyond(lb[x])) {
          i = candidates.length;
          break;
        }
        const known = evaluated.get(x);
        if (status[x] === FAIL) {
          // tagged by an evaluation of this phase
        } else if (known) visit(known);
        else batch.push(x);
        i++;
      }
      if (batch.length) {
        for (const o of await run(batch)) {
          if (o.monotoneFail) tagDown(o.node);
          visit(o);
        }
      }
    }
  } else {
    // Bottom-up by level sum; a node's bound is the largest bound of an evaluated specialization.
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
          if (beyond(inherited[x])) continue;
          const known = evaluated.get(x);
          if (known) visit(known);
          else batch.push(x);
        }
        if (batch.length) {
          for (const o of await run(batch)) {
            inherited[o.node] = Math.max(inherited[o.node], o.bound);
            visit(o);
          }
        }
      }
    }
  }
  return { optimum: best, ties, evaluated };
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
