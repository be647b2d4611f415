/**
 * The release planner: turns the spec's `release` section into calibrated mechanisms, cell
 * domains and a budget statement, without reading any data. Every check that can refuse a
 * release (budget, domains, mechanism against budget unit, bounds) happens here, so a
 * refused release touches nothing and writes nothing.
 */
import type { NeighbourRelation, ReleaseMechanism, ReleaseSpec, ReleaseStatistic, ReleaseTableSpec } from '../config/releaseSpec.js';
import { SpecError } from '../errors.js';
import { composeBudget, type BudgetStatement, type PrivacyBudget, type PrivacyCharge } from './accountant.js';
import { cellDomain, MAX_CELLS, type CellDomain, type DomainValue } from './domain.js';
import { discreteGaussianMechanism, discreteLaplaceMechanism, MAX_NOISE_SCALE, noiseScaleOf, noiseScaleWithinLimit, type NoiseMechanism } from './mechanism.js';
import { add, compare, div, floorOf, fromDecimal, mul, rational, sub, toNumber, type Rational } from './rational.js';
import { countSensitivity, tableSensitivity, type Sensitivity } from './sensitivity.js';
import { pureToZcdp } from './zcdp.js';

/** Hierarchy domains, as the planner needs them (supplied by the engine). */
export interface HierarchyDomains {
  /** True when the spec declares a hierarchy for the column. */
  has(column: string): boolean;
  /** Highest level of the column's hierarchy. */
  height(column: string): number;
  /** The labels the hierarchy declares at a level independently of the data, else undefined. */
  domain(column: string, level: number): readonly string[] | undefined;
}

/** No hierarchies at all. */
export const noHierarchies: HierarchyDomains = {
  has: () => false,
  height: () => 0,
  domain: () => undefined,
};

/** Clamping and discretisation of a summed column. */
export interface PlannedBounds {
  column: string;
  lower: number;
  upper: number;
  /** Grid step: values are rounded to multiples of it and summed as integers. */
  granularity: Rational;
  /** ceil(lower / granularity), floor(upper / granularity): the clamping range in grid steps. */
  lowerUnits: bigint;
  upperUnits: bigint;
}

/** One table, calibrated. */
export interface ReleaseTablePlan {
  name: string;
  /** Position in the spec's table list. */
  index: number;
  groupBy: string[];
  /** Hierarchy level per group-by column (0 when none is given). */
  levels: Record<string, number>;
  statistic: ReleaseStatistic;
  mechanism: ReleaseMechanism;
  domain: CellDomain;
  /** What the table spends. */
  charge: PrivacyCharge;
  bounds?: PlannedBounds;
  /** Noise of the count (count) or of the sum in grid steps (sum, mean). */
  noise: NoiseMechanism;
  /** Mean only: noise of the count of values (half of the table's share). */
  countNoise?: NoiseMechanism;
  sensitivity: Sensitivity;
  postProcess: { nonNegative: boolean; round?: number; consistentWith?: string };
  /** Statistic units per integer unit of the noisy sum: 1 for counts, the granularity for sums. */
  unit: number;
}

export interface ReleasePlan {
  neighbours: NeighbourRelation;
  /** The privacy unit: a person column with a record cap, or one record. */
  privacyUnit: { column: string | null; maxRecords: number };
  budget: BudgetStatement;
  tables: ReleaseTablePlan[];
  /** Data-independent statements for the output (never a count from the data). */
  notes: string[];
}

const RESERVED_COLUMNS = new Set(['table', 'value', 'lower', 'upper', 'unsafe_seed']);

function specError(message: string, path: string, rule: string, column?: string): SpecError {
  return new SpecError(`spec ${path}: ${message} [rule: ${rule}]`, { path, rule, ...(column !== undefined ? { column } : {}) });
}

function budgetOf(release: ReleaseSpec): PrivacyBudget {
  const b = release.budget;
  if (b.rho !== undefined) return { kind: 'zcdp', rho: fromDecimal(b.rho, 'release.budget.rho'), delta: b.delta };
  const epsilon = fromDecimal(b.epsilon!, 'release.budget.epsilon');
  return b.delta !== undefined ? { kind: 'approx', epsilon, delta: b.delta } : { kind: 'pure', epsilon };
}

