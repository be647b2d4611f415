/**
 * `edra explore <spec>`: read the spec's data once with the engine of `edra search` (the
 * encoded frequency table and the hierarchies stay in memory, DuckDB is closed), then serve
 * the what-if page on 127.0.0.1 until Ctrl-C or the last tab closes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedSpec } from '../config/loadSpec.js';
import { openDatabase, type DatabaseOptions } from '../data/database.js';
import { SpecError } from '../errors.js';
import { prepareSearch } from '../engine/search.js';
import { loadPageAssets } from './assets.js';
import { startExploreServer, type ExploreServer, type ExploreServerOptions } from './server.js';
import { ExploreSession } from './session.js';

export interface ExploreOptions extends ExploreServerOptions {
  /** The spec path as given (shown, recorded in reports; default: the spec file). */
  specArg?: string;
  /** Where reports and released files go (default: the spec's directory). */
  outputDir?: string;
  database?: DatabaseOptions;
  /** Classes up to which "what to generalize next" is computed unasked. */
  nextStepsAutoClasses?: number;
  onProgress?: (stage: string) => void;
}

/** A running explorer. */
export interface RunningExplore extends ExploreServer {
  readonly session: ExploreSession;
}

/** Loads the data and starts the server; the caller awaits `closed`. */
export async function startExplore(loaded: LoadedSpec, options: ExploreOptions = {}): Promise<RunningExplore> {
  const outputDir = path.resolve(options.outputDir ?? path.dirname(loaded.file));
  if (!fs.statSync(outputDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SpecError(`--out-dir ${options.outputDir}: not a directory [rule: cli.outDir]`, { file: outputDir, rule: 'cli.outDir' });
  }
  const db = await openDatabase(options.database);
  let prepared;
  try {
    prepared = await prepareSearch(db, loaded, { onProgress: options.onProgress });
  } finally {
    db.close();
  }
  options.onProgress?.('preparing the page');
  const session = new ExploreSession(loaded, prepared, {
    specArg: options.specArg ?? loaded.file,
    outputDir,
    showValues: options.showValues,
    nextStepsAutoClasses: options.nextStepsAutoClasses,
    database: options.database,
  });
  const assets = await loadPageAssets();
  const server = await startExploreServer(session, assets, options);
  return { ...server, session };
}
