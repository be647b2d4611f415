/**
 * Reproducibility: edra's version, the spec verbatim, the command line, the run date, the
 * data file's SHA-256 (the body's SHA-256 is a slot of the report's meta, filled in after rendering).
 */
import { formatDateTime } from '../figure.js';
import type { SectionContext } from './context.js';

export interface ReproducibilityModel {
  edraVersion: string;
  specFile: string;
  specText: string | null;
  commandLine: string | null;
  runDate: string;
  runDateIso: string;
  datasetSha256: string;
  template: string;
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
    template,
  };
}
