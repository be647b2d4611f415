/**
 * What goes over the wire to the page, from what the engine computed: the node with its
 * class-size histogram grouped into the report's bands (src/report/bands.ts, cut at the
 * required class size), so no single class size is listed, and the search's evaluated nodes
 * as levels and figures. Counts and measures only: nothing here can hold a cell value.
 */
import type { LatticeNodeJson, NodeMeasuresJson, NodeWireJson, SizeBandJson } from '../contracts/explore.js';
import type { NodeOutcome } from '../search/evaluator.js';
import type { Lattice } from '../search/lattice.js';
import { classSizeBands } from '../report/bands.js';

/** The node as the page receives it. */
export function nodeWire(m: NodeMeasuresJson, elapsedMs: number): NodeWireJson {
  const { sizeHistogram, ...classes } = m.classes;
  const bands: SizeBandJson[] = classSizeBands(sizeHistogram, m.requiredClassSize).map((b) => ({ from: b.from, to: Number.isFinite(b.to) ? b.to : null, classes: b.classes, records: b.records }));
  return { ...m, classes: { ...classes, bands }, elapsedMs: Math.round(elapsedMs * 10) / 10 };
}

/** The search's evaluated nodes for the lattice view. */
export function latticeNodes(lattice: Lattice, evaluated: readonly NodeOutcome[]): LatticeNodeJson[] {
  return evaluated.map((o) => ({
    levels: Array.from(lattice.levels(o.node)),
    feasible: o.feasible,
    utility: o.utility,
    highestRisk: o.highestRisk,
    k: o.k,
    suppressed: o.suppressed,
    levelSum: lattice.levelSum(o.node),
  }));
}
