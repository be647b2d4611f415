import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadSpec } from '../config/loadSpec.js';
import { dataFormats, specJsonSchema, type DataFormat } from '../config/spec.js';
import { EdraError, ExitCode, SpecError } from '../errors.js';
import { analyze } from '../engine/analyze.js';
import { openDatabase } from '../data/database.js';
import { openSource } from '../data/source.js';
import { profileSource } from '../data/profile.js';
import { writeFileAtomic } from '../data/atomicWrite.js';
import { version } from '../version.js';
import { createProgress } from './progress.js';
import { formatSummary } from './summary.js';
import { formatProfile } from './profileSummary.js';
import { checkReportOptions, registerReportCommand } from './reportCommand.js';
import { commandLineOf } from './commandLine.js';
import { renderReport } from '../report/render.js';
import { writeReportFiles } from '../report/writeReport.js';
import { parseLevels, registerSearchCommands } from './searchCommands.js';
import { registerReleaseCommand } from './releaseCommand.js';
import { registerExploreCommand } from './exploreCommand.js';
import { defaultIO, type CliIO } from './io.js';


interface GlobalFlags {
  showValues?: boolean;
}

/**
 * Runs the CLI with the given arguments (without `node edra`) and returns the exit code:
 * 0 pass, 1 thresholds not met, 2 usage or spec error, 3 data error.
 */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode: number = ExitCode.pass;
  const flags: GlobalFlags = {};
  const program = new Command()
    .name('edra')
    .description('Expert Determination re-identification risk analyzer (HIPAA 45 CFR 164.514(b)(1)).')
    .version(version)
    .exitOverride()
    // Commander's own errors ("error: unknown option ...") get the same `edra: ` prefix as the others.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (str, write) => write(`edra: ${str.replace(/^error: /, '')}`) })
    .showHelpAfterError('(run edra --help for usage)');

  program
    .command('analyze')
    .description('measure equivalence classes and re-identification risk for an analysis spec')
    .argument('<spec>', 'analysis spec (.yaml or .json)')
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--out <file>', 'also write the JSON result to a file (atomically)')
    .option('--memory-limit <size>', "cap DuckDB's memory (e.g. 1200MB); large groupings spill to a temporary directory", memorySize)
    .option('--record-risk <file>', 'write per-record risks (row, fk, Fk, individualRisk, SUDA scores; no QI values) to a .csv or .parquet file')
    .option('--levels <levels>', 'generalize to these hierarchy levels first (e.g. age=2,zip=3; others stay at 0), with the spec\'s suppression limit', parseLevels)
    .option('--report <file.html>', 'also write the determination report (self-contained HTML) and its JSON twin <file>.json (atomically)')
    .option('--template <dir>', 'report template directory (files it lacks come from report-templates/default)')
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details (off by default: data is PHI)')
    .action(async (specPath: string, opts: { json?: boolean; out?: string; recordRisk?: string; memoryLimit?: string; levels?: Record<string, number>; report?: string; template?: string; quiet?: boolean; showValues?: boolean }) => {
      flags.showValues = opts.showValues;
      const loaded = loadSpec(specPath);
      checkReportOptions(opts.report, opts.template, [opts.out, opts.recordRisk]);
      const progress = createProgress(Boolean(opts.quiet));
      const { result } = await analyze(loaded, {
        onProgress: (s) => progress.stage(s),
        recordRisk: opts.recordRisk,
        levels: opts.levels,
        ...(opts.report ? { qiContribution: true } : {}),
        database: opts.memoryLimit ? { memoryLimit: opts.memoryLimit } : undefined,
      });
      progress.done();
      result.spec = specPath;
      result.specText = loaded.text;
      result.commandLine = commandLineOf(argv);
      const json = JSON.stringify(result, null, 2) + '\n';
      if (opts.report) writeReportFiles(opts.report, renderReport(result, { templateDir: opts.template }));
      if (opts.out) writeOutput(opts.out, json);
      io.stdout(opts.json ? json : formatSummary(result));
      exitCode = result.verdict === 'pass' ? ExitCode.pass : ExitCode.thresholdsNotMet;
    });

  program
    .command('profile')
    .description('per column: type, distinct and missing counts, and HIPAA direct-identifier hints (never values)')
    .argument('<data>', 'data file (csv, tsv, parquet, json, ndjson, arrow)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices([...dataFormats]))
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .option('--json', 'print the profile as JSON')
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details')
    .action(async (dataPath: string, opts: { format?: DataFormat; delimiter?: string; json?: boolean; quiet?: boolean; showValues?: boolean }) => {
      flags.showValues = opts.showValues;
      const progress = createProgress(Boolean(opts.quiet));
      const db = await openDatabase();
      try {
        progress.stage(`profiling ${dataPath}`);
        const source = await openSource(db, path.resolve(dataPath), dataPath, opts.format, opts.delimiter ? { delimiter: opts.delimiter } : {});
        const profile = await profileSource(db, source);
        progress.done();
        io.stdout(opts.json ? JSON.stringify({ edra: version, path: dataPath, format: source.format, ...profile }, null, 2) + '\n' : formatProfile(dataPath, profile));
      } finally {
        db.close();
      }
    });

  registerSearchCommands(program, {
    stdout: io.stdout,
    setExitCode: (code) => (exitCode = code),
    setShowValues: (show) => (flags.showValues = show),
    writeOutput,
    commandLine: commandLineOf(argv),
  });
  registerReleaseCommand(program, io, flags);
  registerExploreCommand(program, io, flags);

  registerReportCommand(program, io);

  program
    .command('schema')
    .description("print the analysis spec's JSON Schema (for editor completion)")
    .option('--out <file>', 'write it to a file (atomically) instead of stdout')
    .action((opts: { out?: string }) => {
      const text = JSON.stringify(specJsonSchema(), null, 2) + '\n';
      if (opts.out) writeOutput(opts.out, text);
      else io.stdout(text);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    return reportError(e, io, flags);
  }
  return exitCode;
}

/** --out: an unwritable target is a usage error (exit 2), not an internal one. */
function writeOutput(file: string, text: string): void {
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'write failed';
    throw new SpecError(`cannot write ${file}: ${code} [rule: cli.out]`, { file, rule: 'cli.out' });
  }
}

/** Checks a memory size such as 1200MB or 2GiB. */
function memorySize(value: string): string {
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) {
    throw new InvalidArgumentError('expected a size such as 1200MB or 2GB.');
  }
  return value;
}

function reportError(e: unknown, io: CliIO, flags: GlobalFlags): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.pass;
    return ExitCode.usage;
  }
  if (e instanceof EdraError) {
    io.stderr(`edra: ${e.message}\n`);
    if (e.detail) io.stderr(flags.showValues ? `${e.detail}\n` : '');
    return e.exitCode;
  }
  // Unexpected: the message may quote data (e.g. a DuckDB error), so it is shown only with --show-values.
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`edra: internal error (${err.name})${flags.showValues ? `: ${err.message}` : '; rerun with --show-values for the message'}\n`);
  return ExitCode.internal;
}
