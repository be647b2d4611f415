/**
 * Released columns that look like HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)(i)):
 * full dates, 5-digit ZIP codes, free text, names, numbers and addresses, told by the column's
 * name, its type and the share of its first values that match a pattern. Each is a review
 * warning (`release.identifierLike`, subject: the column) that keeps a passing verdict at
 * "needs review" until the spec acknowledges it with a reason.
 *
 * Which columns: every column released (all but the direct identifiers, which are removed).
 * A quasi-identifier generalized to a level above 0 is not checked (its values are replaced);
 * one released as it is is checked by type and values, not by name alone, since its risk is
 * measured; other columns are released unmeasured, so their name counts too.
 */
import type { ResultWarning } from '../contracts/analysis.js';
import type { Database } from '../data/database.js';
import { hintsFromName, identifierLabels, isDateType, valueMatchShare, type IdentifierKind } from '../data/identifierHints.js';
import { valueHints, VALUE_HINT_ROWS, type ValueHintKind } from '../data/valueHints.js';
import type { Input } from './input.js';

/** Share of values with four or more words for a column to look like free text. */
export const FREE_TEXT_SHARE = 0.5;

/**
 * Kinds whose pattern also fits categories ("North America" reads like a name): they count by
 * values only when at least this share of the values checked are distinct, as identifiers are.
 */
export const DISTINCT_SHARE = 0.5;
const needsDistinct: ReadonlySet<ValueHintKind> = new Set(['name', 'streetAddress', 'recordNumber']);

const kindLabel = (k: ValueHintKind): string => (k === 'freeText' ? 'free text' : identifierLabels[k]);

/** The review warnings of the released columns of `input` (levels: the transformation applied, if any). */
export async function releasedColumnWarnings(db: Database, input: Input, levels: Readonly<Record<string, number>> = {}): Promise<ResultWarning[]> {
  const released = input.columns.filter((c) => c.role !== 'identifying' && !(c.role === 'quasiIdentifier' && (levels[c.name] ?? 0) > 0));
  const qis = input.columns.filter((c) => c.role === 'quasiIdentifier').map((c) => c.name);
  const values = await valueHints(db, input.source, released.map((c) => c.name), qis);
  const out: ResultWarning[] = [];
  released.forEach((c, i) => {
    const v = values[i];
    const reasons = new Map<ValueHintKind, string[]>();
    const add = (k: ValueHintKind, why: string) => reasons.set(k, [...(reasons.get(k) ?? []), why]);
    if (c.role !== 'quasiIdentifier') for (const k of hintsFromName(c.name)) add(k, 'its name');
    if (isDateType(c.type)) add('fullDate', `its type ${c.type}`);
    for (const [k, share] of Object.entries(v.shares) as [ValueHintKind, number][]) {
      if (needsDistinct.has(k) && v.distinct < DISTINCT_SHARE * v.checked) continue;
      if (share >= (k === 'freeText' ? FREE_TEXT_SHARE : valueMatchShare)) add(k, `${Math.round(100 * share)}% of the ${v.checked} values checked`);
    }
    if (reasons.size === 0) return;
    const role = c.role === 'quasiIdentifier' ? 'quasi-identifier, released as it is' : c.unlisted ? 'not named in the spec, released as it is' : `${c.role}, released as it is`;
    const what = [...reasons].map(([k, why]) => `${kindLabel(k as IdentifierKind | 'freeText')} (by ${why.join(', ')})`).join('; ');
    out.push({
      rule: 'release.identifierLike',
      subject: c.name,
      review: true,
      message: `released column "${c.name}" (${role}) looks like a HIPAA identifier: ${what}. Generalize it, remove it (attributes.identifying), or acknowledge it with a reason.`,
    });
  });
  return out;
}

/** How many rows the value checks look at (for the docs and the report). */
export const releasedColumnRows = VALUE_HINT_ROWS;
