import { handleSignalsInCommand } from './signals.js';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { loadSpec } from '../config/loadSpec.js';
import { startExplore } from '../explore/explore.js';
import { openBrowser } from '../explore/openBrowser.js';
import type { CliIO } from './io.js';
import { createProgress } from './progress.js';
import { addDatabaseOptions, databaseOptions, type DatabaseFlags } from './databaseOptions.js';

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('expected a port number from 1 to 65535.');
  return n;
}

/**
 * `edra explore <spec>`: the what-if page on 127.0.0.1 (src/explore). Runs until Ctrl-C (a
 * second Ctrl-C exits at once, abandoning a running search) or until the last tab closes.
 */
export function registerExploreCommand(program: Command, io: CliIO, flags: { showValues?: boolean; memoryLimit?: string }): void {
  addDatabaseOptions(program.command('explore'))
    .description('explore generalizations in the browser: per-node risk, verdict and information loss, the lattice, comparisons (a local page on 127.0.0.1)')
    .argument('<spec>', 'analysis spec with hierarchies (and search settings)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', portNumber)
    .option('--no-open', 'do not open a browser; print the URL only')
    .option('--out-dir <dir>', "where reports and released files are written (default: the spec's directory; saved specs always go beside the spec)")
    .option('--quiet', 'no progress on stderr')
    .option('--show-values', 'allow data values in error details (off by default: data is PHI)')
    .action(async (specPath: string, opts: { port?: number; open: boolean; outDir?: string; quiet?: boolean; showValues?: boolean } & DatabaseFlags) => {
      flags.showValues = opts.showValues;
      flags.memoryLimit = opts.memoryLimit;
      const database = databaseOptions(opts);
      const loaded = loadSpec(specPath);
      const progress = createProgress(Boolean(opts.quiet));
      const running = await startExplore(loaded, {
        specArg: specPath,
        port: opts.port,
        outputDir: opts.outDir ? path.resolve(opts.outDir) : undefined,
        showValues: opts.showValues,
        database,
        onProgress: (s) => progress.stage(s),
      });
      progress.done();
      io.stdout(`edra explore: ${running.url}\n(only this URL, with its token, is answered; Ctrl-C or closing the last tab stops the server)\n`);
      if (opts.open && !(await openBrowser(running.url))) io.stderr('edra: could not start a browser; open the URL above\n');
      let interrupts = 0;
      const onSignal = () => {
        interrupts++;
        if (interrupts > 1) process.exit(130); // a second Ctrl-C: now, as shells report SIGINT
        void running.close('interrupted');
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      // The server stops itself on Ctrl-C (exit 0); the binary's cleanup handler stands aside.
      handleSignalsInCommand(true);
      try {
        const reason = await running.closed;
        io.stdout(`edra explore: stopped (${reason})\n`);
      } finally {
        handleSignalsInCommand(false);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
