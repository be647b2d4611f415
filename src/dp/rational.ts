/**
 * Exact non-negative rational numbers over BigInt, for privacy parameters.
 *
 * Privacy parameters (epsilon, rho, sensitivities, noise scales) are carried as exact
 * fractions so that the samplers and the budget accountant never round: a sampler that
 * computed exp(-epsilon) in floating point would sample a slightly different distribution
 * from the one whose privacy is claimed (Mironov 2012), and an accountant that summed
 * doubles could accept a release whose exact cost is a hair over budget.
 */
import { SpecError } from '../errors.js';

/** n / d with d > 0, gcd(n, d) = 1. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The reduced fraction n / d (d must be non-zero). */
export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('rational: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/**
 * The exact value of a number as the user wrote it in decimal: 0.1 is 1/10 (the shortest
 * decimal that reads back as the same double, JavaScript's Number#toString), not the
 * binary double 0.1000000000000000055... Exponent notation (1e-7) is accepted.
 */
export function fromDecimal(x: number, what = 'value'): Rational {
  if (!Number.isFinite(x)) throw new SpecError(`${what} must be a finite number [rule: release.parameter]`, { rule: 'release.parameter' });
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(x));
  if (!m) throw new SpecError(`${what} is not a decimal number [rule: release.parameter]`, { rule: 'release.parameter' });
  const [, sign, int, frac = '', exp = '0'] = m;
  let n = BigInt(int + frac);
  let d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) n *= 10n ** BigInt(e);
  else if (e < 0) d *= 10n ** BigInt(-e);
  return rational(sign === '-' ? -n : n, d);
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('rational: division by zero');
  return rational(a.n * b.d, a.d * b.n);
}

/** -1, 0 or 1 as a < b, a = b, a > b (exact). */
export function compare(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** floor(a) for a >= 0. */
export function floorOf(a: Rational): bigint {
  return a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d);
}

/** floor(sqrt(n)) for n >= 0 (Newton's method on integers). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Correct the floating-point start exactly.
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** The nearest double (for reporting only; never fed back into a sampler). */
export function toNumber(a: Rational): number {
  // Scale so that both parts fit a double's range before dividing.
  const shift = BigInt(Math.max(0, Math.max(a.n.toString(2).length, a.d.toString(2).length) - 1000));
  return Number(a.n >> shift) / Number(a.d >> shift);
}

/** "n/d" (or "n" when d = 1), for messages and the JSON. */
export function formatRational(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}
