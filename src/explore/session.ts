/**
 * One `edra explore` session: the spec's data prepared once (prepareSearch, the engine that
 * `edra search` and `anonymize` use) and held in memory, the settings as the page has edited
 * them, and what the page asks of it. Every figure comes from the engine: a node from
 * NodeSession (src/engine/nodeMeasures.ts), the search from searchPrepared, the report from
 * analyze + renderReport, the released file from anonymize, each on the edited spec, so what
 * the page shows is what the CLI certifies for the spec "save as spec" writes.
 */
import type { DatabaseOptions } from '../data/database.js';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { ComparisonJson, JobJson, NextJson, NodeWireJson, SessionJson, SettingsJson } from '../contracts/explore.js';
import { analyze, CONTRIBUTION_AUTO_GROUPS } from '../engine/analyze.js';
import { anonymize } from '../engine/anonymize.js';
import { NodeSession } from '../engine/nodeMeasures.js';
import { defaultSearchThreads, searchPrepared, withSpecSettings, type PreparedSearch } from '../engine/search.js';
import { startWorkerPool, type WorkerPool } from '../search/pool.js';
import { hierarchySummary } from '../hierarchy/summary.js';
import { renderReport } from '../report/render.js';
import { reportTwinPath, writeReportFiles } from '../report/writeReport.js';
import { version } from '../version.js';
import { compareNodes } from './compare.js';
import { HttpError } from './http.js';
import { JobRunner } from './jobs.js';
import { newOutputPath } from './outputs.js';
import { applyEdit, editedSpec, sameSettings, settingsEditSchema, settingsOf, specTextWith } from './specEdits.js';
import { latticeNodes, nodeWire } from './wire.js';

/** Levels by QI name, as the page sends them. */
const levelsSchema = z.record(z.string().max(200), z.number().int().min(0).max(1000));

export interface SessionOptions {
  /** The spec path as given on the command line (shown, and recorded in reports). */
  specArg: string;
  /** Where reports and released files are written (specs: beside the spec, so its relative paths hold). */
  outputDir: string;
  showValues?: boolean;
  /** Classes up to which "what to generalize next" is computed unasked (default CONTRIBUTION_AUTO_GROUPS, as analyze). */
  nextStepsAutoClasses?: number;
  /** --memory-limit / --temp-dir, for the reports and released files the page asks for (each reads the data again). */
  database?: DatabaseOptions;
}

/** Parses a request part with a zod schema; HttpError 400 naming the path, never the value. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new HttpError(400, `invalid request: ${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
}

/** One explorer session: the prepared data, the edited settings and the page's requests. */
export class ExploreSession {
  /** The search's worker threads, started at the first search that wants them (see startSearch). */
  private workers: WorkerPool | undefined;

  readonly jobs: JobRunner;
  private settings: SettingsJson;
  private loaded: LoadedSpec;
  private nodes: NodeSession;

  constructor(
    private readonly original: LoadedSpec,
    private readonly base: PreparedSearch,
    private readonly options: SessionOptions,
  ) {
    this.jobs = new JobRunner(options.showValues);
    this.settings = settingsOf(original);
    this.loaded = original;
    this.nodes = new NodeSession(base);
  }

  /** The session's facts and settings. */
  describe(): SessionJson {
    const { input, hierarchies, table } = this.base;
    const spec = this.loaded.spec;
    const start = spec.levels ? this.nodes.levelsOf(spec.levels) : new Int32Array(hierarchies.length);
    return {
      ...(spec.name ? { name: spec.name } : {}),
      spec: this.options.specArg,
      dataset: { path: input.display, format: input.source.format, rows: input.encoded.rows, records: table.records, excludedRecords: input.encoded.table.records - table.records },
      quasiIdentifiers: hierarchies.map(hierarchySummary),
      adversaryModels: [...spec.adversary],
      metric: spec.search?.metric ?? 'loss',
      settings: this.settings,
      edited: !sameSettings(this.settings, settingsOf(this.original)),
      startLevels: this.nodes.lattice.named(this.nodes.lattice.index(start), this.nodes.names),
      latticeSize: this.nodes.lattice.size,
      outputDir: this.options.outputDir,
      notes: [...this.base.notes],
    };
  }

  /** One node measured in full (bands, not sizes). */
  node(body: unknown): NodeWireJson {
    const levels = this.levels(body);
    const started = performance.now();
    const m = this.nodes.measure(levels);
    return nodeWire(m, performance.now() - started);
  }

  /**
   * What raising each QI one level would give, and the per-QI contribution: unasked only up
   * to CONTRIBUTION_AUTO_GROUPS classes (as analyze), since it evaluates m more nodes and
   * recodes the output 2m times (seconds at a million classes); `force` computes it anyway.
   */
  next(body: unknown): NextJson {
    const { levels, force } = parseRequest(z.strictObject({ levels: levelsSchema, force: z.boolean().optional() }), body);
    const lv = this.nodes.levelsOf(levels);
    const classes = this.nodes.classCount(lv);
    const limit = this.options.nextStepsAutoClasses ?? CONTRIBUTION_AUTO_GROUPS;
    if (!force && classes > limit) return { skipped: { classes, limit } };
    return { steps: this.nodes.nextSteps(lv) };
  }

