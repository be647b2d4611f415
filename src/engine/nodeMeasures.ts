/**
 * One lattice node measured in full from the prepared data held in memory (`edra explore`):
 * no re-read of the file, a roll-up of the frequency table. The node's classes and its
 * verdict come from the search's NodeEvaluator (src/search/evaluator.ts: the same recoding,
 * suppression rule and src/risk/verdict measure() that `edra search`, `analyze --levels` and
 * `anonymize` stand on), its information loss from src/search/utilityReport.ts (the function
 * `analyze --levels` reports with), its per-QI contribution from src/risk/qiContribution.ts.
 * So what the page shows for a node is what `edra analyze --levels` prints for it.
 */
import type { ClassSizes } from '../model/classSizes.js';
import type { NextStepJson, NodeMeasuresJson } from '../contracts/explore.js';
import { summarizeClasses } from '../risk/classes.js';
import { qiContributionWith } from '../risk/qiContribution.js';
import { nextLevelMaps, outputTable } from '../search/applyLevels.js';
import { NodeEvaluator, type NodeInspection } from '../search/evaluator.js';
import { Lattice } from '../search/lattice.js';
import { allUtilityTables, utilityReport, type AllUtilityTables } from '../search/utilityReport.js';
import { levelsFromNames } from './generalization.js';
import type { PreparedSearch } from './search.js';

/** The prepared data of a spec with an evaluator of its nodes (one per set of settings). */
export class NodeSession {
  readonly lattice: Lattice;
  /** QI names, in spec order. */
  readonly names: readonly string[];
  private readonly evaluator: NodeEvaluator;
  private readonly tables: AllUtilityTables;
  private last?: { node: number; inspection: NodeInspection };

  /**
   * @param tables the utility tables of an earlier session over the same data (they depend on
   *   the groups and hierarchies only, not on the settings)
   */
  constructor(
    readonly prepared: PreparedSearch,
    tables?: AllUtilityTables,
  ) {
    const { payload, hierarchies } = prepared;
    this.lattice = new Lattice(payload.heights);
    this.names = hierarchies.map((h) => h.attribute);
    this.evaluator = new NodeEvaluator(payload);
    this.tables = tables ?? allUtilityTables(payload, payload.heights, payload.shares, payload.leaves);
  }

  /** The utility tables (to hand to the next session over the same data). */
  get utilityTables(): AllUtilityTables {
    return this.tables;
  }

  /** Levels from a by-name record (QIs not named at 0), checked against the hierarchies' heights. */
  levelsOf(byName: Record<string, number>): Int32Array {
    return levelsFromNames(byName, this.prepared.hierarchies.map((h) => ({ name: h.attribute, height: h.height })), this.prepared.input.display);
  }

  /** Every measure of the node's output, its verdict and its information loss. */
  measure(levels: Int32Array): NodeMeasuresJson {
    const { payload } = this.prepared;
    const s = payload.settings;
    const node = this.lattice.index(levels);
    const ins = this.inspect(node, levels);
    const output = ins.output!;
    const v = ins.verdict;
    const n = this.evaluator.n;
    const records = v ? n - (output.maskedClass >= 0 ? 0 : output.suppressed) : 0;
    const cs: ClassSizes = { records: v ? output.sizes : new Int32Array(0), sizes: v ? output.sizes : new Int32Array(0), n: records, partition: true };
    const { k, ...classes } = summarizeClasses(cs, s.thresholds.k, v?.sizeFrequencies);
    const notes: string[] = [];
    if (output.overLimit) {
      notes.push(`${output.belowRequired} records are in classes below the required size ${s.requiredSize}, more than the ${s.maxSuppressed} the suppression limit allows: nothing is suppressed and the node fails.`);
    }
    if (!v) notes.push('every record is in a class below the required size and would be suppressed: nothing would be released.');
    return {
      levels: this.lattice.named(node, this.names),
      node,
      feasible: ins.outcome.feasible,
      verdict: v ? v.verdict : 'fail',
      records,
      inputRecords: n,
      suppressed: output.suppressed,
      suppressedAs: s.suppressed,
      belowRequired: output.belowRequired,
      overLimit: output.overLimit,
      maxSuppressed: s.maxSuppressed,
      requiredClassSize: s.requiredSize,
      classesBefore: ins.classes.count,
      classes,
      k: v ? v.k : k,
      risk: v?.risk ?? {},
      sensitive: v?.sensitive ?? {},
      ...(v?.uniqueness ? { uniqueness: v.uniqueness.uniqueness } : {}),
      ...(v?.individualRisk ? { individualRisk: v.individualRisk.json } : {}),
      thresholds: v?.lines ?? [],
      utility: utilityReport(this.tables, payload, { levels, classes: ins.classes, suppressed: output.suppressed, requiredSize: s.requiredSize }, this.names, s.metric),
      notes,
    };
  }

  /** Classes of a node before suppression (cheap when it is the last node measured). */
  classCount(levels: Int32Array): number {
    return this.inspect(this.lattice.index(levels), levels).classes.count;
  }

  /**
   * "What to generalize next": for each QI, the search's evaluation of the node with that QI
   * one level up, and the per-QI contribution over this node's output (k and sample uniques
   * with the QI dropped, or one level up), as `analyze --levels` computes it.
   */
  nextSteps(levels: Int32Array): NextStepJson[] {
    const { payload, hierarchies, table } = this.prepared;
    const node = this.lattice.index(levels);
    const ins = this.inspect(node, levels);
    const output = ins.output!;
    const contribution = qiContributionWith(outputTable(table, payload, hierarchies, levels, ins.classes, output), nextLevelMaps(hierarchies, levels, output.maskedClass >= 0));
    return this.names.map((attribute, q) => {
      const step: NextStepJson = { attribute, contribution: contribution[q] };
      if (levels[q] < payload.heights[q]) {
        const up = levels.slice();
        up[q]++;
        const o = this.evaluator.evaluate(this.lattice.index(up), up, true);
        step.up = { level: up[q], k: o.k, belowRequired: o.suppressed, feasible: o.feasible, utility: o.utility, highestRisk: o.highestRisk, metric: payload.settings.metric };
      }
      return step;
    });
  }

  /** The evaluator's full look at a node (the last one is kept: the page asks for it twice). */
  private inspect(node: number, levels: Int32Array): NodeInspection {
    if (this.last?.node === node) return this.last.inspection;
    const inspection = this.evaluator.inspect(node, levels);
    this.last = { node, inspection };
    return inspection;
  }
}
