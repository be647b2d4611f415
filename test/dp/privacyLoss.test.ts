/**
 * Privacy-loss checks on neighbouring inputs: the calibrated mechanisms, run through the real
 * samplers, must not let an observer tell a count from its neighbour (count + sensitivity)
 * better than the claimed guarantee allows, up to sampling tolerance. A negative control with
 * a mis-calibrated scale shows the check can fail.
 */
import { describe, expect, it } from 'vitest';
import { unsafeSeededSource, type RandomSource } from '../../src/dp/randomSource.js';
import { discreteGaussianMechanism, discreteLaplaceMechanism, type NoiseMechanism } from '../../src/dp/mechanism.js';
import { rational } from '../../src/dp/rational.js';
import { zcdpToEpsilon } from '../../src/dp/zcdp.js';
import { countSensitivity } from '../../src/dp/sensitivity.js';

const N = 400_000;

function histogram(mech: NoiseMechanism, x: number, src: RandomSource): Map<number, number> {
  const h = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const y = x + Number(mech.sample(src));
    h.set(y, (h.get(y) ?? 0) + 1);
  }
  return h;
}

/** max over well-populated outputs y of |ln(P[M(x) = y] / P[M(x') = y])|, estimated. */
function empiricalEpsilon(a: Map<number, number>, b: Map<number, number>, minCount = 3000): number {
  let worst = 0;
  for (const [y, ca] of a) {
    const cb = b.get(y) ?? 0;
    if (ca < minCount || cb < minCount) continue;
    worst = Math.max(worst, Math.abs(Math.log(ca / cb)));
  }
  return worst;
}

describe('discrete Laplace: empirical epsilon on neighbouring counts', () => {
  // Person-level counts, at most 3 records per person, add/remove: l1 = 3; epsilon = 1/2.
  const sens = countSensitivity('addRemove', 3n);
  const epsilon = 0.5;

  it('stays below the claimed epsilon (tolerance 0.15) and reaches it (the noise is not wasted)', () => {
    const mech = discreteLaplaceMechanism(sens.l1, rational(1n, 2n));
    expect(mech.scale).toBe(6);
    const src = unsafeSeededSource('lap-loss');
    const a = histogram(mech, 100, src);
    const b = histogram(mech, 100 + Number(sens.l1), src);
    const eps = empiricalEpsilon(a, b);
    expect(eps).toBeLessThan(epsilon + 0.15);
    expect(eps).toBeGreaterThan(epsilon - 0.15);
  });

  it('negative control: a scale calibrated to the record (l1 = 1) instead of the person (l1 = 3) is caught', () => {
    const wrong = discreteLaplaceMechanism(1n, rational(1n, 2n));
    const src = unsafeSeededSource('lap-loss-wrong');
    const eps = empiricalEpsilon(histogram(wrong, 100, src), histogram(wrong, 103, src));
    expect(eps).toBeGreaterThan(epsilon + 0.5);
  });
});

describe('discrete Gaussian: empirical delta at the claimed (epsilon, delta)', () => {
  // l2^2 = 9 (3 records per person), rho = 1/8: sigma^2 = 36.
  const sens = countSensitivity('addRemove', 3n);
  const rho = 0.125;
  const delta = 1e-3;
  const epsilon = zcdpToEpsilon(rho, delta);
  const shift = Math.sqrt(Number(sens.l2Squared));

  /**
   * Monte Carlo estimate of delta(epsilon) = E_{y ~ M(x)}[max(0, 1 - exp(epsilon - L(y)))] with
   * the exact privacy loss L(y) = ln p_x(y) / p_x'(y) = (shift^2 - 2 shift z) / (2 sigma^2)
   * of the noise z = y - x, z drawn by the sampler under test.
   */
  function empiricalDelta(mech: NoiseMechanism, sigma2: number, src: RandomSource): number {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const z = Number(mech.sample(src));
      const loss = (shift * shift - 2 * shift * z) / (2 * sigma2);
      if (loss > epsilon) acc += 1 - Math.exp(epsilon - loss);
    }
    return acc / N;
  }

  it('stays below the claimed delta (the conversion is conservative)', () => {
    const mech = discreteGaussianMechanism(sens.l2Squared, rational(1n, 8n));
    expect(mech.scale).toBe(6);
    const d = empiricalDelta(mech, 36, unsafeSeededSource('gauss-loss'));
    // Monte Carlo sd is below sqrt(delta / N) ~ 5e-5.
    expect(d).toBeLessThan(delta + 2e-4);
  });

  it('negative control: half the sigma leaks far more than delta', () => {
    const wrong = discreteGaussianMechanism(sens.l2Squared, rational(1n, 2n));
    const d = empiricalDelta(wrong, 9, unsafeSeededSource('gauss-loss-wrong'));
    expect(d).toBeGreaterThan(10 * delta);
  });
});
