/**
 * Record suppression after full-domain generalization, one rule for the search, `analyze
 * --levels` and `anonymize`: the records of every class smaller than the required size are
 * suppressed when they number at most the limit (floor(suppressionLimit x n)); otherwise
 * nothing is suppressed and the small classes stay (the node then fails its thresholds, as
 * its output would).
 *
 * Suppressed records are dropped from the output, or masked: kept with every QI replaced by
 * "*". Masked records form one class of their own in the output (all "*"), and the verdict
 * counts it like any other class, so the bytes written are the classes certified.
 */
import type { SuppressionMode } from './lineKinds.js';

/** The classes of the output of one node. */
export interface OutputClasses {
  /** outputOf[c]: output class of node class c (-1: dropped). Read-only: may be a shared identity. */
  readonly outputOf: Int32Array;
  /** sizes[o]: records of output class o. Read-only: may be the node's own sizes. */
  readonly sizes: Int32Array;
  /** Records suppressed (dropped or masked); 0 when the limit was exceeded. */
  readonly suppressed: number;
  /** Records in classes below the required size (suppressed or not). */
  readonly belowRequired: number;
  /** Index of the masked class in `sizes`, or -1. */
  readonly maskedClass: number;
  /** True when the records below the required size exceed the limit (nothing suppressed). */
  readonly overLimit: boolean;
}

/**
 * The output classes of node classes `sizes`.
 * @param mode 'drop' or 'mask' (with a limit of 0 nothing is ever suppressed).
 */
export function outputClasses(sizes: Int32Array, count: number, requiredSize: number, maxSuppressed: number, mode: Exclude<SuppressionMode, 'none'>): OutputClasses {
  let below = 0;
  for (let c = 0; c < count; c++) if (sizes[c] < requiredSize) below += sizes[c];
  const suppress = below > 0 && below <= maxSuppressed;
  if (!suppress) {
    // Nothing suppressed: the output classes are the node's (no copy: at a million classes two
    // fresh arrays cost more than every measure of the verdict).
    return { outputOf: identity(count), sizes: count === sizes.length ? sizes : sizes.subarray(0, count), suppressed: 0, belowRequired: below, maskedClass: -1, overLimit: below > maxSuppressed };
  }
  const outputOf = new Int32Array(count);
  let kept = 0;
  for (let c = 0; c < count; c++) outputOf[c] = sizes[c] < requiredSize ? -1 : kept++;
  const masked = mode === 'mask';
  const out = new Int32Array(kept + (masked ? 1 : 0));
  for (let c = 0; c < count; c++) if (outputOf[c] >= 0) out[outputOf[c]] = sizes[c];
  if (masked) {
    out[kept] = below;
    for (let c = 0; c < count; c++) if (outputOf[c] < 0) outputOf[c] = kept;
  }
  return { outputOf, sizes: out, suppressed: below, belowRequired: below, maskedClass: masked ? kept : -1, overLimit: false };
}

/** 0, 1, 2, ... shared by every output that suppresses nothing (grown when needed, never written after). */
let identityBuffer = new Int32Array(0);

/** The identity map of `count` classes (a view of the shared buffer). */
function identity(count: number): Int32Array {
  if (identityBuffer.length < count) {
    identityBuffer = new Int32Array(Math.max(count, 2 * identityBuffer.length));
    for (let c = 0; c < identityBuffer.length; c++) identityBuffer[c] = c;
  }
  return identityBuffer.subarray(0, count);
}
