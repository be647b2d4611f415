/**
 * Exact uniform integers from a stream of uniform 32-bit words, by rejection sampling:
 * a draw outside the largest multiple of the range is discarded, so every value of the
 * range has exactly the same probability (no modulo bias, no floating point).
 */
import type { RandomSource } from './randomSource.js';

const TWO32 = 4294967296;

/**
 * Uniform integer in {0, ..., m - 1} for an integer 1 <= m <= 2^32. All arithmetic is on
 * integers below 2^33, exact in a double.
 */
export function uniformBelowSmall(m: number, src: RandomSource): number {
  if (!(Number.isInteger(m) && m >= 1 && m <= TWO32)) throw new RangeError('uniformBelowSmall: m must be an integer in [1, 2^32]');
  if (m === TWO32) return src.uint32();
  const limit = TWO32 - (TWO32 % m);
  for (;;) {
    const x = src.uint32();
    if (x < limit) return x % m;
  }
}

const SMALL_LIMIT = 1n << 32n;

/**
 * Uniform integer in {0, ..., n - 1} for any n >= 1: as many 32-bit words as n - 1 has
 * bits, the excess top bits masked off, values >= n rejected (acceptance >= 1/2 per try).
 */
export function uniformBelow(n: bigint, src: RandomSource): bigint {
  if (n < 1n) throw new RangeError('uniformBelow: n must be >= 1');
  if (n <= SMALL_LIMIT) return BigInt(uniformBelowSmall(Number(n), src));
  const bits = (n - 1n).toString(2).length;
  const words = Math.ceil(bits / 32);
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    let r = 0n;
    for (let i = 0; i < words; i++) r = (r << 32n) | BigInt(src.uint32());
    r &= mask;
    if (r < n) return r;
  }
}
