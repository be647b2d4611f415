import type { SearchJson } from '../contracts/search.js';
import type { AnonymizeSummary } from '../engine/anonymize.js';
import { utilityLines } from './utilitySummary.js';

const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(5))));
const levelsText = (l: Record<string, number>) =>
  Object.entries(l)
    .map(([q, v]) => `${q}=${v}`)
    .join(',');

/** The human-readable summary of `edra search` (levels, counts and measures only). */
export function formatSearch(s: SearchJson): string {
  const out: string[] = [];
  out.push(`lattice      ${s.lattice.nodes} nodes (${levelsText(s.lattice.heights)} heights); ${s.lattice.checked} checked (${((100 * s.lattice.checked) / s.lattice.nodes).toFixed(1)}%) on ${s.threads} thread${s.threads > 1 ? 's' : ''} in ${s.elapsedMs} ms`);
  out.push(`models       ${s.models.join('; ') || 'none'}`);
  out.push(`metric       ${s.metric}; suppression limit ${num(100 * s.suppressionLimit)}% of records`);
  if (s.optimum) {
    const o = s.optimum;
    out.push(`optimum      --levels ${levelsText(o.levels)}`);
    out.push(`             ${o.metric} ${num(o.utility)}; k ${o.k}; ${o.classes} classes before suppression; ${o.suppressed} records suppressed; ${o.releasedClasses} classes and ${o.releasedRecords} records released${o.tiedWith ? `; tied with ${o.tiedWith} other node(s) (lowest level sum kept)` : ''}`);
  } else out.push('optimum      none: no generalization meets every threshold (allow more suppression, add hierarchy levels, or relax the thresholds)');
  if (s.front.length > 1) {
    out.push('front        (highest risk, loss) of the checked nodes no other beats on both:');
    for (const f of s.front) out.push(`             risk ${num(f.highestRisk)}  ${s.metric} ${num(f.utility)}  --levels ${levelsText(f.levels)}`);
  }
  if (s.optimum?.utilityDetail) out.push(...utilityLines(s.optimum.utilityDetail));
  for (const w of s.warnings ?? []) out.push(`warning      ${w.message}`);
  for (const n of s.notes) out.push(`note         ${n}`);
  return out.join('\n') + '\n';
}

/** The human-readable summary of `edra anonymize`. */
export function formatAnonymize(a: AnonymizeSummary): string {
  const out: string[] = [];
  if (a.search) out.push(formatSearch(a.search).trimEnd());
  if (!a.pass) {
    out.push(a.search && !a.search.optimum ? 'nothing written: no generalization meets every threshold' : `nothing written: levels ${levelsText(a.levels)} do not meet every threshold:`);
    for (const l of a.thresholds.filter((x) => !x.pass)) out.push(`  FAIL ${l.name} = ${num(l.value)} (must be ${l.comparison} ${l.limit})`);
    return out.join('\n') + '\n';
  }
  out.push(`wrote        ${a.output}: ${a.rows} records at --levels ${levelsText(a.levels)}`);
  out.push(`suppressed   ${a.suppressed} records (${a.suppressedAs === 'drop' ? 'dropped' : 'quasi-identifiers set to "*"'})${a.excluded ? `; ${a.excluded} records with a missing quasi-identifier left out` : ''}`);
  return out.join('\n') + '\n';
}
