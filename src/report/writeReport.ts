/**
 * Writes a rendered report and its JSON twin, each atomically (a temporary file renamed into
 * place): a failure leaves no partial file. The twin goes beside the report, `.html` replaced
 * by `.json` (`report.html` -> `report.json`; another name gets `.json` appended).
 */
import { writeFileAtomic } from '../data/atomicWrite.js';
import { SpecError } from '../errors.js';
import type { RenderedReport } from './render.js';

/** The twin's path for a report path. */
export function reportTwinPath(file: string): string {
  return /\.html?$/i.test(file) ? file.replace(/\.html?$/i, '.json') : `${file}.json`;
}

/**
 * Writes the report and its twin. An unwritable target is a usage error (SpecError
 * [rule: cli.out], exit 2). Returns the twin's path.
 */
export function writeReportFiles(file: string, rendered: RenderedReport): string {
  const twin = reportTwinPath(file);
  const twinText = JSON.stringify(rendered.twin, null, 2) + '\n';
  for (const [target, text] of [
    [twin, twinText],
    [file, rendered.html],
  ] as const) {
    try {
      writeFileAtomic(target, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'write failed';
      throw new SpecError(`cannot write ${target}: ${code} [rule: cli.out]`, { file: target, rule: 'cli.out' });
    }
  }
  return twin;
}
