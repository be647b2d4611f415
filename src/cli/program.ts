import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadSpec, type LoadedSpec } from '../config/loadSpec.js';
import { dataFormats, specJsonSchema, type DataFormat } from '../config/spec.js';
import { EdraError, ExitCode, SpecError, verdictExitCode } from '../errors.js';
import { analyze } from '../engine/analyze.js';
import { openDatabase } from '../data/database.js';
import { isOutOfMemory, outOfMemoryError } from '../data/readerErrors.js';
import { openProfiledSource, profileSource } from '../data/profile.js';
import { readIntact } from '../data/source.js';
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
import { previousDetermination, registerDiffCommand } from './diffCommand.js';
import { registerVerifyCommand } from './verifyCommand.js';
import { defaultIO, type CliIO } from './io.js';
import { addDatabaseOptions, databaseOptions, type DatabaseFlags } from './databaseOptions.js';
import { checkOutputPaths, named, reportOutputs, specInputs, templateInputs } from './outputPaths.js';


interface GlobalFlags {
  showValues?: boolean;
  /** The spec the command loaded: errors about a spec path are placed at its line and column. */
  spec?: LoadedSpec;
  /** --memory-limit, when given: running out of memory is then a usage error (raise it). */
  memoryLimit?: string;
}

/**
 * Runs the CLI with the given arguments (without `node edra`) and returns the exit code:
 * 0 pass, 1 thresholds not met, 2 usage or spec error, 3 data error, 4 needs review
 * (edra verify: 5 tampered, 6 data changed, 7 expired).
 */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode: number = ExitCode.pass;
  const flags: GlobalFlags = {};
  const program = new Command()
    .name('edra')
    .description('Expert Determination re-identification risk analyzer (HIPAA 45 CFR 164.514(b)(1)).')
    .version(version)
    .exitOverride()
    // Commander's own errors ("error: unknown option ...") get the same `edra: ` prefix and a rule as the others.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (str, write) => write(`edra: ${str.replace(/^error: /, '').replace(/\n|$/, ' [rule: cli.usage]\n')}`) })
    .showHelpAfterError('(run edra --help for usage)');

  addDatabaseOptions(program.command('analyze'))
    .description('measure equivalence classes and re-identification risk for an analysis spec')
    .argument('<spec>', 'analysis spec (.yaml or .json)')
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--out <file>', 'also write the JSON result to a file (atomically)')
    .option('--record-risk <file>', 'write per-record risks (row, fk, Fk, individualRisk, SUDA scores; no QI values) to a .csv or .parquet file')
    .option('--levels <levels>', 'generalize to these hierarchy levels first (e.g. age=2,zip=3; others stay at 0), with the spec\'s suppression limit', parseLevels)
    .option('--report <file.html>', 'also write the determination report (self-contained HTML) and its JSON twin <file>.json (atomically)')
    .option('--template <dir>', 'report template directory (files it lacks come from report-templates/default)')
    .option('--previous <result.json>', 'an earlier result or report twin: the result and the report show what changed since (edra diff)')
    .option('--force', "let the report's JSON twin replace an existing file that edra did not write")
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details (off by default: data is PHI)')
    .action(async (specPath: string, opts: DatabaseFlags & { json?: boolean; out?: string; recordRisk?: string; levels?: Record<string, number>; report?: string; template?: string; previous?: string; force?: boolean; quiet?: boolean; showValues?: boolean }) => {
      flags.showValues = opts.showValues;
      flags.memoryLimit = opts.memoryLimit;
      const loaded = loadSpec(specPath);
      flags.spec = loaded;
      checkReportOptions(opts.report, opts.template);
      checkOutputPaths({
        inputs: [
          ...specInputs(loaded, specPath),
          ...(opts.report ? templateInputs(opts.template) : []),
          ...(opts.previous ? [{ file: opts.previous, what: 'the previous result (--previous)' }] : []),
        ],
        outputs: [...reportOutputs(opts.report), ...named(opts.out, '--out'), ...named(opts.recordRisk, '--record-risk')],
        force: opts.force,
      });
      const previous = opts.previous ? previousDetermination(opts.previous) : undefined;
      const database = databaseOptions(opts);
      const progress = createProgress(Boolean(opts.quiet));
      const { result } = await analyze(loaded, {
        onProgress: (s) => progress.stage(s),
        recordRisk: opts.recordRisk,
        levels: opts.levels,
        ...(opts.report ? { qiContribution: true } : {}),
        database,
      });
      progress.done();
      result.spec = specPath;
      result.specText = loaded.text;
      result.commandLine = commandLineOf(argv);
      if (previous) result.changes = previous(result);
      const json = JSON.stringify(result, null, 2) + '\n';
      if (opts.report) writeReportFiles(opts.report, renderReport(result, { templateDir: opts.template }));
      if (opts.out) writeOutput(opts.out, json);
      io.stdout(opts.json ? json : formatSummary(result));
      exitCode = verdictExitCode(result.verdict);
    });

  addDatabaseOptions(program.command('profile'))
    .description('per column: type, distinct and missing counts, and HIPAA direct-identifier hints (never values)')
    .argument('<data>', 'data file (csv, tsv, parquet, json, ndjson, arrow)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices([...dataFormats]))
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .option('--header', 'the first line of a CSV holds the column names (default: detected)')
    .option('--no-header', 'the CSV has no header: columns are named column1..n and the first line is a record')
    .option('--json', 'print the profile as JSON')
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details')
    .action(async (dataPath: string, opts: DatabaseFlags & { format?: DataFormat; delimiter?: string; header?: boolean; json?: boolean; quiet?: boolean; showValues?: boolean }) => {
      flags.showValues = opts.showValues;
      const database = databaseOptions(opts);
      const progress = createProgress(Boolean(opts.quiet));
      const db = await openDatabase(database);
      try {
        progress.stage(`profiling ${dataPath}`);
        const { source, note } = await openProfiledSource(db, dataPath, opts);
        const profile = await readIntact(source, profileSource(db, source));
        progress.done();
        const notes = note ? { notes: [note] } : {};
        io.stdout(opts.json ? JSON.stringify({ edra: version, path: dataPath, format: source.format, ...profile, ...notes }, null, 2) + '\n' : formatProfile(dataPath, profile) + (note ? `note: ${note}\n` : ''));
      } finally {
        db.close();
      }
    });

  registerSearchCommands(program, {
    stdout: io.stdout,
    setExitCode: (code) => (exitCode = code),
    setShowValues: (show) => (flags.showValues = show),
    setSpec: (loaded) => (flags.spec = loaded),
    writeOutput,
    commandLine: commandLineOf(argv),
  });
  registerReleaseCommand(program, io, flags);
  registerExploreCommand(program, io, flags);

  registerReportCommand(program, io, (code) => (exitCode = code));
  registerDiffCommand(program, io, writeOutput);
  registerVerifyCommand(program, { stdout: io.stdout, setExitCode: (code) => (exitCode = code) });

  program
    .command('schema')
    .description("print the analysis spec's JSON Schema (for editor completion)")
    .option('--out <file>', 'write it to a file (atomically) instead of stdout')
    .action((opts: { out?: string }) => {
      const text = JSON.stringify(specJsonSchema(), null, 2) + '\n';
      if (opts.out) writeOutput(opts.out, text);
      else io.stdout(text);
    });

  if (argv.length === 0) {
    io.stderr('edra: a command is required [rule: cli.usage]\n');
    io.stderr(program.helpInformation());
    return ExitCode.usage;
  }
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

function reportError(e: unknown, io: CliIO, flags: GlobalFlags): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.pass;
    if (e.code === 'commander.help') return e.exitCode === 0 ? ExitCode.pass : ExitCode.usage;
    return ExitCode.usage;
  }
  if (isOutOfMemory(e)) e = outOfMemoryError(undefined, e instanceof Error ? e.message : String(e));
  if (e instanceof EdraError && e.location.rule === 'resource.memory' && flags.memoryLimit) {
    e = new SpecError(`--memory-limit ${flags.memoryLimit} is too small: DuckDB ran out of memory [rule: cli.memoryLimit]; raise it (DuckDB spills what it can to disk)`, { rule: 'cli.memoryLimit' }, e.detail);
  }
  if (e instanceof EdraError) {
    io.stderr(`edra: ${placed(e, flags.spec)}\n`);
    for (const line of e.more) io.stderr(`edra: ${line}\n`);
    if (e.detail) io.stderr(flags.showValues ? `${e.detail}\n` : '');
    return e.exitCode;
  }
  // Unexpected: the message may quote data (e.g. a DuckDB error), so it is shown only with --show-values.
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`edra: internal error (${err.name})${flags.showValues ? `: ${err.message}` : '; rerun with --show-values for the message'}\n`);
  return ExitCode.internal;
}

/**
 * The message of an error about a spec path, placed at that path's line and column in the
 * spec (`spec.yaml:12:5: ...`), replacing a leading spec file name without a position.
 */
function placed(e: EdraError, spec: LoadedSpec | undefined): string {
  const { path: specPath, line } = e.location;
  if (!spec || specPath === undefined || line !== undefined) return e.message;
  const pos = spec.positionOf(specPath);
  const at = `${spec.display}:${pos.line}:${pos.col}: `;
  for (const prefix of [`${spec.file}: `, `${spec.display}: `]) if (e.message.startsWith(prefix)) return at + e.message.slice(prefix.length);
  return at + e.message;
}
