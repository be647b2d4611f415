/**
 * The privacy budget accountant: composes the queries (tables) of a release and refuses a
 * release that would exceed its budget, before any data is read.
 *
 * Rules (each table is one query on the same data; the tables compose sequentially):
 * - Budget { epsilon } (pure DP): every table must be epsilon-DP (discrete Laplace); the
 *   epsilons add up (basic composition, Dwork & Roth 2014, Theorem 3.16). The comparison is
 *   exact, on rationals.
 * - Budget { rho } (zCDP): discrete Gaussian tables spend their rho; a discrete Laplace table
 *   spending epsilon counts as epsilon^2 / 2 (Bun & Steinke 2016, Prop. 1.4); the rhos add up
 *   (zCDP composes additively: Bun & Steinke 2016, §1, composition lemma). Exact. With a delta, the epsilon
 *   equivalent of the rho spent is reported (zcdp.ts).
 * - Budget { epsilon, delta } (approximate DP): the pure tables spend eps_L = sum of their
 *   epsilons, the Gaussian tables rho_G = sum of their rhos. The release is (eps, delta)-DP
 *   with eps the smaller of
 *     (a) eps_L + eps(rho_G, delta)      (basic composition of eps_L-DP with the
 *                                          (eps(rho_G, delta), delta)-DP Gaussian part), and
 *     (b) eps(rho_G + sum eps_j^2 / 2, delta)  (everything in zCDP, then converted),
 *   where eps(rho, delta) is the zCDP conversion of zcdp.ts. Without Gaussian tables the
 *   release is pure eps_L-DP and delta is not used.
 * A discrete Gaussian table under a pure { epsilon } budget is refused: it is not pure DP.
 */
import { SpecError } from '../errors.js';
import { add, compare, formatRational, rational, toNumber, type Rational } from './rational.js';
import { pureToZcdp, zcdpToEpsilon } from './zcdp.js';

/** The declared budget of a release. */
export type PrivacyBudget =
  | { kind: 'pure'; epsilon: Rational }
  | { kind: 'approx'; epsilon: Rational; delta: number }
  | { kind: 'zcdp'; rho: Rational; delta?: number };

/** What one table (query) spends: epsilon (pure DP) or rho (zCDP). */
export type PrivacyCharge = { name: string; epsilon: Rational; rho?: undefined } | { name: string; rho: Rational; epsilon?: undefined };

/** The budget statement of a release. */
export interface BudgetStatement {
  unit: 'epsilon' | 'rho';
  spent: number;
  total: number;
  delta?: number;
  /** With rho and a delta: the epsilon of the (epsilon, delta)-DP guarantee implied. */
  epsilonEquivalent?: number;
  /** The exact spent and total when they are rationals ("n/d"). */
  exact?: { spent: string; total: string };
  /** The composition rule that was applied, in words. */
  composition: string;
}

function sum(values: readonly Rational[]): Rational {
  return values.reduce((acc, v) => add(acc, v), rational(0n));
}

function overBudget(unit: string, spent: string, total: string, charges: readonly PrivacyCharge[]): SpecError {
  const parts = charges.map((c) => `${c.name}: ${c.epsilon ? `epsilon ${toNumber(c.epsilon)}` : `rho ${toNumber(c.rho!)}`}`).join(', ');
  return new SpecError(`release would spend ${unit} ${spent}, over its budget of ${total} (${parts}); nothing was released [rule: release.overBudget]`, {
    path: 'release.budget',
    rule: 'release.overBudget',
  });
}

/**
 * Composes the charges against the budget. Throws SpecError `release.overBudget` when the
 * release would exceed it, `release.mechanismBudget` for a zCDP table under a pure budget.
 */
export function composeBudget(budget: PrivacyBudget, charges: readonly PrivacyCharge[]): BudgetStatement {
  const pure = charges.filter((c) => c.epsilon !== undefined).map((c) => c.epsilon!);
  const zcdp = charges.filter((c) => c.rho !== undefined).map((c) => c.rho!);
  if (budget.kind === 'pure') {
    const gaussian = charges.find((c) => c.rho !== undefined);
    if (gaussian) {
      throw new SpecError(
        `release table "${gaussian.name}" uses a zCDP mechanism (discreteGaussian), which is not pure epsilon-DP: give the budget a delta or a rho [rule: release.mechanismBudget]`,
        { path: 'release.budget', rule: 'release.mechanismBudget' },
      );
    }
    const spent = sum(pure);
    if (compare(spent, budget.epsilon) > 0) throw overBudget('epsilon', String(toNumber(spent)), String(toNumber(budget.epsilon)), charges);
    return {
      unit: 'epsilon',
      spent: toNumber(spent),
      total: toNumber(budget.epsilon),
      exact: { spent: formatRational(spent), total: formatRational(budget.epsilon) },
      composition: 'basic composition of pure epsilon-DP tables (epsilons add up)',
    };
  }
  if (budget.kind === 'zcdp') {
    const spent = sum([...zcdp, ...pure.map(pureToZcdp)]);
    if (compare(spent, budget.rho) > 0) throw overBudget('rho', String(toNumber(spent)), String(toNumber(budget.rho)), charges);
    const statement: BudgetStatement = {
      unit: 'rho',
      spent: toNumber(spent),
      total: toNumber(budget.rho),
      exact: { spent: formatRational(spent), total: formatRational(budget.rho) },
      composition: pure.length > 0 ? 'zCDP composition (rhos add up; an epsilon-DP table counts epsilon^2/2)' : 'zCDP composition (rhos add up)',
    };
    if (budget.delta !== undefined) {
      statement.delta = budget.delta;
      statement.epsilonEquivalent = zcdpToEpsilon(statement.spent, budget.delta);
    }
    return statement;
  }
  const epsL = sum(pure);
  const total = toNumber(budget.epsilon);
  if (zcdp.length === 0) {
    if (compare(epsL, budget.epsilon) > 0) throw overBudget('epsilon', String(toNumber(epsL)), String(total), charges);
    return {
      unit: 'epsilon',
      spent: toNumber(epsL),
      total,
      delta: budget.delta,
      exact: { spent: formatRational(epsL), total: formatRational(budget.epsilon) },
      composition: 'basic composition of pure epsilon-DP tables (epsilons add up; delta unused)',
    };
  }
  const rhoG = toNumber(sum(zcdp));
  const a = toNumber(epsL) + zcdpToEpsilon(rhoG, budget.delta);
  const b = zcdpToEpsilon(toNumber(sum([...zcdp, ...pure.map(pureToZcdp)])), budget.delta);
  const spent = Math.min(a, b);
  if (spent > total) throw overBudget('epsilon', spent.toPrecision(6), String(total), charges);
  return {
    unit: 'epsilon',
    spent,
    total,
    delta: budget.delta,
    composition:
      a <= b
        ? 'basic composition of the pure tables with the zCDP tables converted to (epsilon, delta)-DP'
        : 'zCDP composition of all tables (epsilon-DP counts epsilon^2/2), converted to (epsilon, delta)-DP',
  };
}
