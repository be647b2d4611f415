/**
 * Prepares the attribute-disclosure model of each sensitive attribute from the spec: the
 * distance, the value hierarchy or explicit order as codes (files read here), the thresholds.
 * The measures themselves are src/risk/sensitive/evaluate.ts.
 */
import type { Spec, SensitiveThresholds, TDistance } from '../config/spec.js';
import { SpecError } from '../errors.js';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { Database } from '../data/database.js';
import { sensitiveDictionary } from '../data/dictionary.js';
import type { EncodedData, SensitiveData } from '../data/encode.js';
import type { ClassHistograms } from '../model/classHistograms.js';
import { resolveHierarchy } from '../hierarchy/resolve.js';
import { compileValueHierarchy, type CompiledValueHierarchy } from '../risk/sensitive/valueHierarchy.js';
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
    const model = await prepareSensitive(loaded, { data, dictionary: () => sensitiveDictionary(db, j) });
    out.push({ model, histograms: classes ? mergeHistograms(data.histograms, classes.classOf, classes.count) : data.histograms });
  }
  return out;
}

/** Reads what the models of one sensitive attribute need (dictionary, hierarchy, order). */
export async function prepareSensitive(loaded: LoadedSpec, input: SensitiveInput): Promise<SensitiveModel> {
  const { spec, baseDir, file: specFile } = loaded;
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
  if (measure === 'ordered' && data.nullCode >= 0 && !dropNull) {
    // A missing value has no rank in an order: sorting it last would put it above the maximum.
    throw new SpecError(
      `spec sensitive.${name}: ${data.missing} record(s) have no value, and the ordered distance of t-closeness cannot place a missing value in the order; set missing: exclude (or distance: equal) [rule: spec.orderedMissing]`,
      { path: `sensitive.${name}.missing`, rule: 'spec.orderedMissing' },
    );
  }
  const m = data.histograms.valueCount;
  // The policy applies before the tree or order is built: under exclude the missing value's
  // code is dropped from the histograms (codes above it shift down), and so from the domain.
  const domain = async (): Promise<(string | null)[]> => {
    const dict = (await input.dictionary()).slice(0, m);
    return dropNull ? dict.filter((_, code) => code !== data.nullCode) : dict;
  };
  const model: SensitiveModel = {
    name,
    type: data.type,
    missing: data.missing,
    missingValues: settings.missing,
    nullCode: data.nullCode,
    measure,
    thresholds: sensitiveThresholdsOf(spec, name),
  };
  if (measure === 'hierarchical') {
    model.hierarchy = valueHierarchy(await domain(), settings.hierarchy!, settings.hierarchyDelimiter, name, { baseDir, specFile });
  } else if (measure === 'ordered' && settings.order) {
    model.ranks = orderRanks(await domain(), settings.order, name);
  }
  return model;
}


/** The thresholds of one sensitive attribute: the spec's global ones, overridden by its own. */
export function sensitiveThresholdsOf(spec: Spec, name: string): SensitiveThresholds {
  return { ...pickSensitive(spec.thresholds), ...(spec.sensitive[name]?.thresholds ?? {}) };
}

function pickSensitive(t: Spec['thresholds']): SensitiveThresholds {
  const { l, entropyL: el, recursiveCL: rcl, t: tt, beta, enhancedBeta, delta } = t;
  return Object.fromEntries(
    Object.entries({ l, entropyL: el, recursiveCL: rcl, t: tt, beta, enhancedBeta, delta }).filter(([, v]) => v !== undefined),
  ) as SensitiveThresholds;
}

/**
 * The value hierarchy of a sensitive attribute for the hierarchical ground distance,
 * resolved through src/hierarchy exactly as a QI hierarchy is (the same consistency checks
 * and messages; uncovered values counted, never named), then compiled once: levels 1..H of
 * the resolved maps, with an implicit root added above a top level that still has several
 * labels (an ARX file without a final "*" column, as ARX users write them). The missing
 * value is a leaf of its own under the root; under `missing: exclude` it carries no mass.
 */
function valueHierarchy(dict: (string | null)[], file: string, delimiter: string, name: string, loaded: { baseDir: string; specFile: string }): CompiledValueHierarchy {
  const resolved = resolveHierarchy({ file, delimiter }, name, dict, loaded);
  const levels = resolved.maps.slice(1);
  const top = resolved.labels[resolved.height];
  if (resolved.height === 0 || top.length > 1) levels.push(new Int32Array(dict.length));
  return compileValueHierarchy(dict.length, levels);
}

/** Rank of each value code in an explicit order (the domain holds no missing value). */
function orderRanks(dict: (string | null)[], order: readonly string[], name: string): Int32Array {
  const pos = new Map(order.map((v, i) => [v, i]));
  let unknown = 0;
  const ranks = Int32Array.from(dict, (v) => {
    if (v === null) return order.length;
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
