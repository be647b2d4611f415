/**
 * The information loss of one node's output under every metric at once, with the per-QI
 * parts of the metrics that decompose (src/search/utility.ts defines each metric): what
 * `edra analyze --levels` reports as `transformation.utility` and `edra explore` shows.
 * Pure: typed arrays in, plain JSON out.
 */
import type { UtilityMetric } from '../contracts/search.js';
import type { NodeUtilityJson } from '../contracts/measures.js';
import type { GroupCodes, NodeClasses } from '../risk/recodedClasses.js';
import { combineIyengar, iyengarPerQi, nodeUtility, suppressedEntropy, suppressedShares, utilityMetrics, utilityTables, type UtilityTables } from './utility.js';

/** The tables of every metric over one table of groups (built once, used for every node). */
export type AllUtilityTables = Readonly<Record<UtilityMetric, UtilityTables>>;

/** Builds the tables of the five metrics. */
export function allUtilityTables(data: GroupCodes, heights: ArrayLike<number>, shares: readonly (readonly Float64Array[])[], leaves: ArrayLike<number>): AllUtilityTables {
  const out = {} as Record<UtilityMetric, UtilityTables>;
  for (const metric of utilityMetrics) out[metric] = utilityTables(metric, data, heights, shares, leaves);
  return out;
}

/** What was done at the node: its classes before suppression and the records suppressed. */
export interface NodeOutput {
  levels: ArrayLike<number>;
  classes: NodeClasses;
  /** Records suppressed (dropped or masked); 0 when none were (none below the required size, or more than the limit). */
  suppressed: number;
  /** The required class size (classes below it are the suppressed ones when suppressed > 0). */
  requiredSize: number;
}

/**
 * Every metric of the node's output and the per-QI parts. The loss is that of the output as
 * written: when more records fall below the required size than the limit allows, nothing is
 * suppressed and they count as kept (the search counts them suppressed, but such a node is
 * never feasible, so the two agree on every node it can return).
 * @param names the QI names, in the order of the levels
 * @param metric the metric the search minimises
 */
export function utilityReport(tables: AllUtilityTables, data: GroupCodes, node: NodeOutput, names: readonly string[], metric: UtilityMetric): NodeUtilityJson {
  const S = node.suppressed;
  const { levels } = node;
  const { values, lossPerQi, entropyPerQi } = utilityParts(tables, data, node);
  const n = tables.loss.n;
  return {
    metric,
    values,
    suppressed: S,
    perQi: names.map((attribute, q) => {
      const h = tables.loss.heights[q];
      const share = h > 0 ? levels[q] / h : 0;
      return {
        attribute,
        level: levels[q],
        height: h,
        precision: n ? ((n - S) * share + S) / n : 0,
        loss: lossPerQi[q],
        entropy: entropyPerQi[q],
      };
    }),
  };
}

/** The five metrics of a node's output, and the per-QI parts of Iyengar's loss and the non-uniform entropy. */
export interface UtilityParts {
  values: Record<UtilityMetric, number>;
  lossPerQi: Float64Array;
  entropyPerQi: Float64Array;
}

/**
 * The metrics of a node's output, computed once for every face (analyze --levels, the search's
 * optimum, anonymize, the explorer): the same numbers to the last bit wherever they are shown.
 */
export function utilityParts(tables: AllUtilityTables, data: GroupCodes, node: NodeOutput): UtilityParts {
  const S = node.suppressed;
  const required = S > 0 ? node.requiredSize : 0;
  const { levels, classes } = node;
  const loss = tables.loss;
  const entropy = tables.entropy;
  const m = data.codes.length;
  // The suppressed classes' parts are summed exactly: the figures do not depend on the order
  // DuckDB returned the groups in, so a re-run (and the explorer) reproduce them to the bit.
  const minus = S > 0 ? suppressedShares(loss, data, levels, classes, required, true) : undefined;
  const extra = S > 0 ? suppressedEntropy(entropy, data, levels, classes, required, true) : undefined;
  const lossPerQi = iyengarPerQi(loss, (q) => loss.lossBase![q][levels[q]] - (minus ? minus[q] - S : 0));
  const entropyPerQi = Float64Array.from({ length: m }, (_, q) => entropy.entropyBase![q][levels[q]] + (extra ? extra[q] : 0));
  const values = {} as Record<UtilityMetric, number>;
  for (const metric of ['precision', 'discernibility', 'aecs'] as const) values[metric] = nodeUtility(tables[metric], data, levels, classes, required, S).utility;
  values.loss = combineIyengar(lossPerQi);
  let entropySum = 0;
  for (let q = 0; q < m; q++) entropySum += entropyPerQi[q];
  values.entropy = entropySum;
  return { values, lossPerQi, entropyPerQi };
}
