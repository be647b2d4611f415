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
  internal: 70,
} as const;

export interface ErrorLocation {
  file?: string;
  line?: number;
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

  constructor(message: string, location: ErrorLocation, detail?: string) {
    super(message);
    this.name = new.target.name;
    this.location = location;
    this.detail = detail;
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
