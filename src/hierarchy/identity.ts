import type { ResolvedHierarchy } from '../model/hierarchy.js';

/**
 * The hierarchy of a QI the spec gives none for: level 0 only (its values are kept as they
 * are). Shares are 1 / (distinct non-missing values), so it adds no loss.
 */
export function identityHierarchy(attribute: string, values: readonly (string | null)[]): ResolvedHierarchy {
  const n = values.length;
  const leaves = Math.max(1, values.filter((v) => v !== null).length);
  return {
    attribute,
    height: 0,
    maps: [Int32Array.from({ length: n }, (_, i) => i)],
    labels: [[...values]],
    shares: [new Float64Array(n).fill(1 / leaves)],
    leaves,
    domain: () => undefined,
    kind: 'none',
    sizes: [n],
  };
}
