/**
 * `edra analyze --levels`: the classes of the data generalized to given hierarchy levels,
 * with record suppression as the search and anonymize apply it (src/risk/verdict/
 * suppression.ts), so the measures that follow are those of the output anonymize writes.
 */
import type { LoadedSpec } from '../config/loadSpec.js';
import type { ResolvedThresholds } from '../config/thresholds.js';
import { DataError, SpecError } from '../errors.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import type { TransformationJson } from '../contracts/analysis.js';
import { partitionSizes } from '../risk/classSizes.js';
import type { PopulationFrame } from '../risk/verdict/frame.js';
import { requiredClassSize } from '../risk/verdict/requiredSize.js';
import { hierarchySummary } from '../hierarchy/summary.js';
import type { NextLevel } from '../risk/qiContribution.js';
import { applyLevels, groupCodesOf, nextLevelMaps, type AppliedLevels } from '../search/applyLevels.js';
import { transformationUtility } from '../search/qiUtility.js';
import type { UtilityJson } from '../contracts/utility.js';
import type { FrequencyTable } from '../model/frequencyTable.js';
import type { ClassSet } from './classSet.js';
import { levelsFromNames, riskSnapshot } from './generalization.js';
import { gather } from '../risk/gather.js';

/** --levels needs classes that partition the records and a frame that generalizes: checked before any data is read. */
export function checkLevelsSpec(loaded: LoadedSpec): void {
  const { spec } = loaded;
  if (spec.missingValues === 'wildcard') {
    throw new SpecError(`${loaded.file}: --levels needs missingValues ownValue or exclude (wildcard classes overlap) [rule: spec.levelsWildcard]`, { file: loaded.file, rule: 'spec.levelsWildcard' });
  }
  if (spec.population?.table) {
    throw new SpecError(`${loaded.file}: --levels cannot use a population table (its counts are per original QI combination) [rule: spec.levelsPopulationTable]`, {
      file: loaded.file,
      rule: 'spec.levelsPopulationTable',
    });
  }
}

/**
 * The generalized classes, the transformation's JSON (with the information loss of the output
 * under every metric), a note saying what was done, and each QI's next level from the node
 * (for the per-QI contribution).
 */
export function generalizeClasses(
  loaded: LoadedSpec,
  set: ClassSet,
  hierarchies: readonly ResolvedHierarchy[],
  byName: Record<string, number>,
  frame: PopulationFrame,
  thresholds: ResolvedThresholds,
  display: string,
): { set: ClassSet; transformation: TransformationJson; note: string; next: (NextLevel | undefined)[] } {
  const { spec } = loaded;
  const qis = spec.attributes.quasiIdentifiers;
  const levels = levelsFromNames(byName, hierarchies.map((h) => ({ name: h.attribute, height: h.height })), loaded.file, byName === loaded.spec.levels ? 'spec levels' : '--levels');
  const required = requiredClassSize(spec.adversary, thresholds, frame);
  const limit = spec.search?.suppressionLimit ?? 0;
  const mode = spec.search?.suppressed ?? 'drop';
  const applied = applyLevels(set.table, hierarchies, levels, required, Math.floor(limit * set.classes.n), mode);
  const classes = partitionSizes(applied.table);
  if (classes.n === 0) throw new DataError(`${display}: every record was suppressed [rule: data.allSuppressed]`, { file: display, rule: 'data.allSuppressed' });
  const classOf = set.classOf ? gather(applied.classOf, set.classOf) : applied.classOf;
  const transformation: TransformationJson = {
    levels: Object.fromEntries(qis.map((q, i) => [q, levels[i]])),
    heights: Object.fromEntries(hierarchies.map((h) => [h.attribute, h.height])),
    hierarchies: hierarchies.map(hierarchySummary),
    suppressed: applied.suppressed,
    suppressedAs: mode,
    suppressionLimit: limit,
    requiredClassSize: required,
    before: riskSnapshot(set.classes, frame, spec.adversary),
    after: riskSnapshot(classes, frame, spec.adversary),
    utility: utilityOf(set.table, hierarchies, levels, applied, required, mode),
  };
  const what = applied.suppressed ? `; ${applied.suppressed} records in classes below ${required} were suppressed (${mode === 'mask' ? 'masked: one class of all "*"' : 'dropped'})` : '';
  const note = `generalized to levels ${qis.map((q, i) => `${q}=${levels[i]}`).join(', ')}${what}: the measures below are those of the transformed data.`;
  const next = nextLevelMaps(hierarchies, levels, applied.maskedClass >= 0);
  return { set: { table: applied.table, classes, classOf, excluded: set.excluded, notes: set.notes }, transformation, note, next };
}

/**
 * The information loss of `levels` applied to `table` (src/search/qiUtility.ts), with the
 * suppression `applied` did. Which values change is read from the hierarchies' labels here
 * (a value's label at the level against the value itself); only counts leave this function.
 */
export function utilityOf(
  table: FrequencyTable,
  hierarchies: readonly ResolvedHierarchy[],
  levels: ArrayLike<number>,
  applied: AppliedLevels,
  required: number,
  mode: 'drop' | 'mask',
): UtilityJson {
  const changed = hierarchies.map((h, q) => {
    const l = levels[q];
    const original = h.labels[0];
    return Uint8Array.from(h.maps[l], (group, v) => (h.labels[l][group] === original[v] ? 0 : 1));
  });
  const starGroup = hierarchies.map((h, q) => h.labels[levels[q]].indexOf('*'));
  return transformationUtility(groupCodesOf(table, hierarchies), applied.nodeClasses, {
    names: hierarchies.map((h) => h.attribute),
    heights: hierarchies.map((h) => h.height),
    shares: hierarchies.map((h) => h.shares),
    leaves: hierarchies.map((h) => h.leaves),
    levels,
    required,
    suppressed: applied.suppressed,
    masked: mode === 'mask',
    changed,
    starGroup,
  });
}
