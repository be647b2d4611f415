/**
 * beta-likeness, basic and enhanced.
 *
 * Source: J. Cao, P. Karras, "Publishing Microdata with a Robust Privacy Guarantee",
 * PVLDB 5(11), 2012 (VLDB 2012), section 3. Letters as in the paper, which are the
 * reverse of the t-closeness file: P = (p_1..p_m) is the TABLE distribution of S,
 * p_i = T_i / n, and Q = (q_1..q_m) the distribution in a class, q_i = c_ki / n_k.
 * The relative distance is the relative gain of the class frequency over the table one,
 *
 *   D(p_i, q_i) = (q_i - p_i) / p_i,
 *
 * and only gains count (p_i < q_i): a value made rarer by the class discloses nothing.
 *
 * Basic beta-likeness: a class satisfies it iff max { D(p_i, q_i) : p_i < q_i } <= beta.
 * The table-level measure is therefore
 *
 *   beta_basic = max over classes k and values i with q_i > p_i of (q_i - p_i) / p_i
 *
 * (0 when no class raises any value's frequency, e.g. every class mirrors the table).
 *
 * Enhanced beta-likeness: the threshold is tightened for frequent values to
 * min(beta, -ln p_i), so that q_i <= p_i (1 - ln p_i) < 1 and a value is never certain:
 * a class satisfies it iff D(p_i, q_i) <= min(beta, -ln p_i) for every i with p_i < q_i.
 * Implemented the same way in ARX (org.deidentifier.arx.criteria.EnhancedBLikeness, which
 * cites this paper): (freq(s,c) - freq(s,t)) / freq(s,t) <= min(beta, -ln freq(s,t)).
 * The condition splits into D <= beta (basic) and D <= -ln p_i, which does not involve beta.
 * Hence the smallest beta for which enhanced beta-likeness holds is beta_basic when every
 * gain respects its cap -ln p_i, and no beta at all otherwise: reported as Infinity (the
 * JSON layer maps it to null), with the number of (class, value) pairs over the cap.
 *
 * D is computed as (c_ki * n) / (T_i * n_k) - 1: both products are exact integers (or
 * rounded identically when equal), so a class share equal to the table share gives exactly 0.
 */
import { forEachShareRatio } from './classHistograms.js';
import type { ClassHistograms } from '../../model/classHistograms.js';

/** Relative tolerance of the `satisfies…` checks: a gain exactly at the threshold passes. */
export const BETA_LIKENESS_TOLERANCE = 1e-9;

/** Result of {@link basicBetaLikeness}. */
export interface BetaLikenessResult {
  /** Smallest beta satisfied by every class (Infinity when unattainable, enhanced only). */
  readonly beta: number;
  /** Class of the deciding (class, value) pair, or -1 when no class raises any frequency. */
  readonly worstClass: number;
  /** Value code of the deciding pair, or -1. */
  readonly worstValue: number;
}

/** Result of {@link enhancedBetaLikeness}. */
export interface EnhancedBetaLikenessResult extends BetaLikenessResult {
  /**
   * Number of (class, value) pairs whose gain exceeds -ln p_i; when > 0, beta is Infinity
   * and worstClass/worstValue name the pair with the largest excess D + ln p_i.
   */
  readonly capViolations: number;
}

/** Calls visit(k, value, gain, p) for every (class, value) pair whose class share exceeds the table share. */
function forEachGain(h: ClassHistograms, visit: (k: number, value: number, gain: number, p: number) => boolean): void {
  forEachShareRatio(h, (k, v, ratio, p) => ratio <= 1 || visit(k, v, ratio - 1, p)); // ratio = q_i / p_i
}

function checkBeta(beta: number): void {
  if (!(beta >= 0)) throw new RangeError(`beta must be a number >= 0, got ${beta}`);
}

/**
 * Basic beta-likeness: max over classes and values with q_i > p_i of (q_i - p_i) / p_i,
 * p = table share, q = class share. 0 when no class raises a frequency.
 */
export function basicBetaLikeness(h: ClassHistograms): BetaLikenessResult {
  let beta = 0;
  let worstClass = -1;
  let worstValue = -1;
  forEachGain(h, (k, v, gain) => {
    if (gain > beta) {
      beta = gain;
      worstClass = k;
      worstValue = v;
    }
    return true;
  });
  return { beta, worstClass, worstValue };
}

/**
 * Enhanced beta-likeness: the smallest beta such that every gain D(p_i, q_i) is at most
 * min(beta, -ln p_i). Equals the basic beta when no gain exceeds its cap -ln p_i, and is
 * Infinity otherwise (no beta can satisfy the model).
 */
export function enhancedBetaLikeness(h: ClassHistograms): EnhancedBetaLikenessResult {
  let beta = 0;
  let worstClass = -1;
  let worstValue = -1;
  let capViolations = 0;
  let worstExcess = 0;
  forEachGain(h, (k, v, gain, p) => {
    const excess = gain + Math.log(p); // D - (-ln p)
    if (excess > 0) {
      capViolations++;
      if (excess > worstExcess) {
        worstExcess = excess;
        worstClass = k;
        worstValue = v;
      }
    } else if (capViolations === 0 && gain > beta) {
      beta = gain;
      worstClass = k;
      worstValue = v;
    }
    return true;
  });
  return { beta: capViolations > 0 ? Infinity : beta, worstClass, worstValue, capViolations };
}

/** Whether every class satisfies basic beta-likeness: each gain <= beta (relative tolerance 1e-9). */
export function satisfiesBasicBetaLikeness(h: ClassHistograms, beta: number): boolean {
  checkBeta(beta);
  const bound = beta * (1 + BETA_LIKENESS_TOLERANCE);
  let ok = true;
  forEachGain(h, (_k, _v, gain) => (ok = gain <= bound));
  return ok;
}

/**
 * Whether every class satisfies enhanced beta-likeness: each gain <= min(beta, -ln p_i)
 * (relative tolerance 1e-9).
 */
export function satisfiesEnhancedBetaLikeness(h: ClassHistograms, beta: number): boolean {
  checkBeta(beta);
  let ok = true;
  forEachGain(h, (_k, _v, gain, p) => (ok = gain <= Math.min(beta, -Math.log(p)) * (1 + BETA_LIKENESS_TOLERANCE)));
  return ok;
}