/**
 * Each table's share. Explicit shares are taken as written (exact decimals). Tables without
 * one split what is left equally: under { epsilon } for discrete Laplace tables, under { rho }
 * for discrete Gaussian tables; otherwise the share must be given (release.shareMissing).
 */
function charges(release: ReleaseSpec, budget: PrivacyBudget): PrivacyCharge[] {
  const tables = release.tables;
  tables.forEach((t, i) => {
    if (t.mechanism === 'discreteLaplace' && t.rho !== undefined) {
      throw specError('a discreteLaplace table spends epsilon, not rho', `release.tables.${i}.rho`, 'release.shareUnit');
    }
    if (t.mechanism === 'discreteGaussian' && t.epsilon !== undefined) {
      throw specError('a discreteGaussian table spends rho (zCDP), not epsilon', `release.tables.${i}.epsilon`, 'release.shareUnit');
    }
  });
  const explicit = tables.map((t, i) =>
    t.epsilon !== undefined ? fromDecimal(t.epsilon, `release.tables.${i}.epsilon`) : t.rho !== undefined ? fromDecimal(t.rho, `release.tables.${i}.rho`) : undefined,
  );
  const missing = tables.map((_, i) => i).filter((i) => explicit[i] === undefined);
  let share: Rational | undefined;
  if (missing.length > 0) {
    const native = budget.kind === 'pure' ? 'discreteLaplace' : budget.kind === 'zcdp' ? 'discreteGaussian' : undefined;
    const bad = missing.find((i) => tables[i].mechanism !== native);
    if (bad !== undefined) {
      const what = tables[bad].mechanism === 'discreteLaplace' ? 'epsilon' : 'rho';
      throw specError(
        `table "${tables[bad].name}" gives no ${what}: a share can be left out only under an { epsilon } budget (discreteLaplace) or a { rho } budget (discreteGaussian)`,
        `release.tables.${bad}`,
        'release.shareMissing',
      );
    }
    const total = budget.kind === 'pure' ? budget.epsilon : (budget as { rho: Rational }).rho;
    let used = rational(0n);
    explicit.forEach((e, i) => {
      if (e === undefined) return;
      used = add(used, budget.kind === 'zcdp' && tables[i].mechanism === 'discreteLaplace' ? pureToZcdp(e) : e);
    });
    const left = sub(total, used);
    if (compare(left, rational(0n)) <= 0) {
      throw new SpecError(`the explicit shares already spend the whole budget, nothing is left for table "${tables[missing[0]].name}"; nothing was released [rule: release.overBudget]`, {
        path: 'release.budget',
        rule: 'release.overBudget',
      });
    }
    share = div(left, rational(BigInt(missing.length)));
  }
  return tables.map((t, i) => {
    const value = explicit[i] ?? share!;
    return t.mechanism === 'discreteLaplace' ? { name: t.name, epsilon: value } : { name: t.name, rho: value };
  });
}

/** The granularity: declared, or 10^floor(log10((upper - lower) / 1000)) (data-independent). */
function granularityOf(t: ReleaseTableSpec, i: number): Rational {
  const b = t.bounds!;
  if (b.granularity !== undefined) return fromDecimal(b.granularity, `release.tables.${i}.bounds.granularity`);
  const range = b.upper - b.lower > 0 ? b.upper - b.lower : Math.max(Math.abs(b.upper), Math.abs(b.lower));
  if (range === 0) throw specError('bounds [0, 0] leave nothing to release', `release.tables.${i}.bounds`, 'release.zeroBounds');
  const e = Math.floor(Math.log10(range / 1000));
  return e >= 0 ? rational(10n ** BigInt(e)) : rational(1n, 10n ** BigInt(-e));
}

function ceilOf(a: Rational): bigint {
  return -floorOf(rational(-a.n, a.d));
}

