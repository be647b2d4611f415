/**
 * `edra report <results.json> --out <file.html> [--template <dir>]`: renders the determination
 * report from a saved result (or a report's JSON twin), without the data.
 */
import type { Command } from 'commander';
import { readResultFile } from '../report/readResult.js';
import { renderReport } from '../report/render.js';
import { loadReportTemplate } from '../report/templateDir.js';
import { writeReportFiles } from '../report/writeReport.js';
import { checkOutputPaths, reportOutputs, templateInputs } from './outputPaths.js';
import type { CliIO } from './io.js';
import { ExitCode, SpecError } from '../errors.js';

/**
 * Checks --report / --template before any work: --template needs --report, and the template
 * directory must load. (Output paths are checked by checkOutputPaths.)
 */
export function checkReportOptions(report: string | undefined, template: string | undefined): void {
  if (template !== undefined && !report) throw new SpecError('--template needs --report <file.html> [rule: cli.template]', { rule: 'cli.template' });
  if (report) loadReportTemplate(template);
}

/** Adds the `report` command to the program (it inherits the program's output and exit settings); its exit code is the result's verdict. */
export function registerReportCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('render the determination report (HTML, and its JSON twin beside it) from a saved result, without the data')
    .argument('<results>', 'the JSON of edra analyze --out, or a report twin')
    .requiredOption('--out <file.html>', 'report to write (atomically); its twin <file>.json goes beside it')
    .option('--template <dir>', 'report template directory (files it lacks come from report-templates/default)')
    .option('--force', 'let the JSON twin replace an existing file that edra did not write')
    .action((resultsPath: string, opts: { out: string; template?: string; force?: boolean }) => {
      loadReportTemplate(opts.template);
      checkOutputPaths({
        inputs: [{ file: resultsPath, what: 'the result read' }, ...templateInputs(opts.template)],
        outputs: reportOutputs(opts.out, '--out'),
        force: opts.force,
      });
      const result = readResultFile(resultsPath);
      const rendered = renderReport(result, { templateDir: opts.template });
      const twin = writeReportFiles(opts.out, rendered);
      io.stdout(`report ${rendered.reportId} written to ${opts.out} (twin ${twin})\n`);
      // The report documents the analysis: a failing result exits 1, as the analysis did.
      setExitCode(result.verdict === 'pass' ? ExitCode.pass : ExitCode.thresholdsNotMet);
    });
}
