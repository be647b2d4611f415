/**
 * Controls and conditions: the recipient's obligations the determination depends on, and
 * the date by which it must be re-evaluated.
 */
import { Figure, addMonths, fig, formatDate } from '../figure.js';
import type { SectionContext } from './context.js';

export interface ControlsModel {
  items: string[];
  /** True when the spec lists no controls and the standard list is shown. */
  defaultList: boolean;
  validityMonths: Figure;
  /** The date validity counts from (sign-off date, else run date). */
  from: string;
  /** True when `from` is the sign-off date. */
  fromSignOff: boolean;
  reevaluationDate: string;
  recipient: string | null;
  purpose: string | null;
}

/** Builds the controls section. */
export function controlsSection({ result, settings }: SectionContext): ControlsModel {
  const r = settings.report;
  const signed = r.signOff?.date;
  const from = signed ? new Date(`${signed}T00:00:00Z`) : new Date(result.generatedAt);
  const start = Number.isNaN(from.getTime()) ? new Date(0) : from;
  return {
    items: [...r.controls],
    defaultList: !settings.controlsGiven,
    validityMonths: fig.integer(r.validityMonths),
    from: formatDate(start),
    fromSignOff: Boolean(signed),
    reevaluationDate: formatDate(addMonths(start, r.validityMonths)),
    recipient: r.recipient ?? null,
    purpose: r.purpose ?? null,
  };
}
