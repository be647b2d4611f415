import type { DataProfile } from '../data/profile.js';
import { identifierLabels } from '../data/identifierHints.js';

/** Human-readable profile: one line per column, hints below (counts only). */
export function formatProfile(file: string, p: DataProfile): string {
  const out = [`${file}: ${p.rows} rows, ${p.columns.length} columns`];
  const w = Math.max(6, ...p.columns.map((c) => c.name.length));
  const tw = Math.max(4, ...p.columns.map((c) => c.type.length));
  out.push(`${'column'.padEnd(w)}  ${'type'.padEnd(tw)}  ${'distinct'.padStart(9)}  ${'missing'.padStart(9)}  hints`);
  for (const c of p.columns) {
    const hints = c.hints
      .map((h) => `${identifierLabels[h.kind]} (${h.by === 'values' ? `${Math.round(100 * (h.share ?? 0))}% of values` : h.by})`)
      .join('; ');
    out.push(`${c.name.padEnd(w)}  ${c.type.padEnd(tw)}  ${String(c.distinct).padStart(9)}  ${String(c.missing).padStart(9)}  ${hints}`);
  }
  const flagged = p.columns.filter((c) => c.hints.length > 0).length;
  out.push(`${flagged} column(s) look like possible HIPAA direct identifiers; value patterns checked on ${p.patternSampleRows} rows.`);
  return out.join('\n') + '\n';
}
