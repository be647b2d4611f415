/**
 * delta-disclosure privacy.
 *
 * Source: J. Brickell, V. Shmatikov, "The Cost of Privacy: Destruction of Data-Mining
 * Utility in Anonymized Data Publishing", KDD 2008, Definition of delta-disclosure privacy:
 * a class k is delta-disclosure private iff for every sensitive value s
 *
 *   | ln( p(k, s) / p(T, s) ) | < delta,      p(k, s) = c_ks / n_k,  p(T, s) = T_s / n.
 *
 * Read literally, a value absent from a class gives ln 0 = -Infinity and no finite delta
 * would ever hold; as in definitions.md and in ARX (DDisclosurePrivacy), only the values
 * present in the class are considered. The table-level measure is
 *
 *   delta = max over classes k and values s present in k of | ln(p(k, s) / p(T, s)) |,
 *
 * and the model holds for every delta' > delta (strict inequality). Natural log; note that
 * ARX uses log base 2, so its delta equals this one divided by ln 2.
 *
 * The ratio is computed as (c_ks * n) / (T_s * n_k), so a class mirroring the table gives 0.
 */
import { forEachShareRatio } from './classHistograms.js';
import type { ClassHistograms } from '../../model/classHistograms.js';

/** Result of {@link deltaDisclosure}. */
export interface DeltaDisclosureResult {
  /** max |ln(p(k,s)/p(T,s))| over classes and present values; >= 0, 0 when there is no class. */
  readonly delta: number;
  /** Class of the deciding pair, or -1 when there is no class. */
  readonly worstClass: number;
  /** Value code of the deciding pair, or -1. */
  readonly worstValue: number;
}

function forEachLogRatio(h: ClassHistograms, visit: (k: number, value: number, absLog: number) => boolean): void {
  forEachShareRatio(h, (k, v, ratio) => visit(k, v, Math.abs(Math.log(ratio))));
}

/** delta = max over classes and present values of |ln(p(k,s) / p(T,s))| (natural log). */
export function deltaDisclosure(h: ClassHistograms): DeltaDisclosureResult {
  let delta = 0;
  let worstClass = -1;
  let worstValue = -1;
  forEachLogRatio(h, (k, v, d) => {
    if (worstClass < 0 || d > delta) {
      delta = d;
      worstClass = k;
      worstValue = v;
    }
    return true;
  });
  return { delta, worstClass, worstValue };
}

/** Whether every class is delta-disclosure private: |ln(p(k,s)/p(T,s))| < delta (strict, as in the paper). */
export function satisfiesDeltaDisclosure(h: ClassHistograms, delta: number): boolean {
  if (Number.isNaN(delta)) throw new RangeError('delta must be a number');
  let ok = true;
  forEachLogRatio(h, (_k, _v, d) => (ok = d < delta));
  return ok;
}
