/**
 * The attribute-disclosure measures of one sensitive attribute over the classes, and their
 * threshold lines: distinct, entropy and recursive (c,l)-diversity, t-closeness, beta-likeness
 * and delta-disclosure (definitions and sources in the files of this folder). Pure: the
 * analysis and every search node call this one function.
 */
import type { SensitiveThresholds, TDistance } from '../../config/spec.js';
import type { ClassHistograms } from '../../model/classHistograms.js';
import type { ThresholdLine } from '../../model/thresholdLine.js';
import type { SensitiveResult } from '../../contracts/measures.js';
import { line } from '../verdict/lineKinds.js';
import { distinctL } from './distinctL.js';
import { ENTROPY_L_TOLERANCE, classEntropies, entropyL, satisfiesEntropyL } from './entropyL.js';
import { recursiveCL, satisfiesRecursiveCLWith } from './recursiveCL.js';
import { hierarchicalDistanceT, tCloseness } from './tCloseness.js';
import type { CompiledValueHierarchy } from './valueHierarchy.js';
import { basicBetaLikeness, enhancedBetaLikeness } from './betaLikeness.js';
import { deltaDisclosure } from './deltaDisclosure.js';
import { dropValue, recodeValues } from './select.js';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * exp(H) of a class whose values are equally frequent is an integer l, but floating point
 * gives 2.9999999999999996; within the tolerance entropy l-diversity is decided with, the
 * figure is reported as that integer.
 */
function snapToInteger(x: number | null): number | null {
  if (x === null) return null;
  const r = Math.round(x);
  return Math.abs(x - r) <= ENTROPY_L_TOLERANCE * Math.max(1, r) ? r : x;
}

/**
 * Everything the attribute-disclosure models of one sensitive attribute need besides the
 * class histograms: the distance, the hierarchy or explicit order (as codes), the missing
 * policy and the thresholds. Plain data, so the search's workers can take it.
 */
export interface SensitiveModel {
  name: string;
  type: string;
  /** Records with the value missing (over the whole input). */
  missing: number;
  missingValues: 'ownValue' | 'exclude';
  /** Code of the missing value, or -1. */
  nullCode: number;
  measure: TDistance;
  /** Hierarchical distance: the value hierarchy over the codes, compiled once per attribute. */
  hierarchy?: CompiledValueHierarchy;
  /** Ordered distance with an explicit order: rank of each code. */
  ranks?: Int32Array;
  thresholds: SensitiveThresholds;
}

/**
 * The attribute-disclosure measures and threshold lines of one sensitive attribute over
 * the classes' histograms `h` (one histogram per class, all codes of the attribute).
 */
export function evaluateSensitive(model: SensitiveModel, classes: ClassHistograms): { result: SensitiveResult; lines: ThresholdLine[] } {
  const name = model.name;
  let h = classes;
  let excluded = 0;
  if (model.missingValues === 'exclude' && model.nullCode >= 0) {
    const dropped = dropValue(h, model.nullCode);
    h = dropped.histograms;
    excluded = dropped.removed;
  }
  const measure = model.measure;
  const m = h.valueCount;
  let t: number;
  if (h.offsets.length <= 1) t = 0;
  else if (measure === 'hierarchical') t = hierarchicalDistanceT(h, model.hierarchy!).t;
  else if (measure === 'ordered' && model.ranks) {
    h = recodeValues(h, model.ranks);
    t = tCloseness(h, { kind: 'ordered' }).t;
  } else t = tCloseness(h, { kind: measure }).t;

  const th = model.thresholds;
  const l = th.recursiveCL?.l ?? 2;
  const empty = h.offsets.length <= 1;
  // Each per-class quantity is computed once and shared by the figure and its threshold line.
  const entropies = empty ? undefined : classEntropies(h);
  const rcl = empty ? undefined : recursiveCL(h, l);
  const result: SensitiveResult = {
    type: model.type,
    values: m,
    missing: model.missing,
    missingValues: model.missingValues,
    excludedRecords: excluded,
    distinctL: empty ? 0 : distinctL(h),
    entropyL: empty ? null : snapToInteger(finite(entropyL(h, entropies))),
    recursiveCL: { l, c: empty ? 0 : finite(rcl!.cMin) },
    tCloseness: { measure, t },
    betaLikeness: { basic: empty ? 0 : basicBetaLikeness(h).beta, enhanced: empty ? 0 : finite(enhancedBetaLikeness(h).beta) },
    deltaDisclosure: empty ? 0 : deltaDisclosure(h).delta,
  };

  const lines: ThresholdLine[] = [];
  const at = { attribute: name };
  if (th.l !== undefined) lines.push(line('distinctL', result.distinctL, th.l, at));
  // exp(H) at exactly l must pass: the check is H >= ln l with a relative tolerance.
  if (th.entropyL !== undefined) lines.push(line('entropyL', result.entropyL ?? 0, th.entropyL, at, !empty && satisfiesEntropyL(h, th.entropyL, entropies)));
  if (th.recursiveCL) {
    // Every class passes for c strictly above the supremum cMin: the line reads cMin < c.
    // (l above is th.recursiveCL.l, so rcl is this line's.)
    const { c, l: rl } = th.recursiveCL;
    const cMin = empty ? recursiveCL(h, rl).cMin : rcl!.cMin;
    lines.push(line('recursiveCL', cMin, c, { ...at, l: rl }, !empty && satisfiesRecursiveCLWith(cMin, c)));
  }
  if (th.t !== undefined) lines.push(line('tCloseness', t, th.t, at));
  if (th.beta !== undefined) lines.push(line('betaLikeness', result.betaLikeness.basic, th.beta, at));
  if (th.enhancedBeta !== undefined) lines.push(line('enhancedBetaLikeness', result.betaLikeness.enhanced ?? Infinity, th.enhancedBeta, at));
  // delta-disclosure is strict (Brickell & Shmatikov 2008): |ln(p/q)| < delta.
  if (th.delta !== undefined) lines.push(line('deltaDisclosure', result.deltaDisclosure, th.delta, at));
  return { result, lines };
}
