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

/** Order-independent sum of f(i) for i in 0..n-1. */
export function exactSumOf(n: number, f: (i: number) => number): number {
  const s = new ExactSum();
  for (let i = 0; i < n; i++) s.add(f(i));
  return s.value();
}
