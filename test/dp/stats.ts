/**
 * Goodness-of-fit helpers for the sampler tests: Pearson's chi-square test against an exact
 * probability mass function, with the p-value from the regularized upper incomplete gamma
 * function (Numerical Recipes, gser/gcf).
 */

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Q(a, x) = Gamma(a, x) / Gamma(a), the regularized upper incomplete gamma function. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 10000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

export interface ChiSquare {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Pearson's chi-square of integer samples against `pmf`: every integer in [lo, hi] whose
 * expected count is >= 5 is a bin of its own, the rest (both tails, and integers outside
 * [lo, hi]) are pooled into a left and a right tail bin.
 */
export function chiSquareAgainst(samples: ArrayLike<number>, pmf: (z: number) => number, lo: number, hi: number): ChiSquare {
  const N = samples.length;
  const counts = new Map<number, number>();
  for (let i = 0; i < N; i++) counts.set(samples[i], (counts.get(samples[i]) ?? 0) + 1);
  // Central bins: the contiguous run around the mode with expected count >= 5.
  let a = 0;
  let b = 0;
  while (a - 1 >= lo && pmf(a - 1) * N >= 5) a--;
  while (b + 1 <= hi && pmf(b + 1) * N >= 5) b++;
  let stat = 0;
  let bins = 0;
  let pCentral = 0;
  for (let z = a; z <= b; z++) {
    const e = pmf(z) * N;
    const o = counts.get(z) ?? 0;
    stat += ((o - e) * (o - e)) / e;
    pCentral += pmf(z);
    bins++;
  }
  let pLeft = 0;
  for (let z = lo; z < a; z++) pLeft += pmf(z);
  const pRight = Math.max(0, 1 - pCentral - pLeft);
  let oLeft = 0;
  let oRight = 0;
  for (const [z, c] of counts) {
    if (z < a) oLeft += c;
    else if (z > b) oRight += c;
  }
  for (const [p, o] of [
    [pLeft, oLeft],
    [pRight, oRight],
  ]) {
    const e = p * N;
    if (e >= 5) {
      stat += ((o - e) * (o - e)) / e;
      bins++;
    } else if (o > 5 * Math.max(e, 1) + 10) {
      // Far more tail samples than the distribution allows: fail loudly.
      stat += Infinity;
    }
  }
  const df = bins - 1;
  return { statistic: stat, df, pValue: Number.isFinite(stat) ? gammaQ(df / 2, stat / 2) : 0 };
}

/** Mean and (unbiased) variance. */
export function moments(samples: ArrayLike<number>): { mean: number; variance: number } {
  const n = samples.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += samples[i];
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (samples[i] - mean) * (samples[i] - mean);
  return { mean, variance: v / (n - 1) };
}