function plannedBounds(t: ReleaseTableSpec, i: number): PlannedBounds {
  const b = t.bounds!;
  const g = granularityOf(t, i);
  const lowerUnits = ceilOf(div(fromDecimal(b.lower, 'bounds.lower'), g));
  const upperUnits = floorOf(div(fromDecimal(b.upper, 'bounds.upper'), g));
  if (lowerUnits > upperUnits) {
    throw specError('no multiple of the granularity lies between lower and upper: use a finer granularity', `release.tables.${i}.bounds.granularity`, 'release.granularity');
  }
  if (lowerUnits === 0n && upperUnits === 0n) {
    throw specError('the bounds round to [0, 0] on the granularity grid: nothing to release', `release.tables.${i}.bounds`, 'release.zeroBounds');
  }
  return { column: b.column, lower: b.lower, upper: b.upper, granularity: g, lowerUnits, upperUnits };
}

function domainValues(t: ReleaseTableSpec, i: number, column: string, level: number, hierarchies: HierarchyDomains): DomainValue[] {
  const declared = t.domain[column];
  if (level > 0 && !hierarchies.has(column)) {
    throw specError(`group-by column "${column}" has a level but no hierarchy (spec hierarchies.${column})`, `release.tables.${i}.levels.${column}`, 'release.hierarchyMissing', column);
  }
  if (hierarchies.has(column) && level > hierarchies.height(column)) {
    throw specError(`level ${level} of "${column}" is above its hierarchy's height ${hierarchies.height(column)}`, `release.tables.${i}.levels.${column}`, 'release.level', column);
  }
  if (declared !== undefined) return declared.map((v) => (v === null ? null : String(v)));
  const fromHierarchy = hierarchies.has(column) ? hierarchies.domain(column, level) : undefined;
  if (fromHierarchy !== undefined) return [...fromHierarchy];
  throw specError(
    `group-by column "${column}" has no declared domain${hierarchies.has(column) ? ` and its hierarchy declares none at level ${level}` : ''}: list its values in domain.${column} (a domain is never taken from the data, that would disclose which values occur)`,
    `release.tables.${i}.domain`,
    'release.domainUndeclared',
    column,
  );
}

function checkTableShape(t: ReleaseTableSpec, i: number): void {
  const seen = new Set<string>();
  for (const c of t.groupBy) {
    if (seen.has(c)) throw specError(`group-by column "${c}" is listed twice`, `release.tables.${i}.groupBy`, 'release.duplicateGroupBy', c);
    seen.add(c);
    if (RESERVED_COLUMNS.has(c)) {
      throw specError(`group-by column "${c}" clashes with an output column (table, value, lower, upper, unsafe_seed)`, `release.tables.${i}.groupBy`, 'release.columnName', c);
    }
  }
  for (const key of [...Object.keys(t.levels), ...Object.keys(t.domain)]) {
    if (!seen.has(key)) throw specError(`"${key}" is not one of the table's groupBy columns`, `release.tables.${i}`, 'release.unknownGroupBy', key);
  }
  if (t.statistic !== 'count' && t.bounds === undefined) {
    throw specError(`a ${t.statistic} needs bounds: { column, lower, upper }`, `release.tables.${i}.bounds`, 'release.boundsMissing');
  }
  if (t.statistic === 'count' && t.bounds !== undefined) {
    throw specError('a count takes no bounds (each record counts 1)', `release.tables.${i}.bounds`, 'release.boundsUnused');
  }
  if (t.bounds && seen.has(t.bounds.column)) {
    throw specError(`the summed column "${t.bounds.column}" is also a group-by column`, `release.tables.${i}.bounds.column`, 'release.boundsColumn', t.bounds.column);
  }
}

/**
 * The table's noise, refused (SpecError [rule: release.noiseScale]) when its scale exceeds
 * MAX_NOISE_SCALE: the values would be noise alone, and the figures could not be computed.
 */
