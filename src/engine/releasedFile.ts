/**
 * `edra anonymize --report`: the determination of the file anonymize wrote. Two analyses:
 *
 * 1. certified: the input at the levels anonymize applied (`analyze --levels`), which gives the
 *    transformation (the extract's verdict before it, before/after risk, what the recipient
 *    loses) and the threshold lines certified before writing;
 * 2. re-measured: the bytes written, read back as a data file with the same spec (hierarchies,
 *    levels and search dropped: its values are labels now; the population frame the input was
 *    certified in, N and pi given together), which gives every figure of the report.
 *
 * The result is the re-measured one, with the transformation of (1), the SHA-256 of both files
 * and whether the lines of (2) equal those of (1) (`releasedFile.remeasuredEqual`; a warning
 * when they do not).
 */
import path from 'node:path';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { Spec } from '../config/spec.js';
import type { AnalysisResult } from '../contracts/analysis.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import { analyze, type AnalyzeOptions } from './analyze.js';
import type { AnonymizeSummary } from './anonymize.js';

/** The spec that reads the released file `out` in the frame `population` of the certified analysis. */
export function releasedFileSpec(loaded: LoadedSpec, out: string, population: AnalysisResult['population']): LoadedSpec {
  const spec: Spec = {
    ...loaded.spec,
    dataset: { engine: 'duckdb', path: path.resolve(out) },
    attributes: { ...loaded.spec.attributes, identifying: [] },
    hierarchies: {},
    levels: undefined,
    search: undefined,
    release: undefined,
    population: population.source === 'none' ? undefined : { size: population.size, samplingFraction: population.samplingFraction },
  };
  return { ...loaded, spec };
}

/** True when two sets of lines agree: same names, verdicts, limits, and values to 1e-12 relative. */
export function sameLines(a: readonly ThresholdLine[], b: readonly ThresholdLine[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    const close = x.value === y.value || Math.abs(x.value - y.value) <= 1e-12 * Math.max(1, Math.abs(x.value), Math.abs(y.value)) || (Number.isNaN(x.value) && Number.isNaN(y.value));
    return x.name === y.name && x.pass === y.pass && x.limit === y.limit && close;
  });
}

/** The result of the released file of `summary` (anonymize wrote it: `summary.pass`). */
export async function releasedFileResult(loaded: LoadedSpec, summary: AnonymizeSummary, options: Pick<AnalyzeOptions, 'onProgress' | 'database'> = {}): Promise<AnalysisResult> {
  options.onProgress?.('measuring the input at the levels applied');
  const certified = (await analyze(loaded, { ...options, levels: summary.levels, qiContribution: true })).result;
  options.onProgress?.(`measuring ${summary.output} as written`);
  const released = (await analyze(releasedFileSpec(loaded, summary.output, certified.population), { ...options, qiContribution: true })).result;
  const equal = sameLines(certified.thresholds, released.thresholds);
  const warnings = [...released.warnings, ...(summary.search?.warnings ?? [])];
  if (!equal) {
    warnings.push({
      rule: 'release.remeasureMismatch',
      review: true,
      subject: summary.output,
      message: `the threshold lines measured on ${summary.output} as written differ from those certified on the input at the same levels: do not release it; report this to the maintainers of edra.`,
    });
  }
  return {
    ...released,
    ...(loaded.spec.name ? { name: loaded.spec.name } : {}),
    dataset: { ...released.dataset, path: summary.output },
    ...(certified.transformation ? { transformation: certified.transformation } : {}),
    warnings,
    verdict: equal ? released.verdict : released.verdict === 'fail' ? 'fail' : 'needsReview',
    ...(summary.search ? { search: summary.search } : {}),
    releasedFile: {
      path: summary.output,
      format: released.dataset.format,
      sha256: released.dataset.sha256,
      rows: released.dataset.rows,
      input: { path: certified.dataset.path, sha256: certified.dataset.sha256, rows: certified.dataset.rows, excludedRecords: certified.dataset.excludedRecords },
      removedColumns: certified.dataset.columns.filter((c) => c.role === 'identifying').map((c) => c.name),
      levels: summary.levels,
      certified: certified.thresholds,
      remeasuredEqual: equal,
    },
  };
}
