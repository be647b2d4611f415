/**
 * Evaluates lattice nodes: classes (rolled up from a cached specialization when there is
 * one), record suppression (src/risk/verdict/suppression.ts), utility, and the verdict of
 * the node's output (src/risk/verdict/verdict.ts), the very function `edra analyze` uses.
 * Pure: no I/O; runs in the main thread or in a worker.
 */
import type { AdversaryModel } from '../config/spec.js';
import type { ResolvedThresholds } from '../config/thresholds.js';
import type { ClassSizes } from '../model/classSizes.js';
import type { ClassHistograms } from '../model/classHistograms.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import type { UtilityMetric } from '../contracts/search.js';
import type { SensitiveModel } from '../risk/sensitive/evaluate.js';
import { mergeHistograms } from '../risk/sensitive/mergeHistograms.js';
import { ClassScratch, classesOf, type GroupCodes, type NodeClasses } from '../risk/recodedClasses.js';
import type { PopulationFrame } from '../risk/verdict/frame.js';
import { isMonotone, type SuppressionMode } from '../risk/verdict/lineKinds.js';
import { outputClasses, type OutputClasses } from '../risk/verdict/suppression.js';
import { measure, type Verdict } from '../risk/verdict/verdict.js';
import { nodeUtility, utilityTables, type UtilityTables } from './utility.js';
import { gather } from '../risk/gather.js';

/** The privacy models and settings a node must satisfy. Plain data (goes to workers). */
export interface SearchModels {
  models: AdversaryModel[];
  thresholds: ResolvedThresholds;
  /** The run's population frame (N, pi), decided before any suppression. */
  frame: PopulationFrame;
  /** Classes below this size are suppressed (k and highestRisk). */
  requiredSize: number;
  /** floor(suppressionLimit * n). */
  maxSuppressed: number;
  /** Suppressed records: dropped, or masked as one all-"*" class of the output. */
  suppressed: 'drop' | 'mask';
  /** Label of the weights for individual risk, when the spec asks for it. */
  individualRisk?: string;
  metric: UtilityMetric;
}

/** Everything a node evaluator needs. Typed arrays may live in SharedArrayBuffers. */
export interface SearchPayload extends GroupCodes {
  heights: number[];
  /** shares[q][l][group] of each hierarchy (Iyengar's loss). */
  shares: Float64Array[][];
  leaves: number[];
  /** Sum of the weight column per group. */
  weights?: Float64Array;
  /** Sensitive attributes: the model and the histogram of each group. */
  sensitive: { model: SensitiveModel; histograms: ClassHistograms }[];
  settings: SearchModels;
}

/** What the search learns from evaluating one node. */
export interface NodeOutcome {
  node: number;
  /** Classes before suppression. */
  classes: number;
  suppressed: number;
  /** Smallest class of the output (kept classes, and the masked class); 0 when every record is suppressed. */
  k: number;
  utility: number;
  /** The metric without suppression: a lower bound for every generalization of the node. */
  bound: number;
  /** Every enforced model holds. */
  feasible: boolean;
  /** A model that holds for all generalizations when it holds here failed (so it fails for every specialization). */
  monotoneFail: boolean;
  /** Highest record risk of the strongest adversary modelled (prosecutor, else journalist, else marketer expected). */
  highestRisk: number;
  /** The threshold lines (only when asked for). */
  lines?: ThresholdLine[];
}

/** One node seen in full (NodeEvaluator.inspect). */
export interface NodeInspection {
  /**
   * The search's outcome, but for the search metric's utility and bound: a node seen in full
   * reports the loss of its output under every metric (src/search/utilityReport.ts) instead,
   * and the search's figure (suppression counted even over the limit) is not computed.
   */
  outcome: Omit<NodeOutcome, 'utility' | 'bound'>;
  /** The node's classes before suppression. */
  classes: NodeClasses;
  /** classOfGroup[g]: the node class of input group g (when known). */
  classOfGroup?: Int32Array;
  /** The classes of the output (suppressed classes dropped, or masked into one); always set by inspect. */
  output?: OutputClasses;
  /** The verdict of the output, every measure; absent when nothing is released. */
  verdict?: Verdict;
}

/** What run() returns: an inspection with the whole outcome (utility and bound NaN when `full`). */
interface Evaluation extends Omit<NodeInspection, 'outcome'> {
  outcome: NodeOutcome;
}

interface CacheEntry {
  levels: Int32Array;
  classes: NodeClasses;
  classOfGroup?: Int32Array;
}

const CACHE_SIZE = 8;

/** Evaluates nodes of one search; keeps a few recent class tables for roll-up. */
export class NodeEvaluator {
  private readonly scratch: ClassScratch;
  private readonly cache: CacheEntry[] = [];
  private readonly tables: UtilityTables;
  private readonly needGroups: boolean;
  readonly n: number;

  constructor(private readonly data: SearchPayload) {
    this.scratch = new ClassScratch(data.counts.length);
    this.tables = utilityTables(data.settings.metric, data, data.heights, data.shares, data.leaves);
    this.n = this.tables.n;
    this.needGroups = data.sensitive.length > 0 || data.weights !== undefined;
  }

  /** The utility tables (for lower bounds in the strategy). */
  get utility(): UtilityTables {
    return this.tables;
  }