function mechanismFor(kind: ReleaseMechanism, s: Sensitivity, share: Rational, t: ReleaseTableSpec, i: number): NoiseMechanism {
  const sensitivity = kind === 'discreteLaplace' ? s.l1 : s.l2Squared;
  if (!noiseScaleWithinLimit(kind, sensitivity, share)) {
    const where = t.epsilon !== undefined ? `release.tables.${i}.epsilon` : t.rho !== undefined ? `release.tables.${i}.rho` : 'release.budget';
    const scale = noiseScaleOf(kind, sensitivity, share);
    throw specError(
      `table "${t.name}": the noise scale would be ${scale.toPrecision(3)} units, above the limit of ${MAX_NOISE_SCALE.toExponential()}: every value would be noise alone; give the table a larger share of the budget${t.bounds ? ' or narrower bounds' : ''}`,
      where,
      'release.noiseScale',
    );
  }
  return kind === 'discreteLaplace' ? discreteLaplaceMechanism(s.l1, share) : discreteGaussianMechanism(s.l2Squared, share);
}

/**
 * The sampler's work: one draw per cell (two for a mean), at most MAX_CELLS draws over the whole
 * release (SpecError [rule: release.tooManyCells]); each draw costs an expected constant
 * number of exact Bernoulli trials once the scale is bounded.
 */
function checkTotalDraws(tables: readonly ReleaseTablePlan[]): void {
  const draws = tables.reduce((s, t) => s + t.domain.size * (t.countNoise ? 2 : 1), 0);
  if (draws > MAX_CELLS) {
    throw new SpecError(`spec release.tables: the tables need ${draws} noise draws (one per cell, two for a mean), more than ${MAX_CELLS} [rule: release.tooManyCells]`, {
      path: 'release.tables',
      rule: 'release.tooManyCells',
    });
  }
}

function sameList(a: readonly DomainValue[], b: readonly DomainValue[]): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}

/** consistentWith: the finer table exists, nests this one, and is referenced once. */
function checkConsistency(tables: readonly ReleaseTablePlan[]): void {
  const targeted = new Map<string, string>();
  tables.forEach((t) => {
    const target = t.postProcess.consistentWith;
    if (target === undefined) return;
    const path = `release.tables.${t.index}.postProcess.consistentWith`;
    const fine = tables.find((u) => u.name === target);
    if (!fine || fine === t) throw specError(`"${target}" is not another table of the release`, path, 'release.consistency');
    if (targeted.has(target)) throw specError(`table "${target}" is already the parts of "${targeted.get(target)}"`, path, 'release.consistency');
    targeted.set(target, t.name);
    if (fine.postProcess.consistentWith !== undefined) throw specError(`the parts table "${target}" is itself a total: chains are not supported`, path, 'release.consistency');
    if (t.statistic === 'mean' || t.statistic !== fine.statistic) throw specError('consistency needs two count tables or two sum tables', path, 'release.consistency');
    if (t.bounds && fine.bounds && (t.bounds.column !== fine.bounds.column || compare(t.bounds.granularity, fine.bounds.granularity) !== 0)) {
      throw specError('consistent sum tables must sum the same column on the same granularity', path, 'release.consistency');
    }
    t.groupBy.forEach((c, j) => {
      const k = fine.groupBy.indexOf(c);
      if (k < 0) throw specError(`group-by column "${c}" is not a group-by column of "${target}"`, path, 'release.consistency', c);
      if (t.levels[c] !== fine.levels[c] || !sameList(t.domain.values[j], fine.domain.values[k])) {
        throw specError(`"${c}" must have the same level and domain in both tables`, path, 'release.consistency', c);
      }
    });
    if (t.postProcess.nonNegative || t.postProcess.round !== undefined) {
      throw specError(`the totals follow their parts: set nonNegative and round on "${target}"`, `release.tables.${t.index}.postProcess`, 'release.consistency');
    }
  });
  tables.forEach((t) => {
    if (t.postProcess.consistentWith !== undefined && targeted.has(t.name)) {
      throw specError(`table "${t.name}" is both a total and the parts of another`, `release.tables.${t.index}.postProcess`, 'release.consistency');
    }
  });
}

