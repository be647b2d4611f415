/**
 * `edra anonymize`: apply a generalization (the search optimum, or levels given by hand) to
 * the data and write the transformed table.
 */
import type { LoadedSpec } from '../config/loadSpec.js';
import { openDatabase } from '../data/database.js';
import { writeAnonymized } from '../data/anonymizedWriter.js';
import { applyLevels } from '../search/applyLevels.js';
import { NodeEvaluator } from '../search/evaluator.js';
import { Lattice } from '../search/lattice.js';
import type { ThresholdLine } from '../model/thresholdLine.js';
import { fileDatasetOf } from './remoteDataset.js';
import { prepareSearch, runPreparedSearch, type SearchOptions } from './search.js';
import { levelsFromNames } from './generalization.js';
import type { SearchJson } from '../contracts/search.js';

export interface AnonymizeOptions extends SearchOptions {
  /** Levels by QI name (others at 0); without them the spec's `levels`, else the search's optimum. */
  levels?: Record<string, number>;
  /** Output file (.csv, .tsv or .parquet). */
  out: string;
}

/** What `edra anonymize` did (PHI-free). */
export interface AnonymizeSummary {
  output: string;
  levels: Record<string, number>;
  /** Records written. */
  rows: number;
  /** Records suppressed (dropped, or masked with "*"). */
  suppressed: number;
  suppressedAs: 'drop' | 'mask';
  /** Records left out because a QI was missing (missingValues: exclude). */
  excluded: number;
  /** The node's threshold lines (as edra analyze computes them on the output). */
  thresholds: ThresholdLine[];
  /** True when every threshold holds (nothing is written otherwise). */
  pass: boolean;
  /** The search, when levels were not given. */
  search?: SearchJson;
}

/** Applies the optimum (or the given levels) and writes the transformed table atomically. */
export async function anonymize(loaded: LoadedSpec, options: AnonymizeOptions): Promise<AnonymizeSummary> {
  fileDatasetOf(loaded, 'the anonymized file (anonymize)');
  const db = await openDatabase(options.database);
  try {
    const { spec } = loaded;
    const prepared = await prepareSearch(db, loaded, options);
    const { hierarchies, payload } = prepared;
    const names = hierarchies.map((h) => h.attribute);
    let levels: Int32Array;
    let searchJson: SearchJson | undefined;
    const given = options.levels ?? spec.levels;
    if (given) {
      levels = levelsFromNames(given, hierarchies.map((h) => ({ name: h.attribute, height: h.height })), loaded.file, options.levels ? '--levels' : 'spec levels');
    } else {
      searchJson = await runPreparedSearch(loaded, prepared, options);
      if (!searchJson.optimum) {
        return { output: options.out, levels: {}, rows: 0, suppressed: 0, suppressedAs: spec.search?.suppressed ?? 'drop', excluded: 0, thresholds: [], pass: false, search: searchJson };
      }
      levels = Int32Array.from(names, (n) => searchJson!.optimum!.levels[n]);
    }
    const lattice = new Lattice(payload.heights);
    const node = lattice.index(levels);
    const check = new NodeEvaluator(payload).evaluate(node, levels, true);
    const applied = applyLevels(prepared.table, hierarchies, levels, payload.settings.requiredSize, payload.settings.maxSuppressed, payload.settings.suppressed);
    const excluded = prepared.encoded.table.records - prepared.table.records;
    const mode = spec.search?.suppressed ?? 'drop';
    const summary: AnonymizeSummary = {
      output: options.out,
      levels: lattice.named(node, names),
      rows: 0,
      suppressed: applied.suppressed,
      suppressedAs: mode,
      excluded,
      thresholds: check.lines ?? [],
      pass: check.feasible,
      ...(searchJson ? { search: searchJson } : {}),
    };
    if (!check.feasible) return summary;

    // Per encoded group: its labels, "*" everywhere when suppressed and masked, or dropped.
    const enc = prepared.encoded.table;
    const labels: ((string | null)[] | null)[] = new Array(enc.counts.length).fill(null);
    let rows = 0;
    for (let g = 0; g < enc.counts.length; g++) {
      const t = prepared.classOf ? prepared.classOf[g] : g;
      if (t < 0) continue; // excluded (missing QI under "exclude")
      if (applied.classOf[t] < 0) continue; // suppressed and dropped
      if (applied.classOf[t] === applied.maskedClass) {
        // Suppressed and masked: one all-"*" class, counted by the verdict like any other.
        labels[g] = names.map(() => '*');
        rows += enc.counts[g];
        continue;
      }
      labels[g] = hierarchies.map((h, q) => h.labels[levels[q]][h.maps[levels[q]][enc.codes[q][g]]]);
      rows += enc.counts[g];
    }
    options.onProgress?.(`writing ${options.out}`);
    if (prepared.source.kind !== 'file') throw new Error('anonymize on a remote table'); // refused above
    await writeAnonymized(db, prepared.source, spec.attributes.quasiIdentifiers, spec.attributes.identifying, { labels }, options.out);
    summary.rows = rows;
    return summary;
  } finally {
    db.close();
  }
}
