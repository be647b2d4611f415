/**
 * One verdict, computed in one place. Given the classes of the data as released (records
 * and class sizes kept apart, so the wildcard policy's overlapping classes are measured per
 * record), the population frame, the adversary models and the thresholds, it returns every
 * measure and every threshold line. `edra analyze` (with or without --levels), each node of
 * the search, `anonymize` and the report all stand on this function, so they cannot disagree.
 *
 * Pure: typed arrays in, plain objects out.
 */
import type { AdversaryModel } from '../../config/spec.js';
import type { ResolvedThresholds } from '../../config/thresholds.js';
import type { ClassSizes, RiskGroups } from '../../model/classSizes.js';
import type { ClassHistograms } from '../../model/classHistograms.js';
import type { ThresholdLine } from '../../model/thresholdLine.js';
import type { AdversaryRisks, IndividualRiskJson, PopulationUniquenessJson, SensitiveResult } from '../../contracts/measures.js';
import { prosecutorLines, prosecutorRisk } from '../adversary/prosecutor.js';
import { journalistLines, journalistRisk } from '../adversary/journalist.js';
import { marketerLines, marketerRisk } from '../adversary/marketer.js';
import { frequencyOfFrequencies, type FrequencyOfFrequencies } from '../population/frequencyOfFrequencies.js';
import { individualRiskOf, populationUniqueness, populationUniquenessOf } from '../population/summary.js';
import { evaluateSensitive, type SensitiveModel } from '../sensitive/evaluate.js';
import { classPopulationSizes, knowsPopulation, type PopulationFrame } from './frame.js';
import { line, verdictOf } from './lineKinds.js';

/** What the verdict is asked about one set of classes. */
export interface VerdictInput {
  /** The classes as released: records per entry and the class size each record sees. */
  classes: ClassSizes;
  frame: PopulationFrame;
  models: readonly AdversaryModel[];
  thresholds: ResolvedThresholds;
  /** Per class: the population table's count (-1: absent), when the frame has a table. */
  populationCounts?: ArrayLike<number>;
  /** Individual risk, when the spec asks for it: F_k per class (weight sums), or undefined for 1/pi per record. */
  individualRisk?: { weightSums?: Float64Array; weights: string };
  /** Class sizes for the population-uniqueness estimators (default: the classes' sizes). */
  uniquenessSizes?: Int32Array;
  /** Sensitive attributes: the model and the per-class histograms (same class order). */
  sensitive?: readonly { model: SensitiveModel; histograms: ClassHistograms }[];
  /** The highest DIS-SUDA score, when SUDA2 ran. */
  maxDisScore?: number;
  /** false: compute only what a threshold asks for (the search); default true (every measure). */
  full?: boolean;
  /**
   * false: nothing per class is needed of the verdict (the search, the explorer): over a
   * partition, with F_k = f_k / pi and no individual risk, the record-risk measures and the
   * estimators are then computed from the frequency of class sizes (same figures, to the
   * bit: every sum is correctly rounded) and populationSizes is absent. Default true.
   */
  perClass?: boolean;
}

export interface Verdict {
  /** k: the smallest class (0 when there is none). */
  k: number;
  risk: AdversaryRisks;
  /** F_k per class (absent when the input said perClass: false and the sizes' frequencies were used). */
  populationSizes?: Float64Array;
  /** The frequency of class sizes, when the measures were computed from it. */
  sizeFrequencies?: FrequencyOfFrequencies;
  /** Classes contradicting the population table (F set to f). */
  inconsistentClasses: number;
  individualRisk?: { json: IndividualRiskJson; risks: Float64Array };
  uniqueness?: { uniqueness: PopulationUniquenessJson; notes: string[] };
  sensitive: Record<string, SensitiveResult>;
  lines: ThresholdLine[];
  verdict: 'pass' | 'fail';
}

/** Every measure and threshold line of a set of classes. */
export function measure(input: VerdictInput & { perClass?: true }): Verdict & { populationSizes: Float64Array };
export function measure(input: VerdictInput): Verdict;
export function measure(input: VerdictInput): Verdict {
  const { classes: cs, frame, models, thresholds: t } = input;
  const full = input.full ?? true;
  const levels = t.riskLevels;
  const fof = bySizes(input) ? frequencyOfFrequencies(cs.sizes) : undefined;
  // The measures below see groups of classes: one per class, or one per distinct class size.
  const groups: RiskGroups = fof ? { records: fof.sizes, sizes: fof.sizes, n: cs.n, classes: fof.classCounts } : cs;
  let k = Infinity;
  for (let c = 0; c < groups.sizes.length; c++) if (groups.sizes[c] < k) k = groups.sizes[c];
  if (groups.sizes.length === 0) k = 0;
  const { sizes: F, inconsistent } = classPopulationSizes(frame, groups, input.populationCounts);
  const N = frame.size;

  const lines: ThresholdLine[] = [];
  if (t.k !== undefined) lines.push(line('k', k, t.k));
  const risk: AdversaryRisks = {};
  if (models.includes('prosecutor')) {
    risk.prosecutor = prosecutorRisk(groups, levels);
    lines.push(...prosecutorLines(risk.prosecutor, t));
  }
  if (models.includes('journalist')) {
    risk.journalist = journalistRisk(groups, F, N, levels);
    lines.push(...journalistLines(risk.journalist, t));
  }
  if (models.includes('marketer')) {
    risk.marketer = marketerRisk(groups, F);
    lines.push(...marketerLines(risk.marketer, t));
  }

  const sensitive: Record<string, SensitiveResult> = {};
  for (const s of input.sensitive ?? []) {
    const out = evaluateSensitive(s.model, s.histograms);
    sensitive[s.model.name] = out.result;
    lines.push(...out.lines);
  }

  const out: Verdict = { k, risk, ...(fof ? { sizeFrequencies: fof } : { populationSizes: F }), inconsistentClasses: inconsistent, sensitive, lines, verdict: 'pass' };
  if (knowsPopulation(frame) && (full || t.populationUniqueness !== undefined)) {
    out.uniqueness = fof ? populationUniquenessOf(fof, N) : populationUniqueness(input.uniquenessSizes ?? cs.sizes, N);
    if (t.populationUniqueness !== undefined) {
      const f = out.uniqueness.uniqueness.dankar.fraction;
      // An undefined estimate cannot show the population is safe: the line fails.
      lines.push(line('populationUniqueness', f ?? Number.NaN, t.populationUniqueness, {}, f === null ? false : undefined));
    }
  }
  if (input.individualRisk && (full || t.individualRisk !== undefined || t.globalRisk !== undefined)) {
    const ir = individualRiskOf(cs, input.individualRisk.weightSums ?? F, levels, input.individualRisk.weights);
    out.individualRisk = ir;
    if (t.individualRisk !== undefined) lines.push(line('individualRiskMax', ir.json.max, t.individualRisk));
    if (t.globalRisk !== undefined) lines.push(line('globalRisk', ir.json.global, t.globalRisk));
  }
  if (input.maxDisScore !== undefined && t.disSuda !== undefined) lines.push(line('disSuda', input.maxDisScore, t.disSuda));
  out.verdict = verdictOf(lines);
  return out;
}

/**
 * Whether the measures can be computed from the frequency of class sizes: nothing per class is
 * asked for, the classes partition the records (each class's records see its own size), F_k
 * depends on f_k alone (no population table) and no individual risk (its F_k are per class).
 */
function bySizes(input: VerdictInput): boolean {
  return input.perClass === false && input.classes.partition && input.populationCounts === undefined && input.individualRisk === undefined && input.uniquenessSizes === undefined && input.frame.source !== 'populationTable';
}