  /** Applies an edit of the thresholds or suppression settings (validated as a spec). */
  applySettings(body: unknown): SessionJson {
    const edit = parseRequest(settingsEditSchema, body);
    if (this.jobs.busy) throw new HttpError(409, 'a job is running: change the settings when it has finished');
    const settings = applyEdit(this.settings, edit);
    const loaded = editedSpec(this.original, settings);
    this.nodes = new NodeSession(withSpecSettings(this.base, loaded), this.nodes.utilityTables);
    this.loaded = loaded;
    this.settings = settings;
    return this.describe();
  }

  /** Pinned nodes side by side. */
  compare(body: unknown): ComparisonJson {
    const { nodes } = parseRequest(z.strictObject({ nodes: z.array(levelsSchema).min(1).max(12) }), body);
    return compareNodes(nodes.map((n) => this.nodes.measure(this.nodes.levelsOf(n))));
  }

  /**
   * Starts the search of the lattice under the current settings. On a table large enough for
   * workers (defaultSearchThreads), one pool is started at the first search and serves every
   * later one until the session is disposed: re-running the search after a change does not
   * pay the workers' start-up again.
   */
  startSearch(): JobJson {
    const loaded = this.loaded;
    const prepared = this.nodes.prepared;
    return this.jobs.start('search', async (control) => {
      const threads = defaultSearchThreads(loaded, prepared);
      if (threads > 1 && this.workers?.threads !== threads) {
        await this.workers?.close();
        this.workers = await startWorkerPool(threads);
      }
      const workers = threads > 1 ? this.workers : undefined;
      const s = await searchPrepared(loaded, prepared, { onProgress: control.stage, onNodes: control.nodes, threads, workers });
      return { search: { json: s.json, nodes: latticeNodes(s.lattice, s.evaluated) } };
    });
  }

  /** The search's worker pool while one runs (started at the first search that wants workers). */
  get searchWorkers(): WorkerPool | undefined {
    return this.workers;
  }

  /** Stops the search's workers (the server calls it when it stops). */
  async dispose(): Promise<void> {
    const workers = this.workers;
    this.workers = undefined;
    await workers?.close();
  }

  /** Writes the current settings and the given levels as a new spec file beside the spec. */
  save(body: unknown): { written: string[] } {
    const { name, levels } = parseRequest(z.strictObject({ name: z.string(), levels: levelsSchema }), body);
    const byName = this.named(levels);
    const file = newOutputPath(path.dirname(this.original.file), name, ['.yaml', '.yml', '.json']);
    const format = path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
    const header = `Saved by edra ${version} explore from ${path.basename(this.original.file)} on ${new Date().toISOString().slice(0, 10)}: the levels and settings chosen in the explorer.`;
    const text = specTextWith(this.original, this.settings, { levels: byName, header, format });
    editedSpec(this.original, this.settings, byName, file); // validated as the CLI will read it
    try {
      fs.writeFileSync(file, text, { flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new HttpError(code === 'EEXIST' ? 409 : 500, `cannot write ${path.basename(file)}: ${code ?? 'write failed'}`);
    }
    return { written: [file] };
  }

  /** Renders the determination report of the data at the given levels (analyze + renderReport, as `edra analyze --report`). */
  startReport(body: unknown): JobJson {
    const { name, levels } = parseRequest(z.strictObject({ name: z.string(), levels: levelsSchema }), body);
    const byName = this.named(levels);
    const file = newOutputPath(this.options.outputDir, name, ['.html', '.htm'], (f) => [reportTwinPath(f)]);
    const loaded = editedSpec(this.original, this.settings, byName);
    return this.jobs.start('report', async (control) => {
      const { result } = await analyze(loaded, { qiContribution: true, onProgress: control.stage, database: this.options.database });
      result.spec = this.options.specArg;
      result.specText = loaded.text;
      result.commandLine = `edra explore ${this.options.specArg} (report at levels ${Object.entries(byName).map(([q, l]) => `${q}=${l}`).join(',')})`;
      control.stage(`writing ${path.basename(file)}`);
      const twin = writeReportFiles(file, renderReport(result));
      return { written: [file, twin], verdict: result.verdict };
    });
  }

  /** Writes the released file at the given levels (anonymize, as `edra anonymize --levels`). */
  startAnonymize(body: unknown): JobJson {
    const { name, levels } = parseRequest(z.strictObject({ name: z.string(), levels: levelsSchema }), body);
    const byName = this.named(levels);
    const file = newOutputPath(this.options.outputDir, name, ['.csv', '.tsv', '.parquet']);
    const loaded = editedSpec(this.original, this.settings, byName);
    return this.jobs.start('anonymize', async (control) => {
      const summary = await anonymize(loaded, { out: file, onProgress: control.stage, database: this.options.database });
      if (!summary.pass) control.stage('nothing written: the node does not meet every threshold');
      return { written: summary.pass ? [file] : [], verdict: summary.pass ? 'pass' : 'fail' };
    });
  }

  private levels(body: unknown): Int32Array {
    const { levels } = parseRequest(z.strictObject({ levels: levelsSchema }), body);
    return this.nodes.levelsOf(levels);
  }

  /** Checked levels by name, every QI named. */
  private named(levels: Record<string, number>): Record<string, number> {
    const lv = this.nodes.levelsOf(levels);
    return this.nodes.lattice.named(this.nodes.lattice.index(lv), this.nodes.names);
  }
}
