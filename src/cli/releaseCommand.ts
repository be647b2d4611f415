/**
 * `edra release <spec> --out <file.csv|parquet>`: writes the spec's differentially private
 * tables (one row per declared cell: group-by labels, value, lower, upper) atomically and
 * prints the budget statement (`--json`: the ReleaseJson). Exit 0 on success, 2 for a spec or
 * usage error (an over-budget release included: nothing is written), 3 for a data error.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadSpec, type LoadedSpec } from '../config/loadSpec.js';
import { runRelease } from '../engine/release.js';
import type { ReleaseJson } from '../contracts/release.js';
import { cryptoRandomSource, unsafeSeededSource } from '../dp/randomSource.js';
import { version } from '../version.js';
import { createProgress } from './progress.js';
import type { CliIO } from './io.js';
import { addDatabaseOptions, databaseOptions, type DatabaseFlags } from './databaseOptions.js';
import { checkOutputPaths, named, specInputs } from './outputPaths.js';

interface ReleaseFlags extends DatabaseFlags {
  out: string;
  json?: boolean;
  quiet?: boolean;
  showValues?: boolean;
  unsafeSeed?: bigint;
}

function seed(value: string): bigint {
  if (!/^\d{1,30}$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer seed.');
  return BigInt(value);
}

/** Registers `edra release` on the program; `flags.showValues` is set for the error reporter. */
export function registerReleaseCommand(program: Command, io: CliIO, flags: { showValues?: boolean; spec?: LoadedSpec }): void {
  addDatabaseOptions(program.command('release'))
    .description('release differentially private aggregate tables declared in the spec (noisy values, 95% intervals, budget statement)')
    .argument('<spec>', 'analysis spec with a release section (.yaml or .json)')
    .requiredOption('--out <file>', 'noisy tables, one row per declared cell (.csv or .parquet), written atomically')
    .option('--json', 'print the release summary (budget, tables, scales) as JSON')
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details, and add custodian-only, non-private diagnostics (records clamped, records outside the domains)')
    .option('--unsafe-seed <n>', 'UNSAFE, for tests only: draw the noise from a seeded generator (the output says unsafeSeed: true)', seed)
    .action(async (specPath: string, opts: ReleaseFlags) => {
      flags.showValues = opts.showValues;
      const loaded = loadSpec(specPath);
      flags.spec = loaded;
      checkOutputPaths({ inputs: specInputs(loaded, specPath), outputs: named(opts.out, '--out') });
      const database = databaseOptions(opts);
      const progress = createProgress(Boolean(opts.quiet));
      const random = opts.unsafeSeed !== undefined ? unsafeSeededSource(opts.unsafeSeed) : cryptoRandomSource();
      if (random.unsafe) io.stderr('edra: WARNING: --unsafe-seed: the noise is reproducible from the seed; this release is NOT private (tests only)\n');
      const json = await runRelease(loaded, { out: opts.out, database, random, showValues: opts.showValues, onProgress: (s) => progress.stage(s) });
      progress.done();
      io.stdout(opts.json ? JSON.stringify({ edra: version, spec: specPath, ...json }, null, 2) + '\n' : formatRelease(specPath, json));
    });
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, '');
}

/** The text summary of a release: budget statement, one line per table, notes. */
export function formatRelease(specPath: string, r: ReleaseJson): string {
  const lines: string[] = [];
  lines.push(`edra ${version}: differentially private release of ${specPath}${r.unsafeSeed ? '  [UNSAFE SEED: NOT PRIVATE]' : ''}`);
  const b = r.budget;
  const extra = b.epsilonEquivalent !== undefined ? ` (epsilon ${num(b.epsilonEquivalent)} at delta ${b.delta})` : b.delta !== undefined ? `, delta ${b.delta}` : '';
  lines.push(`budget      ${b.unit} ${num(b.spent)} spent of ${num(b.total)}${extra}`);
  if (r.accounting) lines.push(`            ${r.accounting.composition}`);
  if (r.privacyUnit) lines.push(`unit        ${r.privacyUnit.column === null ? 'one record' : `one person (${r.privacyUnit.column}, at most ${r.privacyUnit.maxRecords} records)`}; neighbours: ${r.neighbours}`);
  for (const t of r.tables) {
    const share = t.epsilon !== undefined ? `epsilon ${num(t.epsilon)}` : `rho ${num(t.rho!)}`;
    const noise =
      t.statistic === 'mean'
        ? `noise scale ${num(t.scale)} on the sum, ${num(t.countScale ?? 0)} on the count; 95% intervals per cell`
        : `noise scale ${num(t.scale)}; 95% +/- ${num(t.interval95)}`;
    lines.push(
      `table       ${t.name}: ${t.statistic} by ${t.groupBy.length ? t.groupBy.join(', ') : '(all)'}; ${t.cells} cells; ${t.mechanism} ${share}; ${noise}` +
        (t.expectedRelativeError !== undefined ? `; expected relative error ${num(t.expectedRelativeError)}` : ''),
    );
    if (t.clampedRecords !== undefined) lines.push(`            custodian only, not private: ${t.clampedRecords} record(s) clamped`);
    if (t.droppedRecords !== undefined) lines.push(`            custodian only, not private: ${t.droppedRecords} record(s) outside the domain`);
  }
  if (r.output) lines.push(`wrote       ${r.output.file} (${r.output.rows} rows, ${r.output.format})`);
  for (const n of r.notes ?? []) lines.push(`note        ${n}`);
  return lines.join('\n') + '\n';
}
