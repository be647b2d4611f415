/**
 * What the search's optimum costs a quasi-identifier, and which setting to relax to keep
 * more of it. Two warnings (informative, not review: they are about utility, not risk):
 *
 * - search.qiSuppressed: the optimum generalizes the QI to its top level and that level holds
 *   one label ("*" for every record): the release keeps nothing of it.
 * - search.qiInformationLoss: the optimum removes more than INFORMATION_LOSS_LIMIT of the QI's
 *   information (src/search/qiUtility.ts: its non-uniform entropy over its maximum).
 *
 * Which setting binds is found by evaluating the node one level lower in that QI (its
 * specialization): when it would need more records suppressed than the limit allows, the
 * suppression limit binds; otherwise the threshold lines it fails do.
 */
import type { ResultWarning } from '../contracts/analysis.js';
import type { UtilityJson } from '../contracts/utility.js';
import type { NodeEvaluator } from '../search/evaluator.js';
import type { Lattice } from '../search/lattice.js';
import type { PreparedSearch } from './search.js';

/** Share of a QI's information removed above which the search warns. */
export const INFORMATION_LOSS_LIMIT = 0.5;

const pct = (x: number) => `${Number((100 * x).toPrecision(3))}%`;

/** The warnings of the optimum `levels` with its information loss `utility`. */
export function searchWarnings(prepared: PreparedSearch, lattice: Lattice, evaluator: NodeEvaluator, levels: Int32Array, utility: UtilityJson, suppressionLimit: number): ResultWarning[] {
  const out: ResultWarning[] = [];
  const s = prepared.payload.settings;
  prepared.hierarchies.forEach((h, q) => {
    const u = utility.qis[q];
    const l = levels[q];
    const whole = l > 0 && l === h.height && h.sizes[l] === 1;
    if (!whole && !(u.informationRemoved > INFORMATION_LOSS_LIMIT)) return;
    const what = whole
      ? `the optimum generalizes ${h.attribute} to its top level (${l} of ${h.height}), one value for every record: the release keeps nothing of it`
      : `the optimum removes ${pct(u.informationRemoved)} of ${h.attribute}'s information (level ${l} of ${h.height}, ${u.distinctBefore} values become ${u.distinctAfter})`;
    out.push({ rule: whole ? 'search.qiSuppressed' : 'search.qiInformationLoss', subject: h.attribute, message: `${what}. ${relax(prepared, lattice, evaluator, levels, q, s.maxSuppressed, suppressionLimit)}` });
  });
  return out;
}

/** Which setting keeps the QI one level lower from meeting the thresholds. */
function relax(prepared: PreparedSearch, lattice: Lattice, evaluator: NodeEvaluator, levels: Int32Array, q: number, maxSuppressed: number, limit: number): string {
  const name = prepared.hierarchies[q].attribute;
  const lower = levels.slice();
  lower[q]--;
  const at = evaluator.evaluate(lattice.index(lower), lower, true);
  const failing = (at.lines ?? []).filter((l) => !l.pass).map((l) => `${l.name} ${l.comparison} ${l.limit} (there ${Number(l.value.toPrecision(4))})`);
  let how: string;
  if (at.suppressed > maxSuppressed) {
    how = `it would need ${at.suppressed} records suppressed (in classes below ${prepared.payload.settings.requiredSize}) and search.suppressionLimit (${pct(limit)}) allows ${maxSuppressed}: raise it${failing.length ? ` (with nothing suppressed it fails ${failing.join(', ')})` : ''}`;
  } else if (failing.length) {
    how = `it fails ${failing.join(', ')}: relax ${failing.length === 1 ? 'that threshold' : 'those thresholds'}`;
  } else how = 'it meets every threshold but costs more by the metric';
  return `To keep more of ${name}: at level ${lower[q]}, ${how}; or give ${name} a hierarchy with intermediate levels, or remove it from the quasi-identifiers if an attacker cannot know it.`;
}
