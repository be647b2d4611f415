/**
 * Correctly rounded floating-point summation (Shewchuk, "Adaptive precision floating-point
 * arithmetic", 1997; the algorithm of Python's math.fsum). The result is the exact sum of
 * the inputs rounded once, so it does not depend on the order of the terms: DuckDB returns
 * classes in no fixed order, and a re-run must reproduce every figure to the last bit.
 */
export class ExactSum {
  /** The non-overlapping partials, smallest first, in partials[0 .. count). */
  private partials = new Float64Array(16);
  private count = 0;

  /** Forgets everything added (the sum is 0 again), keeping the buffer. */
  reset(): void {
    this.count = 0;
  }

  add(x: number): void {
    let p = this.partials;
    let i = 0;
    for (let j = 0; j < this.count; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i === p.length) {
      const grown = new Float64Array(p.length * 2);
      grown.set(p);
      this.partials = p = grown;
    }
    p[i] = x;
    this.count = i + 1;
  }

  /** The correctly rounded sum of everything added. */
  value(): number {
    const p = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half-even across the remaining partials, as fsum does.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }
}

/** Veltkamp's splitting constant for doubles: 2^27 + 1. */
const SPLIT = 134217729;

/**
 * Adds x * c exactly: the product as the double p = fl(x c) plus its rounding error, which
 * Dekker's TwoProduct (Dekker 1971, with Veltkamp's split) gives exactly as a double when
 * nothing overflows or underflows. Outside that range (|x c| near the largest double, or
 * |x| below 2^-969, where the split's parts could lose bits) x is added c times instead.
 */
export function addTimes(sum: ExactSum, x: number, c: number): void {
  if (c === 1) {
    sum.add(x);
    return;
  }
  const ax = Math.abs(x);
  if (!(ax > 2 ** -969 && ax * c < 2 ** 995) || c >= 2 ** 53) {
    for (let i = 0; i < c; i++) sum.add(x);
    return;
  }
  const p = x * c;
  let t = SPLIT * x;
  const xh = t - (t - x);
  const xl = x - xh;
  t = SPLIT * c;
  const ch = t - (t - c);
  const cl = c - ch;
  const e = xh * ch - p + xh * cl + xl * ch + xl * cl;
  sum.add(p);
  if (e !== 0) sum.add(e);
}

/**
 * Order-independent sum of f(i) (times c[i], when c is given) for i in 0..n-1: the correctly
 * rounded exact sum, as if every term were added to an ExactSum c[i] times. Runs of equal terms
 * (classes of one size give one risk, and most classes of a large table share a few sizes) are
 * added at once as term x run length, exactly (addTimes), so the cost per term is a comparison
 * rather than a pass over the partials.
 * @param c multiplicities (non-negative integers), one per term; absent: 1 each
 */
export function exactSumOf(n: number, f: (i: number) => number, c?: ArrayLike<number>): number {
  const s = new ExactSum();
  let run = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = f(i);
    const times = c ? c[i] : 1;
    if (x === prev && run > 0) run += times;
    else {
      if (run > 0) addTimes(s, prev, run);
      prev = x;
      run = times;
    }
  }
  if (run > 0) addTimes(s, prev, run);
  return s.value();
}
