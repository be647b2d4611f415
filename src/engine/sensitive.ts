/**
 * Prepares the attribute-disclosure model of each sensitive attribute from the spec: the
 * distance, the value hierarchy or explicit order as codes (files read here), the thresholds.
 * The measures themselves are src/risk/sensitive/evaluate.ts.
 */
import path from 'node:path';
import type { Spec, SensitiveThresholds, TDistance } from '../config/spec.js';
import { DataError, SpecError } from '../errors.js';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { Database } from '../data/database.js';
import { sensitiveDictionary } from '../data/dictionary.js';
import type { EncodedData, SensitiveData } from '../data/encode.js';
import type { ClassHistograms } from '../model/classHistograms.js';
import { uncoveredDetail } from '../hierarchy/resolve.js';
import { readArxHierarchy } from '../hierarchy/arxCsv.js';
import { mergeHistograms } from '../risk/sensitive/mergeHistograms.js';
import type { SensitiveModel } from '../risk/sensitive/evaluate.js';

export interface SensitiveInput {
  data: SensitiveData;
  /** Text of each dictionary code (for hierarchies / explicit orders); loaded on demand. */
  dictionary: () => Promise<(string | null)[]>;
}

const numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|DATE|TIMESTAMP|TIME)/i;

/**
 * The model of each sensitive attribute and its histograms per class (classOf maps the
 * encoded groups to classes; without it the classes are the groups), for the verdict.
 */
export async function sensitiveClasses(
  db: Database,
  loaded: LoadedSpec,
  encoded: EncodedData,
  classes?: { classOf: Int32Array; count: number },
): Promise<{ model: SensitiveModel; histograms: ClassHistograms }[]> {
  const out = [];
  for (let j = 0; j < encoded.sensitive.length; j++) {
    const data = encoded.sensitive[j];
    const model = await prepareSensitive(loaded.spec, loaded.baseDir, { data, dictionary: () => sensitiveDictionary(db, j) });
    out.push({ model, histograms: classes ? mergeHistograms(data.histograms, classes.classOf, classes.count) : data.histograms });
  }
  return out;
}

/** Reads what the models of one sensitive attribute need (dictionary, hierarchy, order). */
export async function prepareSensitive(spec: Spec, baseDir: string, input: SensitiveInput): Promise<SensitiveModel> {
  const { data } = input;
  const name = data.name;
  const settings = spec.sensitive[name] ?? { missing: 'ownValue' as const, hierarchyDelimiter: ';' };
  const measure: TDistance = settings.distance ?? (settings.hierarchy ? 'hierarchical' : numericType.test(data.type) ? 'ordered' : 'equal');
  if (measure === 'hierarchical' && !settings.hierarchy) {
    throw new SpecError(`spec sensitive.${name}: distance "hierarchical" needs a hierarchy file [rule: spec.hierarchyMissing]`, {
      path: `sensitive.${name}.hierarchy`,
      rule: 'spec.hierarchyMissing',
    });
  }
  const dropNull = settings.missing === 'exclude' && data.nullCode >= 0;
  const nullCode = dropNull ? -1 : data.nullCode;
  const m = data.histograms.valueCount;
  const model: SensitiveModel = {
    name,
    type: data.type,
    missing: data.missing,
    missingValues: settings.missing,
    nullCode: data.nullCode,
    measure,
    thresholds: { ...pickSensitive(spec.thresholds), ...(settings.thresholds ?? {}) },
  };
  if (measure === 'hierarchical') {
    const dict = (await input.dictionary()).slice(0, m);
    model.hierarchyLevels = hierarchyLevels(dict, nullCode, path.resolve(baseDir, settings.hierarchy!), settings.hierarchy!, settings.hierarchyDelimiter, name);
  } else if (measure === 'ordered' && settings.order) {
    const dict = (await input.dictionary()).slice(0, m);
    model.ranks = orderRanks(dict, nullCode, settings.order, name);
  }
  return model;
}


function pickSensitive(t: Spec['thresholds']): SensitiveThresholds {
  const { l, entropyL: el, recursiveCL: rcl, t: tt, beta, enhancedBeta, delta } = t;
  return Object.fromEntries(
    Object.entries({ l, entropyL: el, recursiveCL: rcl, t: tt, beta, enhancedBeta, delta }).filter(([, v]) => v !== undefined),
  ) as SensitiveThresholds;
}

/**
 * Maps the attribute's values to the levels of an ARX hierarchy: levels[i][v] = group id of
 * value v at level i+1 (ids numbered by first appearance). A missing value (own value) is a
 * leaf of its own under the root. Values the file does not list are a data error counting
 * them, never naming them.
 */
function hierarchyLevels(dict: (string | null)[], nullCode: number, file: string, display: string, delimiter: string, name: string): Int32Array[] {
  const table = readArxHierarchy(file, display, delimiter);
  const rowOf = new Map<string, string[]>();
  for (const r of table.rows) rowOf.set(r[0], r);
  const m = dict.length;
  const missing: string[] = [];
  const rows = dict.map((v, code) => {
    if (code === nullCode || v === null) return undefined;
    const r = rowOf.get(v);
    if (!r) missing.push(v);
    return r;
  });
  if (missing.length > 0) {
    throw new DataError(
      `${display}: ${missing.length} value(s) of sensitive attribute "${name}" are not covered by the hierarchy [rule: hierarchy.uncovered]; --show-values names them`,
      { file: display, column: name, rule: 'hierarchy.uncovered' },
      uncoveredDetail(name, missing),
    );
  }
  const height = table.levels - 1;
  const levels: Int32Array[] = [];
  for (let i = 1; i <= Math.max(1, height); i++) {
    const ids = new Map<string, number>();
    const level = new Int32Array(m);
    for (let v = 0; v < m; v++) {
      const r = rows[v];
      // The top level is the single root; a missing value sits alone below it.
      const label = i === Math.max(1, height) ? '\u0000root' : r ? `L:${r[Math.min(i, height)]}` : '\u0000missing';
      let id = ids.get(label);
      if (id === undefined) ids.set(label, (id = ids.size));
      level[v] = id;
    }
    levels.push(level);
  }
  return levels;
}

/** Rank of each value code in an explicit order (missing value last). */
function orderRanks(dict: (string | null)[], nullCode: number, order: readonly string[], name: string): Int32Array {
  const pos = new Map(order.map((v, i) => [v, i]));
  let unknown = 0;
  const ranks = Int32Array.from(dict, (v, code) => {
    if (code === nullCode || v === null) return order.length;
    const r = pos.get(v);
    if (r === undefined) unknown++;
    return r ?? -1;
  });
  if (unknown > 0) {
    throw new SpecError(`spec sensitive.${name}.order: ${unknown} value(s) of the attribute are not in the order list [rule: spec.orderIncomplete]`, {
      path: `sensitive.${name}.order`,
      rule: 'spec.orderIncomplete',
    });
  }
  // Compact the ranks to 0..m-1 in order.
  const sorted = [...new Set(ranks)].sort((a, b) => a - b);
  const compact = new Map(sorted.map((r, i) => [r, i]));
  return Int32Array.from(ranks, (r) => compact.get(r)!);
}
