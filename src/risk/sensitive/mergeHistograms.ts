import type { ClassHistograms } from '../../model/classHistograms.js';

/**
 * Histograms of classes from the histograms of their groups: classOf[g] is the class of
 * group g in 0 .. classCount-1, or -1 when the group is left out (suppressed, excluded).
 * The groups of each class are merged value by value. O(entries + groups + m).
 */
export function mergeHistograms(groups: ClassHistograms, classOf: Int32Array, classCount: number): ClassHistograms {
  const G = classOf.length;
  const keptCount = classCount;
  // Counting sort of the kept groups by kept class.
  const start = new Int32Array(keptCount + 1);
  for (let g = 0; g < G; g++) {
    const k = classOf[g];
    if (k >= 0) start[k + 1]++;
  }
  for (let k = 0; k < keptCount; k++) start[k + 1] += start[k];
  const order = new Int32Array(start[keptCount]);
  const fill = start.slice(0, keptCount);
  for (let g = 0; g < G; g++) {
    const k = classOf[g];
    if (k >= 0) order[fill[k]++] = g;
  }
  const m = groups.valueCount;
  const acc = new Int32Array(m);
  const touched = new Int32Array(m);
  const offsets = new Int32Array(keptCount + 1);
  let values = new Int32Array(Math.max(16, groups.values.length));
  let counts = new Int32Array(values.length);
  let e = 0;
  for (let k = 0; k < keptCount; k++) {
    let t = 0;
    for (let i = start[k]; i < start[k + 1]; i++) {
      const g = order[i];
      for (let x = groups.offsets[g]; x < groups.offsets[g + 1]; x++) {
        const v = groups.values[x];
        if (acc[v] === 0) touched[t++] = v;
        acc[v] += groups.counts[x];
      }
    }
    if (e + t > values.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(Math.max(a.length * 2, e + t));
        b.set(a);
        return b;
      };
      values = grow(values);
      counts = grow(counts);
    }
    for (let i = 0; i < t; i++) {
      const v = touched[i];
      values[e] = v;
      counts[e] = acc[v];
      acc[v] = 0;
      e++;
    }
    offsets[k + 1] = e;
  }
  return { valueCount: m, offsets, values: values.slice(0, e), counts: counts.slice(0, e) };
}