  /** Evaluates the node `node` with the given levels. */
  evaluate(node: number, levels: Int32Array, withLines = false): NodeOutcome {
    return this.run(node, levels, withLines, false).outcome;
  }

  /**
   * Everything about one node (`edra explore`): the search's outcome with its lines, the
   * node's classes before suppression, its output classes, and the verdict of the output with
   * every measure (as `edra analyze --levels` computes it). `verdict` is absent when every
   * record is suppressed and dropped (nothing is released).
   */
  inspect(node: number, levels: Int32Array): NodeInspection {
    return this.run(node, levels, true, true);
  }

  private run(node: number, levels: Int32Array, withLines: boolean, full: boolean): Evaluation {
    const s = this.data.settings;
    const from = this.bestCached(levels);
    // The node itself is cached (explore re-measures it, the search revisits it): no roll-up.
    const same = from !== undefined && from.levels.every((l, d) => l === levels[d]);
    const classes = same ? from.classes : classesOf(this.data, levels, this.scratch, from?.classes);
    let classOfGroup: Int32Array | undefined;
    if (same) classOfGroup = from.classOfGroup;
    else if (this.needGroups) {
      if (!from) classOfGroup = classes.classOfItem;
      else if (from.classOfGroup) {
        const prev = from.classOfGroup;
        classOfGroup = new Int32Array(prev.length);
        for (let g = 0; g < prev.length; g++) classOfGroup[g] = classes.classOfItem[prev[g]];
      }
    }
    if (!same) this.remember({ levels: levels.slice(), classes, classOfGroup });

    const required = s.requiredSize;
    let S = 0;
    let kept = 0;
    let k = Infinity;
    for (let c = 0; c < classes.count; c++) {
      const f = classes.sizes[c];
      if (f < required) S += f;
      else {
        kept++;
        if (f < k) k = f;
      }
    }
    // At a node of a million classes below the required size this is a pass per QI over them.
    const { utility, bound } = full ? { utility: Number.NaN, bound: Number.NaN } : nodeUtility(this.tables, this.data, levels, classes, required, S);
    const out: NodeOutcome = {
      node,
      classes: classes.count,
      suppressed: S,
      k: kept ? k : 0,
      utility,
      bound,
      feasible: false,
      monotoneFail: S > s.maxSuppressed,
      highestRisk: 1,
    };
    // Suppressing every record leaves nothing to release (dropped) or one all-"*" class (masked).
    const emptyOutput = kept === 0 && !out.monotoneFail && s.suppressed === 'drop';
    if (out.monotoneFail && !withLines) return { outcome: out, classes, classOfGroup };
    const output = outputClasses(classes.sizes, classes.count, s.requiredSize, s.maxSuppressed, s.suppressed);
    if (emptyOutput) return { outcome: out, classes, classOfGroup, output };
    const verdict = this.check(output, classOfGroup, full);
    out.highestRisk = verdict.risk.prosecutor?.highest ?? verdict.risk.journalist?.highest ?? verdict.risk.marketer?.expected ?? 1 / verdict.k;
    out.k = verdict.k;
    const mode: SuppressionMode = s.maxSuppressed > 0 ? s.suppressed : 'none';
    out.feasible = !out.monotoneFail && verdict.lines.every((l) => l.pass);
    out.monotoneFail = out.monotoneFail || verdict.lines.some((l) => !l.pass && isMonotone(l.kind, mode));
    if (withLines) out.lines = verdict.lines;
    return { outcome: out, classes, classOfGroup, output, verdict };
  }

  /** The verdict of the node's output classes (as `edra analyze` computes it on the output). */
  private check(output: OutputClasses, classOfGroup: Int32Array | undefined, full: boolean): Verdict {
    const s = this.data.settings;
    const sizes = output.sizes;
    const U = this.n - (output.maskedClass >= 0 ? 0 : output.suppressed);
    const cs: ClassSizes = { records: sizes, sizes, n: U, partition: true };
    const outputOfGroup = classOfGroup ? gather(output.outputOf, classOfGroup) : undefined;
    let weightSums: Float64Array | undefined;
    if (this.data.weights && outputOfGroup) {
      weightSums = new Float64Array(sizes.length);
      for (let g = 0; g < outputOfGroup.length; g++) if (outputOfGroup[g] >= 0) weightSums[outputOfGroup[g]] += this.data.weights[g];
    }
    return measure({
      classes: cs,
      frame: s.frame,
      models: s.models,
      thresholds: s.thresholds,
      ...(s.individualRisk !== undefined ? { individualRisk: { weightSums, weights: s.individualRisk } } : {}),
      sensitive: this.data.sensitive.map(({ model, histograms }) => ({ model, histograms: mergeHistograms(histograms, outputOfGroup!, sizes.length) })),
      full,
      perClass: false,
    });
  }

  /** The cached specialization of `levels` with the fewest classes. */
  private bestCached(levels: Int32Array): CacheEntry | undefined {
    let best: CacheEntry | undefined;
    for (const e of this.cache) {
      let leq = true;
      for (let d = 0; d < levels.length; d++) if (e.levels[d] > levels[d]) leq = false;
      if (leq && (!best || e.classes.count < best.classes.count)) best = e;
    }
    return best;
  }

  private remember(e: CacheEntry): void {
    this.cache.push(e);
    if (this.cache.length > CACHE_SIZE) this.cache.shift();
  }
}
