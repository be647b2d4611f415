/**
 * What generalization needs from a run: each QI's hierarchy resolved against its
 * dictionary, the population frame, and before/after risk snapshots.
 */
import type { AdversaryModel } from '../config/spec.js';
import type { LoadedSpec } from '../config/loadSpec.js';
import type { HierarchySpec } from '../config/hierarchySpec.js';
import type { Database } from '../data/database.js';
import { quasiIdentifierDictionary } from '../data/dictionary.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import { identityHierarchy } from '../hierarchy/identity.js';
import { resolveHierarchy } from '../hierarchy/resolve.js';
import { checkHierarchyAttributes } from '../hierarchy/attributes.js';
import type { ClassSizes } from '../model/classSizes.js';
import { prosecutorRisk } from '../risk/adversary/prosecutor.js';
import { journalistRisk } from '../risk/adversary/journalist.js';
import { marketerRisk } from '../risk/adversary/marketer.js';
import { classPopulationSizes, FrameError, populationFrame, type PopulationFrame } from '../risk/verdict/frame.js';
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

/**
 * The run's population frame (src/risk/verdict/frame.ts), decided once from the spec and
 * all the records read; a frame that cannot be (N below the records) is a spec error.
 */
export function frameOf(loaded: LoadedSpec, rows: number, populationTotal?: number): PopulationFrame {
  try {
    return populationFrame(loaded.spec.population, rows, populationTotal);
  } catch (e) {
    if (!(e instanceof FrameError)) throw e;
    const at = e.rule === 'spec.populationSize' && loaded.spec.population?.size !== undefined ? 'population.size' : 'population';
    throw new SpecError(`${loaded.file}: ${e.message} [rule: ${e.rule}]`, { file: loaded.file, path: at, rule: e.rule });
  }
}

/** Risk figures of a set of classes in the run's frame, for before/after tables. */
export function riskSnapshot(cs: ClassSizes, frame: PopulationFrame, models: readonly AdversaryModel[]): RiskSnapshot {
  const { sizes: F } = classPopulationSizes(frame, cs);
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
    ...(models.includes('journalist') ? { journalistHighest: journalistRisk(cs, F, frame.size, []).highest } : {}),
    ...(models.includes('marketer') ? { marketerExpected: marketerRisk(cs, F).expected } : {}),
  };
}

/**
 * Levels per QI from a by-name record (QIs not named stay at 0), checked against the heights.
 * `origin` names where they were given in errors: `--levels` or the spec's `levels`.
 */
export function levelsFromNames(byName: Record<string, number>, qis: readonly { name: string; height: number }[], file: string, origin = '--levels'): Int32Array {
  const fromSpec = origin !== '--levels';
  const rule = fromSpec ? 'spec.levels' : 'cli.levels';
  const where = fromSpec ? `${file}: ${origin}` : origin;
  for (const name of Object.keys(byName)) {
    if (!qis.some((q) => q.name === name)) {
      const near = nearestName(name, qis.map((q) => q.name));
      throw new SpecError(`${where}: "${name}" is not a quasi-identifier${near ? `; did you mean "${near}"?` : ''} [rule: ${rule}]`, { file, rule });
    }
  }
  return Int32Array.from(qis, ({ name, height }) => {
    const l = byName[name] ?? 0;
    if (!Number.isInteger(l) || l < 0 || l > height) {
      throw new SpecError(`${where}: ${name}=${l} is not a level of its hierarchy (0..${height}) [rule: ${rule}]`, { file, rule });
    }
    return l;
  });
}
