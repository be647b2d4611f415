import type { HierarchyJson } from '../contracts/measures.js';
import type { ResolvedHierarchy } from '../model/hierarchy.js';

/** The facts of a resolved hierarchy the report shows: no label, only kind, height and group counts. */
export function hierarchySummary(h: ResolvedHierarchy): HierarchyJson {
  return { attribute: h.attribute, kind: h.kind, height: h.height, sizes: [...h.sizes] };
}
