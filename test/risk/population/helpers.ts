/** Test helpers: deterministic generators and independent reference computations. */

/** xorshift32: a small deterministic PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let x = (seed | 0) === 0 ? 0x9e3779b9 : seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/**
 * Population class sizes from the Pitman (two-parameter Chinese restaurant) process with
 * N individuals: individual i+1 opens a new class with probability (theta + alpha K)/(theta + i),
 * else joins class k with probability (F_k - alpha)/(theta + i) (picked by choosing an
 * earlier individual uniformly and accepting with probability (F_k - alpha)/F_k).
 */
export function pitmanPopulation(N: number, theta: number, alpha: number, r: () => number): Int32Array {
  const sizes: number[] = [];
  const owner = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const u = r() * (theta + i);
    if (i === 0 || u < theta + alpha * sizes.length) {
      owner[i] = sizes.length;
      sizes.push(1);
      continue;
    }
    for (;;) {
      const c = owner[Math.floor(r() * i)];
      if (r() * sizes[c] < sizes[c] - alpha) {
        sizes[c]++;
        owner[i] = c;
        break;
      }
    }
  }
  return Int32Array.from(sizes);
}

/** Bernoulli sample with rate pi of a population given by its class sizes; empty classes dropped. */
export function bernoulliSample(population: Int32Array, pi: number, r: () => number): Int32Array {
  const out: number[] = [];
  for (const F of population) {
    let f = 0;
    for (let i = 0; i < F; i++) if (r() < pi) f++;
    if (f > 0) out.push(f);
  }
  return Int32Array.from(out);
}

/** Pitman log-likelihood summed term by term (independent of the digamma machinery). */
export function pitmanLogLikelihood(sizes: readonly number[], theta: number, alpha: number): number {
  const K = sizes.length;
  const n = sizes.reduce((a, b) => a + b, 0);
  let l = 0;
  for (let i = 1; i < K; i++) l += Math.log(theta + i * alpha);
  for (let i = 1; i < n; i++) l -= Math.log(theta + i);
  for (const f of sizes) for (let j = 1; j < f; j++) l += Math.log(j - alpha);
  return l;
}

/** Golden-section maximisation of a unimodal f on [a, b]. */
export function goldenMax(f: (x: number) => number, a: number, b: number, iters = 200): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = a;
  let hi = b;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iters; i++) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    }
  }
  return 0.5 * (lo + hi);
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled(a: Int32Array, r: () => number): Int32Array {
  const b = Int32Array.from(a);
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = b[i];
    b[i] = b[j];
    b[j] = t;
  }
  return b;
}
