/**
 * Acknowledgements and the final verdict. A review warning (src/risk/verdict/warnings.ts,
 * src/engine/releasedColumns.ts) the expert has looked at is acknowledged in the spec with a
 * reason, which the report prints beside it; an acknowledgement matches the warnings of its
 * rule, and of its subject when it names one. The verdict is then:
 *
 *   fail         some threshold line fails (exit 1), whatever the warnings;
 *   needsReview  every line passes, but a review warning is not acknowledged (exit 4);
 *   pass         every line passes and every review warning is acknowledged (exit 0).
 */
import type { AcknowledgementJson, ResultWarning, VerdictJson } from '../../contracts/analysis.js';

/** An acknowledgement as the spec gives it. */
export interface AcknowledgementInput {
  rule: string;
  subject?: string;
  reason: string;
}

/**
 * Marks the warnings the acknowledgements match (their `acknowledged` reason set) and returns
 * the acknowledgements with their match counts; one that matches nothing adds an informative
 * `acknowledgement.unmatched` warning (the data or the spec changed since it was written).
 */
export function applyAcknowledgements(warnings: ResultWarning[], acks: readonly AcknowledgementInput[]): { warnings: ResultWarning[]; acknowledgements: AcknowledgementJson[] } {
  const out = warnings.map((w) => ({ ...w }));
  const json: AcknowledgementJson[] = [];
  for (const a of acks) {
    let matched = 0;
    for (const w of out) {
      if (!w.review || w.rule !== a.rule) continue;
      if (a.subject !== undefined && w.subject !== a.subject) continue;
      w.acknowledged ??= a.reason;
      matched++;
    }
    json.push({ rule: a.rule, ...(a.subject !== undefined ? { subject: a.subject } : {}), reason: a.reason, matched });
  }
  for (const a of json) {
    if (a.matched === 0) {
      out.push({
        rule: 'acknowledgement.unmatched',
        subject: a.subject ?? a.rule,
        message: `the acknowledgement of ${a.rule}${a.subject ? ` for ${a.subject}` : ''} matches no warning of this run: remove it, or check what changed.`,
      });
    }
  }
  return { warnings: out, acknowledgements: json };
}

/** Review warnings not acknowledged. */
export function openReviews(warnings: readonly ResultWarning[]): ResultWarning[] {
  return warnings.filter((w) => w.review && w.acknowledged === undefined);
}

/** The verdict from the threshold lines' verdict and the warnings (see the file comment). */
export function finalVerdict(thresholds: 'pass' | 'fail', warnings: readonly ResultWarning[]): VerdictJson {
  if (thresholds === 'fail') return 'fail';
  return openReviews(warnings).length > 0 ? 'needsReview' : 'pass';
}
