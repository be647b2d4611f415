/**
 * Evaluates lattice nodes: classes (rolled up from a cached specialization when there is
 * one), record suppression, utility, and every privacy model the search enforces, with the
 * same definitions as `edra analyze` (src/risk/riskLines.ts, src/risk/sensitive/evaluate.ts).
 * Pure: no I/O; runs in the main thread or in a worker.
 */
import type { AdversaryModel } from '../config/spec.js';
import type { ResolvedThresholds } from '../config/thresholds.js';
import type { UtilityMetric } from '../contracts/search.js';
import { evaluateSensitive, type SensitiveModel } from '../risk/sensitive/evaluate.js';
import { individualRiskOf, populationUniqueness } from '../risk/population/summary.js';
import type { ClassSizes } from '../model/classSizes.js';
import type { ClassHistograms } from '../model/classHistograms.js';
import { adversaryRiskLines } from '../risk/riskLines.js';
import { thresholdLine } from '../risk/thresholds.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import { ClassScratch, classesOf, type GroupCodes, type NodeClasses } from '../risk/recodedClasses.js';
import { mergeHistograms } from '../risk/sensitive/mergeHistograms.js';
import { nodeUtility, utilityTables, type UtilityTables } from './utility.js';

/** The privacy models and settings a node must satisfy. Plain data (goes to workers). */
export interface SearchModels {
  models: AdversaryModel[];
  thresholds: ResolvedThresholds;
  /** pi: F_k = f_k / pi for every kept class (1: the data is the population). */
  samplingFraction: number;
  /** N when the spec gives it; otherwise N = U / pi per node. */
  populationSize?: number;
  /** Whether a population is known (journalist/marketer differ from prosecutor, estimators apply). */
  populationKnown: boolean;
  /** Classes below this size are suppressed (k and highestRisk). */
  requiredSize: number;
  /** floor(suppressionLimit * n). */
  maxSuppressed: number;
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
  /** Smallest kept class (the k of the output); 0 when every record is suppressed. */
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

interface CacheEntry {
  levels: Int32Array;
  classes: NodeClasses;
  classOfGroup?: Int32Array;
}

const CACHE_SIZE = 8;

/**
 * Whether a model keeps holding when a node is generalized (so failing means every
 * specialization fails too). Class-size models (k, highest risk) are monotone with and
 * without suppression; average risks and the l-diversity and t-closeness models
 * (Machanavajjhala et al. 2007; Li et al. 2007) only without suppression; beta-likeness,
 * delta-disclosure, individual risk and population uniqueness are treated as not monotone.
 */
export function isMonotoneLine(name: string, withSuppression: boolean): boolean {
  if (name === 'k' || name.endsWith('.highestRisk')) return true;
  if (withSuppression) return false;
  if (name.endsWith('.averageRisk') || name === 'marketer.expected') return true;
  return /^sensitive\..+\.(distinctL|entropyL|t)$/.test(name) || /^sensitive\..+\.recursiveCL\(/.test(name);
}

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
    const s = this.data.settings;
    const from = this.bestCached(levels);
    const classes = classesOf(this.data, levels, this.scratch, from?.classes);
    let classOfGroup: Int32Array | undefined;
    if (this.needGroups) {
      if (!from) classOfGroup = classes.classOfItem;
      else {
        const prev = from.classOfGroup!;
        classOfGroup = new Int32Array(prev.length);
        for (let g = 0; g < prev.length; g++) classOfGroup[g] = classes.classOfItem[prev[g]];
      }
    }
    this.remember({ levels: levels.slice(), classes, classOfGroup });

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
    const { utility, bound } = nodeUtility(this.tables, this.data, levels, classes, required, S);
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
    if (out.monotoneFail || kept === 0) return out;
    const { lines, highestRisk } = this.check(classes, classOfGroup, S, kept, out.k);
    out.highestRisk = highestRisk;
    const withSuppression = s.maxSuppressed > 0;
    out.feasible = lines.every((l) => l.pass);
    out.monotoneFail = lines.some((l) => !l.pass && isMonotoneLine(l.name, withSuppression));
    if (withLines) out.lines = lines;
    return out;
  }

  /** The threshold lines of the node's kept classes (as `edra analyze` would compute them on the output). */
  private check(classes: NodeClasses, classOfGroup: Int32Array | undefined, S: number, keptCount: number, k: number): { lines: ThresholdLine[]; highestRisk: number } {
    const s = this.data.settings;
    const required = s.requiredSize;
    const keptSizes = new Int32Array(keptCount);
    const keptIndex = new Int32Array(classes.count);
    let j = 0;
    for (let c = 0; c < classes.count; c++) {
      if (classes.sizes[c] >= required) {
        keptIndex[c] = j;
        keptSizes[j++] = classes.sizes[c];
      } else keptIndex[c] = -1;
    }
    const U = this.n - S;
    const cs: ClassSizes = { records: keptSizes, sizes: keptSizes, n: U, partition: true };
    const pi = s.samplingFraction;
    const F = new Float64Array(keptCount);
    for (let c = 0; c < keptCount; c++) F[c] = keptSizes[c] / pi;
    const N = s.populationSize ?? U / pi;
    const { risk, lines } = adversaryRiskLines(cs, F, N, k, s.models, s.thresholds);
    const t = s.thresholds;
    if (s.individualRisk !== undefined) {
      let weightSums = F;
      if (this.data.weights && classOfGroup) {
        weightSums = new Float64Array(keptCount);
        for (let g = 0; g < classOfGroup.length; g++) {
          const c = keptIndex[classOfGroup[g]];
          if (c >= 0) weightSums[c] += this.data.weights[g];
        }
      }
      const ir = individualRiskOf(keptSizes, weightSums, t.riskLevels, s.individualRisk).json;
      if (t.individualRisk !== undefined) lines.push(thresholdLine('individualRisk.max', ir.max, '<=', t.individualRisk));
      if (t.globalRisk !== undefined) lines.push(thresholdLine('individualRisk.global', ir.global, '<=', t.globalRisk));
    }
    if (t.populationUniqueness !== undefined && s.populationKnown) {
      const f = populationUniqueness(keptSizes, N).uniqueness.dankar.fraction;
      const line = thresholdLine('population.uniqueness', f ?? Number.NaN, '<=', t.populationUniqueness);
      if (f === null) line.pass = false;
      lines.push(line);
    }
    if (this.data.sensitive.length > 0) {
      const keptOfGroup = Int32Array.from(classOfGroup!, (c) => keptIndex[c]);
      for (const { model, histograms } of this.data.sensitive) {
        lines.push(...evaluateSensitive(model, mergeHistograms(histograms, keptOfGroup, keptCount)).lines);
      }
    }
    const highestRisk = risk.prosecutor?.highest ?? risk.journalist?.highest ?? risk.marketer?.expected ?? 1 / k;
    return { lines, highestRisk };
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
