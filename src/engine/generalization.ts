/**
 * What generalization needs from a run: each QI's hierarchy resolved against its
 * dictionary, the sampling fraction, and before/after risk snapshots.
 */
import type { AdversaryModel, Spec } from '../config/spec.js';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { HierarchySpec } from '../config/hierarchySpec.js';
import type { Database } from '../data/database.js';
import { quasiIdentifierDictionary } from '../data/dictionary.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import { identityHierarchy } from '../hierarchy/identity.js';
import { resolveHierarchy } from '../hierarchy/resolve.js';
import { checkHierarchyAttributes } from '../hierarchy/attributes.js';
import type { ClassSizes } from '../model/classSizes.js';
import { journalistRisk, marketerRisk, prosecutorRisk } from '../risk/adversary.js';
import type { RiskSnapshot } from '../contracts/measures.js';
import { SpecError } from '../errors.js';
import { nearestName } from '../config/nearestName.js';

/**
 * The hierarchy of every QI (in spec order), resolved against the dictionaries the encode
 * pass left in DuckDB; a QI without one keeps its values (height 0).
 */
export async function quasiIdentifierHierarchies(db: Database, loaded: LoadedSpec): Promise<ResolvedHierarchy[]> {
  const { spec } = loaded;
  const qis = spec.attributes.quasiIdentifiers;
  checkHierarchyAttributes(spec.hierarchies, qis, loaded.file);
  const out: ResolvedHierarchy[] = [];
  for (let q = 0; q < qis.length; q++) {
    const values = await quasiIdentifierDictionary(db, q);
    const h = spec.hierarchies[qis[q]] as HierarchySpec | undefined;
    out.push(h ? resolveHierarchy(h, qis[q], values, { baseDir: loaded.baseDir, specFile: loaded.file }) : identityHierarchy(qis[q], values));
  }
  return out;
}

/** pi = n / N when the spec gives N, its samplingFraction, else 1 (the data is the population). */
export function samplingFractionOf(spec: Spec, n: number): number {
  if (spec.population?.size !== undefined) return Math.min(1, n / spec.population.size);
  return spec.population?.samplingFraction ?? 1;
}

/** Risk figures of a set of classes (F_k = f_k / pi), for before/after tables. */
export function riskSnapshot(cs: ClassSizes, samplingFraction: number, models: readonly AdversaryModel[]): RiskSnapshot {
  const F = Float64Array.from(cs.sizes, (f) => f / samplingFraction);
  const p = prosecutorRisk(cs, []);
  let uniques = 0;
  let k = Infinity;
  for (let c = 0; c < cs.sizes.length; c++) {
    if (cs.sizes[c] === 1) uniques += cs.records[c];
    if (cs.sizes[c] < k) k = cs.sizes[c];
  }
  return {
    k: cs.sizes.length ? k : 0,
    classes: cs.sizes.length,
    sampleUniques: uniques,
    prosecutorHighest: p.highest,
    prosecutorAverage: p.average,
    ...(models.includes('journalist') ? { journalistHighest: journalistRisk(cs, F, cs.n / samplingFraction, []).highest } : {}),
    ...(models.includes('marketer') ? { marketerExpected: marketerRisk(cs, F).expected } : {}),
  };
}

/** Levels per QI from a by-name record (QIs not named stay at 0), checked against the heights. */
export function levelsFromNames(byName: Record<string, number>, qis: readonly { name: string; height: number }[], file: string): Int32Array {
  for (const name of Object.keys(byName)) {
    if (!qis.some((q) => q.name === name)) {
      const near = nearestName(name, qis.map((q) => q.name));
      throw new SpecError(`--levels: "${name}" is not a quasi-identifier${near ? `; did you mean "${near}"?` : ''} [rule: cli.levels]`, { file, rule: 'cli.levels' });
    }
  }
  return Int32Array.from(qis, ({ name, height }) => {
    const l = byName[name] ?? 0;
    if (!Number.isInteger(l) || l < 0 || l > height) {
      throw new SpecError(`--levels: ${name}=${l} is not a level of its hierarchy (0..${height}) [rule: cli.levels]`, { file, rule: 'cli.levels' });
    }
    return l;
  });
}

/** Sums a per-group array by class (classOf[g] = class or -1). */
export function sumByClass(values: Float64Array, classOf: Int32Array, classes: number): Float64Array {
  const out = new Float64Array(classes);
  for (let g = 0; g < classOf.length; g++) if (classOf[g] >= 0) out[classOf[g]] += values[g];
  return out;
}