/**
 * Plans a release: checks the spec, allocates the budget, calibrates each table's noise to
 * its sensitivity, builds the cell domains, and composes the budget. Pure and data-free;
 * throws SpecError (exit 2) for anything that would make the release invalid or over budget.
 */
export function planReleaseSpec(release: ReleaseSpec, hierarchies: HierarchyDomains = noHierarchies): ReleasePlan {
  const names = new Set<string>();
  release.tables.forEach((t, i) => {
    if (names.has(t.name)) throw specError(`table name "${t.name}" is used twice`, `release.tables.${i}.name`, 'release.duplicateTable');
    names.add(t.name);
    checkTableShape(t, i);
  });
  const budget = budgetOf(release);
  const tableCharges = charges(release, budget);
  const m = BigInt(release.privacyUnit?.maxRecords ?? 1);
  const half = rational(1n, 2n);

  const tables = release.tables.map((t, i): ReleaseTablePlan => {
    const levels: Record<string, number> = {};
    const values = t.groupBy.map((c) => {
      levels[c] = t.levels[c] ?? 0;
      return domainValues(t, i, c, levels[c], hierarchies);
    });
    const domain = cellDomain(t.name, t.groupBy, values);
    const charge = tableCharges[i];
    const share = charge.epsilon ?? charge.rho!;
    const bounds = t.statistic === 'count' ? undefined : plannedBounds(t, i);
    const sensitivity = bounds ? tableSensitivity(release.neighbours, m, bounds.lowerUnits, bounds.upperUnits) : countSensitivity(release.neighbours, m);
    const mean = t.statistic === 'mean';
    // A mean is a noisy sum over a noisy count, each with half the table's share (basic
    // composition within the table); the ratio is post-processing.
    const valueShare = mean ? mul(share, half) : share;
    return {
      name: t.name,
      index: i,
      groupBy: [...t.groupBy],
      levels,
      statistic: t.statistic,
      mechanism: t.mechanism,
      domain,
      charge,
      bounds,
      noise: mechanismFor(t.mechanism, sensitivity, valueShare, t, i),
      countNoise: mean ? mechanismFor(t.mechanism, countSensitivity(release.neighbours, m), valueShare, t, i) : undefined,
      sensitivity,
      postProcess: { nonNegative: t.postProcess.nonNegative, round: t.postProcess.round, consistentWith: t.postProcess.consistentWith },
      unit: bounds ? toNumber(bounds.granularity) : 1,
    };
  });
  checkConsistency(tables);
  checkTotalDraws(tables);
  const statement = composeBudget(budget, tableCharges);

  const notes: string[] = [];
  notes.push(
    release.privacyUnit
      ? `Privacy unit: one person (column "${release.privacyUnit.column}"), at most ${release.privacyUnit.maxRecords} record(s) per person used, chosen by a keyed hash; records without an identifier are left out.`
      : 'Privacy unit: one record (no privacyUnit declared). A person with several records is protected only as much as the sum of their records allows; declare privacyUnit for person-level privacy.',
  );
  notes.push(
    `Neighbouring datasets: ${release.neighbours === 'addRemove' ? 'one unit added or removed' : 'one unit replaced by another'}.`,
    "Released cells are the full cross-product of the declared domains, empty cells included. Records whose group-by values fall outside a table's domain are left out of that table; how many is not reported, as that number is not differentially private.",
  );
  for (const t of tables) {
    if (t.bounds) {
      notes.push(
        `Table ${t.name}: values of "${t.bounds.column}" are clamped to [${t.bounds.lower}, ${t.bounds.upper}] and rounded to multiples of ${toNumber(t.bounds.granularity)}; missing values add nothing${t.statistic === 'mean' ? ' and are not counted' : ''}.`,
      );
    }
  }
  return {
    neighbours: release.neighbours,
    privacyUnit: { column: release.privacyUnit?.column ?? null, maxRecords: release.privacyUnit?.maxRecords ?? 1 },
    budget: statement,
    tables,
    notes,
  };
}
