import { type Command, InvalidArgumentError } from 'commander';
import { loadSpec, type LoadedSpec } from '../config/loadSpec.js';
import { search } from '../engine/search.js';
import { anonymize } from '../engine/anonymize.js';
import { ExitCode, verdictExitCode } from '../errors.js';
import { releasedFileResult } from '../engine/releasedFile.js';
import { previousDetermination } from './diffCommand.js';
import { analyze } from '../engine/analyze.js';
import { renderReport } from '../report/render.js';
import { writeReportFiles } from '../report/writeReport.js';
import { checkReportOptions } from './reportCommand.js';
import { createProgress } from './progress.js';
import { formatAnonymize, formatSearch } from './searchSummary.js';
import { addDatabaseOptions, databaseOptions, type DatabaseFlags } from './databaseOptions.js';
import { checkOutputPaths, named, reportOutputs, specInputs, templateInputs } from './outputPaths.js';

/** What a command module needs from the program. */
export interface CommandContext {
  stdout: (text: string) => void;
  /** Records the exit code of the command that ran. */
  setExitCode: (code: number) => void;
  /** --show-values of the command that ran. */
  setShowValues: (show: boolean | undefined) => void;
  /** The spec the command loaded (errors are placed at its lines). */
  setSpec: (loaded: LoadedSpec) => void;
  /** Writes a file atomically (a usage error when it cannot). */
  writeOutput: (file: string, text: string) => void;
  /** The command line as typed (recorded in reports). */
  commandLine: string;
}

/** Parses `--levels age=2,zip=3` into { age: 2, zip: 3 }. */
export function parseLevels(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',')) {
    const m = /^\s*(.+?)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new InvalidArgumentError('expected name=level pairs separated by commas, e.g. age=2,zip=3.');
    out[m[1]] = Number(m[2]);
  }
  return out;
}

function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number of threads from 1 to 64.');
  return n;
}

