/**
 * The classes of the data under the spec's missing-value policy: the groups themselves
 * (ownValue), the groups without a missing QI (exclude), or the groups with the class size
 * each record sees when a missing value matches any value (wildcard).
 */
import type { MissingValuePolicy } from '../config/spec.js';
import { DataError } from '../errors.js';
import type { ClassSizes } from '../model/classSizes.js';
import type { FrequencyTable } from '../model/frequencyTable.js';
import { excludeMissing, partitionSizes, wildcardSizes } from '../risk/classSizes.js';

export interface ClassSet {
  /** The table of the classes (the groups, or the groups kept under `exclude`). */
  table: FrequencyTable;
  classes: ClassSizes;
  /** classOf[g]: class of encoded group g (-1: excluded); absent when the classes are the groups. */
  classOf?: Int32Array;
  /** Records left out (missing QI under `exclude`). */
  excluded: number;
  notes: string[];
}

/** Applies the policy to the encoded groups. */
export function classesUnderPolicy(groups: FrequencyTable, policy: MissingValuePolicy, display: string): ClassSet {
  if (policy === 'exclude') {
    const ex = excludeMissing(groups);
    if (ex.table.records === 0) {
      throw new DataError(`${display}: every record has a missing quasi-identifier value: nothing is left under missingValues: exclude [rule: data.allExcluded]`, {
        file: display,
        rule: 'data.allExcluded',
      });
    }
    const classOf = new Int32Array(groups.counts.length).fill(-1);
    ex.kept.forEach((g, i) => (classOf[g] = i));
    return {
      table: ex.table,
      classes: partitionSizes(ex.table),
      classOf,
      excluded: ex.excluded,
      notes: [`missing values: ${ex.excluded} records with a missing quasi-identifier were excluded from the classes (policy "exclude"); they still count in the sampling fraction.`],
    };
  }
  if (policy === 'wildcard') {
    return {
      table: groups,
      classes: wildcardSizes(groups),
      excluded: 0,
      notes: ['missing values: a missing quasi-identifier value matches any value (policy "wildcard", as sdcMicro freqCalc); classes overlap, and a record\'s class size is the number of records compatible with it.'],
    };
  }
  const hasMissing = Array.from(groups.nullCodes).some((c) => c >= 0);
  return {
    table: groups,
    classes: partitionSizes(groups),
    excluded: 0,
    notes: hasMissing ? ['missing values: a missing quasi-identifier value is a value of its own (policy "ownValue", as ARX).'] : [],
  };
}

/** Sums a per-group array by class (classOf[g] = class or -1). */
export function sumByClass(values: ArrayLike<number>, classOf: Int32Array, classes: number): Float64Array {
  const out = new Float64Array(classes);
  for (let g = 0; g < classOf.length; g++) if (classOf[g] >= 0) out[classOf[g]] += values[g];
  return out;
}
