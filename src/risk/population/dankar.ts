import {
  type FrequencyOfFrequencies,
  type UniquenessEstimate,
  invalidEstimate,
  preconditions,
} from './frequencyOfFrequencies.js';
import { type PitmanEstimate, type PitmanOptions, pitman } from './pitman.js';
import { type SnbEstimate, snb } from './snb.js';
import { type ZayatzEstimate, zayatz } from './zayatz.js';
import type { DankarModel } from '../../contracts/measures.js';


/** Dankar's estimate: the picked model, and the component estimates that were computed. */
export interface DankarEstimate extends UniquenessEstimate {
  /** The model whose estimate is reported, or null when no estimate is available. */
  readonly model: DankarModel | null;
  readonly pitman?: PitmanEstimate;
  readonly zayatz?: ZayatzEstimate;
  readonly snb?: SnbEstimate;
}

/**
 * Dankar, El Emam, Neisa & Roffey (2012), "Estimating the re-identification risk of
 * clinical data sets", BMC Med Inform Decis Mak 12:66: the decision rule of
 * definitions.md.
 *
 *   c_1 = 0            -> 0 population uniques (model 'none');
 *   pi <= 0.1          -> Pitman; Zayatz when Pitman is invalid;
 *   pi >  0.1          -> min(Zayatz, SNB); Zayatz when SNB is invalid.
 *
 * The result carries the component estimates it computed (Pitman alone when Pitman is
 * valid at pi <= 0.1) so a report can show them. When the fallback Zayatz is invalid too
 * (only for pi >= 1 or n = 0, caught first) the result is invalid.
 *
 * Differences from ARX (RiskModelPopulationUniqueness.getNumUniqueTuplesDankar): the same
 * rule, but ARX counts an estimate of exactly 0 as invalid (isValid(x) = !NaN && x != 0),
 * so it would skip a valid zero Pitman or SNB estimate and fall back to Zayatz; and when
 * Zayatz is NaN at pi > 0.1 its comparison `zayatz < snb` is false and SNB is taken. Here
 * validity is explicit, and min() only compares valid numbers.
 */
export function dankar(
  fof: FrequencyOfFrequencies,
  populationSize: number,
  options: { pitman?: PitmanOptions } = {},
): DankarEstimate {
  const early = preconditions(fof, populationSize, 'Dankar');
  if (early) return { ...early, model: early.valid ? 'none' : null };
  const pi = fof.records / populationSize;
  if (pi <= 0.1) {
    const p = pitman(fof, populationSize, options.pitman);
    if (p.valid) return { count: p.count, fraction: p.fraction, valid: true, model: 'pitman', pitman: p };
    const z = zayatz(fof, populationSize);
    if (z.valid) {
      return {
        count: z.count,
        fraction: z.fraction,
        valid: true,
        note: `Dankar: pi = ${pi} <= 0.1 but Pitman is invalid (${p.note}); Zayatz reported`,
        model: 'zayatz',
        pitman: p,
        zayatz: z,
      };
    }
    return {
      ...invalidEstimate(`Dankar: Pitman and Zayatz are both invalid (${p.note}; ${z.note})`),
      model: null,
      pitman: p,
      zayatz: z,
    };
  }
  const z = zayatz(fof, populationSize);
  const s = snb(fof, populationSize);
  if (!z.valid) {
    return { ...invalidEstimate(`Dankar: Zayatz is invalid (${z.note})`), model: null, zayatz: z, snb: s };
  }
  if (!s.valid) {
    return {
      count: z.count,
      fraction: z.fraction,
      valid: true,
      note: `Dankar: pi = ${pi} > 0.1 and SNB is invalid (${s.note}); Zayatz reported`,
      model: 'zayatz',
      zayatz: z,
      snb: s,
    };
  }
  // Both valid: the smaller estimate (Zayatz on a tie).
  const pick = (s.count ?? Infinity) < (z.count ?? Infinity) ? s : z;
  return {
    count: pick.count,
    fraction: pick.fraction,
    valid: true,
    model: pick === s ? 'snb' : 'zayatz',
    zayatz: z,
    snb: s,
  };
}
