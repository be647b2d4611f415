/**
 * Reproducibility: edra's version, the spec verbatim, the command line, the run date, the
 * data file's SHA-256 (the body's SHA-256 is a slot of the report's meta, filled in after rendering).
 */
import { Figure, fig, formatDateTime } from '../figure.js';
import type { SectionContext } from './context.js';

export interface ReproducibilityModel {
  edraVersion: string;
  specFile: string;
  specText: string | null;
  commandLine: string | null;
  runDate: string;
  runDateIso: string;
  datasetSha256: string;
  /** The data is a remote table: datasetSha256 is its fingerprint digest (src/engine/input.ts:remoteTableDigest). */
  remote: boolean;
  template: string;
  /** The file anonymize wrote, when this report measures it, and the input it was made from. */
  releasedFile: { path: string; sha256: string; rows: Figure; inputPath: string; inputSha256: string; inputRows: Figure; remeasuredEqual: boolean } | null;
}

/** Builds the reproducibility section. */
export function reproducibilitySection({ result }: SectionContext, template: string): ReproducibilityModel {
  return {
    edraVersion: result.edra,
    specFile: result.spec,
    specText: result.specText ?? null,
    commandLine: result.commandLine ?? null,
    runDate: formatDateTime(result.generatedAt),
    runDateIso: result.generatedAt,
    datasetSha256: result.dataset.sha256,
    remote: result.dataset.format === 'clickhouse',
    template,
    releasedFile: result.releasedFile
      ? {
          path: result.releasedFile.path,
          sha256: result.releasedFile.sha256,
          rows: fig.count(result.releasedFile.rows),
          inputPath: result.releasedFile.input.path,
          inputSha256: result.releasedFile.input.sha256,
          inputRows: fig.count(result.releasedFile.input.rows),
          remeasuredEqual: result.releasedFile.remeasuredEqual,
        }
      : null,
  };
}
