/**
 * The process-level cleanup of the CLI binary: temporary files and DuckDB's spill directory
 * (src/data/tempFiles.ts) are removed on every exit, and on SIGINT (Ctrl-C), SIGTERM and
 * SIGHUP, which then end the process with the shell's code for the signal (128 + its number:
 * 130, 143, 129). A signal is acted on when the event loop next runs: at once while DuckDB
 * reads or writes (it works off the main thread); after the current step when edra computes
 * on the main thread. A second signal exits at once. SIGKILL cannot be caught: the next run
 * sweeps what the killed one left (tempFiles.sweepStale).
 */
import { interruptAllQueries } from '../data/database.js';
import { removeAllTemps } from '../data/tempFiles.js';

const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** True while a command (edra explore) handles SIGINT/SIGTERM itself and stops gracefully. */
let handledByCommand = false;

/** Lets a long-running command own the interrupt (it must still remove its temp files). */
export function handleSignalsInCommand(on: boolean): void {
  handledByCommand = on;
}

/** Installs the exit and signal handlers (once, by bin/edra.js; the in-process API installs none). */
export function installCleanup(): void {
  process.on('exit', removeAllTemps);
  // Past a file-size limit (ulimit -f) a write fails with EFBIG, reported as a clean error
  // naming the output, instead of SIGXFSZ killing the process with its temporary files.
  if (process.platform !== 'win32') process.on('SIGXFSZ', () => {});
  let signalled = false;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      if (handledByCommand) return;
      if (!signalled) {
        signalled = true;
        removeAllTemps();
        // A running query would hold the exit in DuckDB's destructors until it ends.
        interruptAllQueries();
      }
      process.exit(code);
    });
  }
}
