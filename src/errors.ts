/**
 * Typed errors, one per exit code. Messages name the file, line, column and rule,
 * never a cell value; `detail` may hold reader output that can contain values and is
 * shown only with --show-values.
 */

/** Process exit codes of the CLI. */
export const ExitCode = {
  pass: 0,
  thresholdsNotMet: 1,
  usage: 2,
  data: 3,
  /** Every threshold is met, but a review warning is not acknowledged (verdict "needsReview"). */
  needsReview: 4,
  /** edra verify: the report's body does not match its digest (or its id). */
  tampered: 5,
  /** edra verify --data: the data file's SHA-256 is not the one the report states. */
  dataChanged: 6,
  /** edra verify: the re-evaluation date has passed. */
  expired: 7,
  internal: 70,
} as const;

/** The exit code of a verdict: pass 0, fail 1, needsReview 4. */
export function verdictExitCode(verdict: 'pass' | 'fail' | 'needsReview'): number {
  return verdict === 'pass' ? ExitCode.pass : verdict === 'fail' ? ExitCode.thresholdsNotMet : ExitCode.needsReview;
}

export interface ErrorLocation {
  file?: string;
  line?: number;
  /** 1-based character column in the file (spec positions). */
  col?: number;
  /** The data column concerned, by name. */
  column?: string;
  /** Path inside the spec, e.g. `thresholds.k`. */
  path?: string;
  /** Rule identifier, e.g. `csv.ragged`, `spec.unknownColumn`. */
  rule: string;
}

/** Base class of every error edra raises on purpose. */
export abstract class EdraError extends Error {
  abstract readonly exitCode: number;
  readonly location: ErrorLocation;
  /** Raw diagnostic that may contain data values: printed only with --show-values. */
  readonly detail: string | undefined;
  /** Further errors of the same kind (e.g. every issue of a spec), each one line in the same format, PHI-free. */
  readonly more: readonly string[];

  constructor(message: string, location: ErrorLocation, detail?: string, more: readonly string[] = []) {
    super(message);
    this.name = new.target.name;
    this.location = location;
    this.detail = detail;
    this.more = more;
  }
}

/** Bad command line or analysis spec: exit code 2. */
export class SpecError extends EdraError {
  readonly exitCode = ExitCode.usage;
}

/** Input data that cannot be read or analysed as asked: exit code 3. */
export class DataError extends EdraError {
  readonly exitCode = ExitCode.data;
}
