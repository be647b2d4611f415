/** The per-record file's columns: per-class figures spread back over the encoded groups. */
import type { GroupRiskColumns } from '../data/recordRiskWriter.js';
import type { ClassSet } from './classSet.js';

/** Spreads per-class arrays back over all groups (groups outside the classes get no value). */
export function groupColumns(
  groups: number,
  set: ClassSet,
  populationSizes: Float64Array,
  individualRisks: Float64Array | undefined,
  suda: { suda: Float64Array; dis: Float64Array } | undefined,
): GroupRiskColumns {
  const { classOf } = set;
  const cs = set.classes;
  const fk = new Int32Array(groups).fill(-1);
  const Fk = new Float64Array(groups).fill(Number.NaN);
  const ir = individualRisks ? new Float64Array(groups).fill(Number.NaN) : undefined;
  const ss = suda ? new Float64Array(groups).fill(Number.NaN) : undefined;
  const ds = suda ? new Float64Array(groups).fill(Number.NaN) : undefined;
  for (let g = 0; g < groups; g++) {
    const i = classOf ? classOf[g] : g;
    if (i < 0) continue;
    fk[g] = cs.sizes[i];
    Fk[g] = populationSizes[i];
    if (ir) ir[g] = individualRisks![i];
    if (ss && ds) {
      ss[g] = suda!.suda[i];
      ds[g] = suda!.dis[i];
    }
  }
  return { fk, Fk, ...(ir ? { individualRisk: ir } : {}), ...(ss && ds ? { sudaScore: ss, disSudaScore: ds } : {}) };
}
