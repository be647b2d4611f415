import { dateLevelNames, type DateLevelName } from '../config/hierarchySpec.js';
import { SpecError } from '../errors.js';
import { SUPPRESSED, type Generalizer, type SpecPlace } from './generalizer.js';

/** A calendar date (proleptic Gregorian, as ISO 8601). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** YYYY-MM-DD, alone or as the date part of a timestamp ("2024-03-05T10:00:00Z", "2024-03-05 10:00"). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses an ISO 8601 calendar date (YYYY-MM-DD; surrounding white space allowed), or the
 * date part of a timestamp, taken as written (no time-zone conversion). Returns undefined
 * for anything else, including impossible dates (2023-02-29).
 */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The label of a date at a date level: "2024-03", "2024-Q1", "2024", "2020s". */
export function dateLabel(d: CalendarDate, level: DateLevelName): string {
  switch (level) {
    case 'month':
      return `${pad(d.year, 4)}-${pad(d.month, 2)}`;
    case 'quarter':
      return `${pad(d.year, 4)}-Q${Math.floor((d.month - 1) / 3) + 1}`;
    case 'year':
      return pad(d.year, 4);
    case 'decade':
      return `${pad(Math.floor(d.year / 10) * 10, 4)}s`;
  }
}

/**
 * Calendar date hierarchy (`{ dates: { levels } }`). Level l >= 1 labels a date by
 * levels[l-1]; the levels must be an increasing subset of month < quarter < year < decade
 * (rule hierarchy.dateLevels), which makes the hierarchy consistent (each unit lies within
 * one unit of every coarser kind). With `top`, a last level "*" is appended. Values that are
 * not ISO dates are not covered. No level but the top declares a domain.
 */
export function datesGeneralizer(levels: readonly DateLevelName[], top: boolean, place: SpecPlace): Generalizer {
  for (let i = 1; i < levels.length; i++) {
    if (dateLevelNames.indexOf(levels[i]) <= dateLevelNames.indexOf(levels[i - 1])) {
      throw new SpecError(
        `${place.file}: spec ${place.path}.dates.levels.${i}: date levels must be an increasing subset of month, quarter, year, decade [rule: hierarchy.dateLevels]`,
        { file: place.file, path: `${place.path}.dates.levels.${i}`, rule: 'hierarchy.dateLevels' },
      );
    }
  }
  const height = levels.length + (top ? 1 : 0);
  return {
    kind: 'dates',
    height,
    generalize: (value) => {
      const d = parseIsoDate(value);
      if (!d) return undefined;
      const out = levels.map((l) => dateLabel(d, l));
      if (top) out.push(SUPPRESSED);
      return out;
    },
    domain: (level) => (top && level === height ? [SUPPRESSED] : undefined),
  };
}
