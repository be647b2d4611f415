import type { ClassHistograms } from '../../model/classHistograms.js';
import { gather } from '../gather.js';

/**
 * Keeps only the listed classes (in that order), e.g. the groups left after records with a
 * missing QI were excluded.
 */
export function selectClasses(h: ClassHistograms, keep: ArrayLike<number>): ClassHistograms {
  let total = 0;
  for (let i = 0; i < keep.length; i++) total += h.offsets[keep[i] + 1] - h.offsets[keep[i]];
  const offsets = new Int32Array(keep.length + 1);
  const values = new Int32Array(total);
  const counts = new Int32Array(total);
  let e = 0;
  for (let i = 0; i < keep.length; i++) {
    const k = keep[i];
    for (let x = h.offsets[k]; x < h.offsets[k + 1]; x++, e++) {
      values[e] = h.values[x];
      counts[e] = h.counts[x];
    }
    offsets[i + 1] = e;
  }
  return { valueCount: h.valueCount, offsets, values, counts };
}

/**
 * Removes one value (a missing value excluded from the measures): its entries go, classes
 * left empty go, codes above it shift down by one, and m shrinks by one.
 * Returns the histograms and the number of records removed.
 */
export function dropValue(h: ClassHistograms, code: number): { histograms: ClassHistograms; removed: number } {
  const K = h.offsets.length - 1;
  const offsets: number[] = [0];
  const values: number[] = [];
  const counts: number[] = [];
  let removed = 0;
  for (let k = 0; k < K; k++) {
    for (let x = h.offsets[k]; x < h.offsets[k + 1]; x++) {
      const v = h.values[x];
      if (v === code) removed += h.counts[x];
      else {
        values.push(v > code ? v - 1 : v);
        counts.push(h.counts[x]);
      }
    }
    if (values.length > offsets[offsets.length - 1]) offsets.push(values.length);
  }
  return {
    histograms: {
      valueCount: Math.max(1, h.valueCount - 1),
      offsets: Int32Array.from(offsets),
      values: Int32Array.from(values),
      counts: Int32Array.from(counts),
    },
    removed,
  };
}

/** Renames value codes through `rank` (code -> new code), e.g. to follow an explicit order. */
export function recodeValues(h: ClassHistograms, rank: ArrayLike<number>, valueCount = h.valueCount): ClassHistograms {
  return { valueCount, offsets: h.offsets, values: gather(rank, h.values), counts: h.counts };
}
