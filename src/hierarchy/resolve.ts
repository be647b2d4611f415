import path from 'node:path';
import type { HierarchySpec } from '../config/hierarchySpec.js';
import { DataError } from '../errors.js';
import { arxGeneralizer, readArxHierarchy } from './arxCsv.js';
import { datesGeneralizer } from './dates.js';
import type { Generalizer, SpecPlace } from './generalizer.js';
import { groupsGeneralizer } from './groups.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';
import { intervalsGeneralizer } from './intervals.js';
import { maskGeneralizer } from './mask.js';

/** Where the spec was read from: relative hierarchy files are resolved against `baseDir`. */
export interface ResolveContext {
  /** Directory of the spec file. */
  baseDir: string;
  /** The spec file as shown to the user (for error messages). */
  specFile: string;
}

/**
 * The generalizer a spec entry describes, its spec-level checks done (SpecError, exit 2).
 * An ARX file is read and checked for consistency here (DataError hierarchy.inconsistent).
 */
export function generalizerFor(spec: HierarchySpec, attribute: string, ctx: ResolveContext): Generalizer {
  const place: SpecPlace = { file: ctx.specFile, path: `hierarchies.${attribute}` };
  if ('file' in spec) return arxGeneralizer(readArxHierarchy(path.resolve(ctx.baseDir, spec.file), spec.file, spec.delimiter), attribute);
  if ('mask' in spec) return maskGeneralizer(spec.mask.levels, spec.top, place);
  if ('intervals' in spec) return intervalsGeneralizer(spec.intervals, spec.top, place);
  if ('dates' in spec) return datesGeneralizer(spec.dates.levels, spec.top, place);
  return groupsGeneralizer(spec.groups, spec.top, place);
}

/**
 * Resolves a QI's hierarchy against its dictionary `values` (distinct values as text indexed
 * by code; `null` = the missing value, at most once). Throws SpecError (exit 2) for a bad
 * spec or an unreadable file, DataError (exit 3) for an inconsistent ARX file or when values
 * are not covered (rule hierarchy.uncovered: counts them, never names them).
 */
export function resolveHierarchy(spec: HierarchySpec, attribute: string, values: readonly (string | null)[], ctx: ResolveContext): ResolvedHierarchy {
  const gen = generalizerFor(spec, attribute, ctx);
  const where = 'file' in spec ? { file: spec.file } : { file: ctx.specFile, path: `hierarchies.${attribute}` };
  return applyGeneralizer(gen, attribute, values, where);
}

/** Values shown by --show-values for an uncovered hierarchy. */
const shownUncovered = 20;

/** The --show-values detail of hierarchy.uncovered: the first values not covered (they are data). */
export function uncoveredDetail(attribute: string, missing: readonly string[]): string {
  const shown = missing.slice(0, shownUncovered).map((v) => JSON.stringify(v));
  return `values of "${attribute}" not covered: ${shown.join(', ')}${missing.length > shownUncovered ? `, and ${missing.length - shownUncovered} more` : ''}`;
}

/**
 * Applies a generalizer to a dictionary:
 * - maps[0] is the identity and labels[0] the values; for l >= 1, group codes are dense and
 *   numbered by first appearance in code order;
 * - the missing value is a group of its own (label null) at every level, except at a level
 *   of full suppression (all non-missing values share the label "*", or the top level has
 *   a single label): it joins that group there (the contract of ResolvedHierarchy);
 * - shares (Iyengar 2002's loss, as ARX computes it in DomainShareMaterialized): share of a
 *   group = leaves under its label / all leaves. Leaves are the rows of an ARX file, and for
 *   the built-ins the distinct non-missing values of the data (their hierarchy has no leaves
 *   of its own; the data's values are the domain they are built over). A level-0 group and
 *   the missing value's own group have 1 / leaves; a missing value joining a group adds
 *   nothing to its share. leaves is at least 1.
 * Uncovered non-missing values raise DataError hierarchy.uncovered with their number.
 */
export function applyGeneralizer(
  gen: Generalizer,
  attribute: string,
  values: readonly (string | null)[],
  where: { file: string; path?: string },
): ResolvedHierarchy {
  const n = values.length;
  const nullCodes = values.reduce((c, v) => c + (v === null ? 1 : 0), 0);
  if (nullCodes > 1) throw new RangeError(`dictionary of "${attribute}" holds the missing value ${nullCodes} times`);
  const H = gen.height;
  const chains: (readonly string[] | undefined)[] = values.map((v) => (v === null ? undefined : gen.generalize(v)));
  const nonMissing = n - nullCodes;
  const missing = values.filter((v, code): v is string => v !== null && chains[code] === undefined);
  if (missing.length > 0) {
    const at = where.path ? ` spec ${where.path}:` : '';
    throw new DataError(
      `${where.file}:${at} ${missing.length} of ${nonMissing} distinct value(s) of attribute "${attribute}" are not covered by the ${gen.kind === 'file' ? 'hierarchy file' : `${gen.kind} hierarchy`} [rule: hierarchy.uncovered]; --show-values names them`,
      { file: where.file, column: attribute, ...(where.path ? { path: where.path } : {}), rule: 'hierarchy.uncovered' },
      uncoveredDetail(attribute, missing),
    );
  }

  const leaves = Math.max(1, gen.leaves ? gen.leaves.total : nonMissing);
  const maps: Int32Array[] = [Int32Array.from({ length: n }, (_, i) => i)];
  const labels: (string | null)[][] = [[...values]];
  const shares: Float64Array[] = [new Float64Array(n).fill(1 / leaves)];

  for (let l = 1; l <= H; l++) {
    const labelOf = (code: number) => chains[code]![l - 1];
    let single: string | undefined;
    let full = nonMissing > 0;
    for (let code = 0; code < n && full; code++) {
      if (values[code] === null) continue;
      const lab = labelOf(code);
      if (single === undefined) single = lab;
      else if (lab !== single) full = false;
    }
    // Only a real full suppression ("*", or the top level) absorbs the missing value: a level
    // where the data's values happen to share one label (all dates in one year) does not.
    if (full && single !== '*' && l < H) full = false;
    const map = new Int32Array(n);
    const labs: (string | null)[] = [];
    const members: number[] = [];
    if (full) {
      labs.push(single!);
      members.push(nonMissing);
    } else {
      const ids = new Map<string, number>();
      for (let code = 0; code < n; code++) {
        if (values[code] === null) {
          map[code] = labs.length;
          labs.push(null);
          members.push(0);
          continue;
        }
        const lab = labelOf(code);
        let g = ids.get(lab);
        if (g === undefined) {
          g = labs.length;
          ids.set(lab, g);
          labs.push(lab);
          members.push(0);
        }
        map[code] = g;
        members[g]++;
      }
    }
    const share = new Float64Array(labs.length);
    labs.forEach((lab, g) => {
      if (lab === null) share[g] = 1 / leaves;
      else share[g] = (gen.leaves ? gen.leaves.under(l, lab) : members[g]) / leaves;
    });
    maps.push(map);
    labels.push(labs);
    shares.push(share);
  }

  return {
    attribute,
    height: H,
    maps,
    labels,
    shares,
    leaves,
    kind: gen.kind,
    sizes: labels.map((l) => l.length),
    domain: (level) => {
      if (!Number.isInteger(level) || level < 0 || level > H) throw new RangeError(`level ${level} outside 0..${H}`);
      return gen.domain(level);
    },
  };
}
