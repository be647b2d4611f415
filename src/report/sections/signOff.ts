/**
 * Sign-off: the expert's name, credentials, organisation, date, the statement of
 * determination and a signature line; fields the spec does not fill are left blank to fill by hand.
 */
import type { SectionContext } from './context.js';

export interface SignOffModel {
  expertName: string | null;
  credentials: string | null;
  organisation: string | null;
  date: string | null;
  statement: string;
  /** True when the spec gives its own statement. */
  customStatement: boolean;
  passed: boolean;
  /** Every threshold is met but a review warning is open (verdict "needsReview"). */
  needsReview: boolean;
}

/** Builds the sign-off section. */
export function signOffSection({ result, settings, labels }: SectionContext): SignOffModel {
  const s = settings.report.signOff ?? {};
  return {
    expertName: s.expertName ?? null,
    credentials: s.credentials ?? null,
    organisation: s.organisation ?? null,
    date: s.date ?? null,
    statement: s.statement ?? labels.get('statement.default'),
    customStatement: s.statement !== undefined,
    passed: result.verdict === 'pass',
    needsReview: result.verdict === 'needsReview',
  };
}
