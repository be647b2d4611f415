/** `edra diff` as text: what changed between two analyses (counts, measures, settings, spec lines). */
import type { DiffJson } from '../contracts/diff.js';

const num = (x: number | null) => (x === null ? '-' : Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));

/** The text of a diff. */
export function formatDiff(d: DiffJson): string {
  const out: string[] = [];
  const sideText = (s: DiffJson['before']) => `${s.name ?? s.spec} (${s.generatedAt}${s.reportId ? `, report ${s.reportId}` : ''}; verdict ${s.verdict})`;
  out.push(`before       ${sideText(d.before)}`);
  out.push(`after        ${sideText(d.after)}`);
  out.push(`differences  ${d.differences}`);
  out.push(`data         ${d.dataChanged ? `changed: sha256 ${d.before.dataSha256.slice(0, 12)} -> ${d.after.dataSha256.slice(0, 12)}` : `same (sha256 ${d.after.dataSha256.slice(0, 12)})`}`);
  if (d.before.verdict !== d.after.verdict) out.push(`verdict      ${d.before.verdict} -> ${d.after.verdict}`);
  if (d.spec.changed) {
    out.push('spec         lines changed (- before, + after):');
    for (const l of d.spec.lines) if (l.op !== '=') out.push(`  ${l.op} ${l.text}`);
  } else out.push('spec         same text');
  out.push('thresholds');
  for (const t of d.thresholds) {
    const cell = (x: typeof t.before) => (x ? `${num(x.value)} ${x.pass ? 'PASS' : 'FAIL'} (limit ${num(x.limit)})` : 'not configured');
    out.push(`  ${t.status.toUpperCase().padEnd(8)} ${t.name} ${t.comparison}: ${cell(t.before)} -> ${cell(t.after)}`);
  }
  const figures = d.figures.filter((f) => f.before !== f.after);
  if (figures.length) out.push(`figures      ${figures.map((f) => `${f.key} ${num(f.before)} -> ${num(f.after)}`).join('; ')}`);
  const levels = d.levels.filter((l) => l.before !== l.after);
  if (levels.length) out.push(`levels       ${levels.map((l) => `${l.attribute} ${l.before} -> ${l.after}`).join('; ')}`);
  const utility = d.utility.filter((f) => f.before !== f.after);
  if (utility.length) out.push(`utility      ${utility.map((f) => `${f.key} ${num(f.before)} -> ${num(f.after)}`).join('; ')}`);
  if (d.classSizes.length) out.push(`class sizes  ${d.classSizes.map((c) => `size ${c.size}: ${c.before} -> ${c.after} classes`).join('; ')}`);
  for (const w of d.warnings.added) out.push(`warning +    ${w}`);
  for (const w of d.warnings.removed) out.push(`warning -    ${w}`);
  return out.join('\n') + '\n';
}
