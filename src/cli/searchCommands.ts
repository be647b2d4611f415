import { type Command, InvalidArgumentError } from 'commander';
import { loadSpec, type LoadedSpec } from '../config/loadSpec.js';
import { search } from '../engine/search.js';
import { anonymize } from '../engine/anonymize.js';
import { ExitCode } from '../errors.js';
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
      if (opts.report) {
        // The report documents the data as it would be released: measured at the optimum.
        progress.stage('measuring the optimum for the report');
        const { result: analysis } = await analyze(loaded, { qiContribution: true, database, ...(result.optimum ? { levels: result.optimum.levels } : {}) });
        analysis.spec = specPath;
        analysis.specText = loaded.text;
        analysis.commandLine = ctx.commandLine;
        analysis.search = result;
        writeReportFiles(opts.report, renderReport(analysis, { templateDir: opts.template }));
      }
      progress.done();
      const json = JSON.stringify(result, null, 2) + '\n';
      if (opts.out) ctx.writeOutput(opts.out, json);
      ctx.stdout(opts.json ? json : formatSearch(result));
      ctx.setExitCode(result.optimum ? ExitCode.pass : ExitCode.thresholdsNotMet);
    });

  addDatabaseOptions(program.command('anonymize'))
    .description('apply the search optimum (or --levels) to the data and write the transformed table')
    .argument('<spec>', 'analysis spec with hierarchies (and search settings)')
    .requiredOption('--out <file>', 'the transformed table (.csv, .tsv or .parquet), written atomically')
    .option('--levels <levels>', 'hierarchy levels to apply instead of searching, e.g. age=2,zip=3', parseLevels)
    .option('--json', 'print what was done as JSON')
    .option('--threads <n>', 'worker threads for the search (default: one per core)', threadCount)
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details (off by default: data is PHI)')
    .action(async (specPath: string, opts: DatabaseFlags & { out: string; levels?: Record<string, number>; json?: boolean; threads?: number; quiet?: boolean; showValues?: boolean }) => {
      ctx.setShowValues(opts.showValues);
      const loaded = loadSpec(specPath);
      ctx.setSpec(loaded);
      checkOutputPaths({ inputs: specInputs(loaded, specPath), outputs: named(opts.out, '--out') });
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
      progress.done();
      ctx.stdout(opts.json ? JSON.stringify(summary, null, 2) + '\n' : formatAnonymize(summary));
      ctx.setExitCode(summary.pass ? ExitCode.pass : ExitCode.thresholdsNotMet);
    });
}
