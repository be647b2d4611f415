/**
 * Checks a determination report as kept (`edra verify`): its integrity, the data it is about,
 * and its validity date. Pure over the texts; the command reads the files and hashes the data.
 *
 * - integrity: the SHA-256 of the body (src/report/render.ts:bodyDigest) must equal the digest
 *   the report shows (its body slot and its head meta), and the report id shown must derive
 *   from it (reportIdOf); a twin beside it must carry the same digest and id. Any edit of the
 *   body, one byte included, breaks the first check. (A digest is not a signature: someone who
 *   edits the body and recomputes the digest can make it consistent; compare the id with the one
 *   recorded where the determination was signed.)
 * - data: the report states the SHA-256 of its data file, and for a released file also the
 *   input's (`data-edra-fact` elements inside the body, so the digest covers them).
 * - validity: the re-evaluation date the report states, against a day.
 */
import { bodyDigest, reportIdOf } from './render.js';

/** A fact the report states inside its body: `<x data-edra-fact="name">value</x>`. */
export function reportFacts(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/data-edra-fact="([\w-]+)"[^>]*>([^<]*)</g)) out[m[1]] ??= m[2].trim();
  return out;
}

function slot(html: string, name: string): string | null {
  const m = new RegExp(`data-edra-slot="${name}"[^>]*>([^<]*)<`).exec(html);
  return m ? m[1] : null;
}

function meta(html: string, name: string): string | null {
  const m = new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html);
  return m ? m[1] : null;
}

export interface IntegrityCheck {
  intact: boolean;
  /** The body's SHA-256 recomputed (null: no body markers). */
  digest: string | null;
  /** The digest and the id the report shows. */
  shownDigest: string | null;
  shownId: string | null;
  /** What does not match, in words (empty when intact). */
  problems: string[];
}

/** The integrity of a report's HTML, and of its twin's text when there is one. */
export function checkIntegrity(html: string, twinText?: string): IntegrityCheck {
  const digest = bodyDigest(html);
  const shownDigest = slot(html, 'body-sha256');
  const shownId = slot(html, 'report-id');
  const problems: string[] = [];
  if (digest === null) problems.push('the body markers <!--edra:body--> and <!--/edra:body--> are missing');
  else {
    if (shownDigest !== digest) problems.push(`the body's SHA-256 is ${digest}, the report shows ${shownDigest ?? 'none'}: the body was changed`);
    if (shownId !== reportIdOf(digest)) problems.push(`the report id shown (${shownId ?? 'none'}) is not ${reportIdOf(digest)}, the id of its body`);
    const headDigest = meta(html, 'edra-body-sha256');
    const headId = meta(html, 'edra-report-id');
    if (headDigest !== null && headDigest !== digest) problems.push(`the head states body SHA-256 ${headDigest}`);
    if (headId !== null && headId !== reportIdOf(digest)) problems.push(`the head states report id ${headId}`);
  }
  if (twinText !== undefined && digest !== null) {
    let twin: { bodySha256?: unknown; reportId?: unknown } | null = null;
    try {
      twin = JSON.parse(twinText) as { bodySha256?: unknown; reportId?: unknown };
    } catch {
      problems.push('the JSON twin beside the report is not valid JSON');
    }
    if (twin && (twin.bodySha256 !== digest || twin.reportId !== reportIdOf(digest))) problems.push('the JSON twin beside the report carries another digest or id');
  }
  return { intact: problems.length === 0, digest, shownDigest, shownId, problems };
}

/** Whether `day` (YYYY-MM-DD) is past the re-evaluation date `until` (YYYY-MM-DD). */
export function isExpired(until: string, day: string): boolean {
  return day > until;
}
