import { populationFrame } from '../../src/risk/verdict/frame.js';
import fc from 'fast-check';
import type { SearchModels, SearchPayload } from '../../src/search/evaluator.js';
import type { UtilityMetric } from '../../src/contracts/search.js';

/** A random consistent hierarchy over `card` codes: maps per level, each merging the previous level's groups. */
export function hierarchyMaps(card: number, merges: readonly number[][]): Int32Array[] {
  const maps: Int32Array[] = [Int32Array.from({ length: card }, (_, i) => i)];
  for (const merge of merges) {
    const prev = maps[maps.length - 1];
    const groups = Math.max(...prev) + 1;
    // merge[j] picks the parent of group j (taken modulo a shrinking range), renumbered densely.
    const parent = Int32Array.from({ length: groups }, (_, j) => merge[j % merge.length] % Math.max(1, Math.ceil(groups / 2)));
    const dense = new Map<number, number>();
    const next = Int32Array.from(prev, (g) => {
      const p = parent[g];
      if (!dense.has(p)) dense.set(p, dense.size);
      return dense.get(p)!;
    });
    maps.push(next);
  }
  return maps;
}

/** Builds a payload from plain arrays. */
export function payloadOf(
  rows: number[][],
  counts: number[],
  maps: Int32Array[][],
  settings: Partial<SearchModels> & { metric: UtilityMetric },
): SearchPayload {
  const codes = maps.map((_, q) => Int32Array.from(rows, (r) => r[q]));
  const radices = maps.map((levels) => Int32Array.from(levels, (map) => Math.max(...map) + 1));
  const shares = maps.map((levels) => {
    const leaves = levels[0].length;
    return levels.map((map) => {
      const size = new Float64Array(Math.max(...map) + 1);
      for (const g of map) size[g]++;
      return size.map((s) => s / leaves);
    });
  });
  return {
    codes,
    counts: Int32Array.from(counts),
    maps,
    radices,
    heights: maps.map((l) => l.length - 1),
    shares,
    leaves: maps.map((l) => l[0].length),
    sensitive: [],
    settings: {
      models: ['prosecutor'],
      thresholds: { riskLevels: [0.2] },
      frame: populationFrame(undefined, counts.reduce((a, b) => a + b, 0)),
      requiredSize: 1,
      maxSuppressed: 0,
      suppressed: 'drop',
      ...settings,
    },
  };
}

/** fast-check arbitrary of small search instances (2-3 QIs, 1-40 groups). */
export const instanceArb = fc
  .record({
    m: fc.integer({ min: 2, max: 3 }),
    cards: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 3 }),
    merges: fc.array(fc.array(fc.array(fc.nat(9), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
    rows: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 40 }),
    k: fc.integer({ min: 1, max: 6 }),
    limit: fc.constantFrom(0, 0.05, 0.2, 0.5),
    metric: fc.constantFrom<UtilityMetric>('precision', 'discernibility', 'aecs', 'loss', 'entropy'),
    averageRisk: fc.option(fc.constantFrom(0.3, 0.5, 0.8), { nil: undefined }),
  })
  .map(({ m, cards, merges, rows, k, limit, metric, averageRisk }) => {
    const maps = Array.from({ length: m }, (_, q) => hierarchyMaps(cards[q], merges[q]));
    const tuples = rows.map(([a, b, c]) => [a % cards[0], b % cards[1], c % cards[2]].slice(0, m));
    // Merge duplicate tuples (groups are distinct tuples).
    const byKey = new Map<string, { row: number[]; count: number }>();
    rows.forEach((r, i) => {
      const key = tuples[i].join(',');
      const e = byKey.get(key);
      if (e) e.count += r[3];
      else byKey.set(key, { row: tuples[i], count: r[3] });
    });
    const groups = [...byKey.values()];
    const n = groups.reduce((s, g) => s + g.count, 0);
    return payloadOf(
      groups.map((g) => g.row),
      groups.map((g) => g.count),
      maps,
      {
        metric,
        requiredSize: k,
        maxSuppressed: Math.floor(limit * n),
        thresholds: { k, riskLevels: [0.2], ...(averageRisk !== undefined ? { averageRisk } : {}) },
      },
    );
  });