/** `edra search` and `edra anonymize`. */
export function registerSearchCommands(program: Command, ctx: CommandContext): void {
  addDatabaseOptions(program.command('search'))
    .description('search the generalization lattice for the transformation that meets the thresholds with the least information loss')
    .argument('<spec>', 'analysis spec with hierarchies (and search settings)')
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--out <file>', 'also write the JSON result to a file (atomically)')
    .option('--threads <n>', 'worker threads (default: one per core)', threadCount)
    .option('--report <file.html>', 'also write the determination report of the data at the optimum (with the search section) and its JSON twin')
    .option('--template <dir>', 'report template directory (files it lacks come from report-templates/default)')
    .option('--force', "let the report's JSON twin replace an existing file that edra did not write")
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details (off by default: data is PHI)')
    .action(async (specPath: string, opts: DatabaseFlags & { json?: boolean; out?: string; threads?: number; report?: string; template?: string; force?: boolean; quiet?: boolean; showValues?: boolean }) => {
      ctx.setShowValues(opts.showValues);
      const loaded = loadSpec(specPath);
      ctx.setSpec(loaded);
      checkReportOptions(opts.report, opts.template);
      checkOutputPaths({
        inputs: [...specInputs(loaded, specPath), ...(opts.report ? templateInputs(opts.template) : [])],
        outputs: [...reportOutputs(opts.report), ...named(opts.out, '--out')],
        force: opts.force,
      });
      const database = databaseOptions(opts);
      const progress = createProgress(Boolean(opts.quiet));
      const result = await search(loaded, {
        threads: opts.threads,
        database,
        onProgress: (s) => progress.stage(s),
        onNodes: (checked, total) => progress.stage(`searching: ${checked} nodes checked of ${total}`),
      });
      // With a report, the exit code is the verdict of the data at the optimum (0, 1 or 4 when a review warning is open).
      let verdictCode: number | undefined;
      if (opts.report) {
        // The report documents the data as it would be released: measured at the optimum.
        progress.stage('measuring the optimum for the report');
        const { result: analysis } = await analyze(loaded, { qiContribution: true, useSpecLevels: false, database, ...(result.optimum ? { levels: result.optimum.levels } : {}) });
        analysis.warnings.push(...(result.warnings ?? []));
        analysis.spec = specPath;
        analysis.specText = loaded.text;
        analysis.commandLine = ctx.commandLine;
        analysis.search = result;
        writeReportFiles(opts.report, renderReport(analysis, { templateDir: opts.template }));
        if (result.optimum) verdictCode = verdictExitCode(analysis.verdict);
      }
      progress.done();
      const json = JSON.stringify(result, null, 2) + '\n';
      if (opts.out) ctx.writeOutput(opts.out, json);
      ctx.stdout(opts.json ? json : formatSearch(result));
      ctx.setExitCode(verdictCode ?? (result.optimum ? ExitCode.pass : ExitCode.thresholdsNotMet));
    });

  addDatabaseOptions(program.command('anonymize'))
    .description('apply the search optimum (or --levels) to the data and write the transformed table')
    .argument('<spec>', 'analysis spec with hierarchies (and search settings)')
    .requiredOption('--out <file>', 'the transformed table (.csv, .tsv or .parquet), written atomically')
    .option('--levels <levels>', 'hierarchy levels to apply instead of searching, e.g. age=2,zip=3', parseLevels)
    .option('--json', 'print what was done as JSON')
    .option('--threads <n>', 'worker threads for the search (default: one per core)', threadCount)
    .option('--report <file.html>', 'also write the determination report of the file written (re-measured on its bytes, with the SHA-256 of the input and of the file) and its JSON twin')
    .option('--template <dir>', 'report template directory (files it lacks come from report-templates/default)')
    .option('--previous <result.json>', 'an earlier result or report twin: the report shows what changed since')
    .option('--force', "let the report's JSON twin replace an existing file that edra did not write")
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details (off by default: data is PHI)')
    .action(async (specPath: string, opts: DatabaseFlags & { out: string; levels?: Record<string, number>; json?: boolean; threads?: number; report?: string; template?: string; previous?: string; force?: boolean; quiet?: boolean; showValues?: boolean }) => {
      ctx.setShowValues(opts.showValues);
      const loaded = loadSpec(specPath);
      ctx.setSpec(loaded);
      checkReportOptions(opts.report, opts.template);
      checkOutputPaths({
        inputs: [
          ...specInputs(loaded, specPath),
          ...(opts.report ? templateInputs(opts.template) : []),
          ...(opts.previous ? [{ file: opts.previous, what: 'the previous result (--previous)' }] : []),
        ],
        outputs: [...named(opts.out, '--out'), ...reportOutputs(opts.report)],
        force: opts.force,
      });
      const previous = opts.previous ? previousDetermination(opts.previous) : undefined;
      const database = databaseOptions(opts);
      const progress = createProgress(Boolean(opts.quiet));
      const summary = await anonymize(loaded, {
        out: opts.out,
        database,
        levels: opts.levels,
        threads: opts.threads,
        onProgress: (s) => progress.stage(s),
        onNodes: (checked, total) => progress.stage(`searching: ${checked} nodes checked of ${total}`),
      });
      let code: number = summary.pass ? ExitCode.pass : ExitCode.thresholdsNotMet;
      let reported: string | undefined;
      if (opts.report && summary.pass) {
        const result = await releasedFileResult(loaded, summary, { onProgress: (s) => progress.stage(s), database });
        result.spec = specPath;
        result.specText = loaded.text;
        result.commandLine = ctx.commandLine;
        if (previous) result.changes = previous(result);
        const rendered = renderReport(result, { templateDir: opts.template });
        writeReportFiles(opts.report, rendered);
        reported = `report       ${rendered.reportId} written to ${opts.report}: the file as written, verdict ${result.verdict} (${result.releasedFile?.remeasuredEqual ? 're-measured lines equal the certified ones' : 're-measured lines DIFFER from the certified ones'})`;
        code = verdictExitCode(result.verdict);
      } else if (opts.report) reported = 'report       not written: nothing was written';
      progress.done();
      ctx.stdout(opts.json ? JSON.stringify(summary, null, 2) + '\n' : formatAnonymize(summary) + (reported ? `${reported}\n` : ''));
      ctx.setExitCode(code);
    });
}
