import { frequencyOfFrequencies, type FrequencyOfFrequencies } from './frequencyOfFrequencies.js';
import { pitman } from './pitman.js';
import { zayatz } from './zayatz.js';
import { snb } from './snb.js';
import { dankar } from './dankar.js';
import { individualRisk } from './individualRisk.js';
import type { ClassSizes } from '../../model/classSizes.js';
import type { UniquenessEstimate } from './frequencyOfFrequencies.js';
import type { EstimateJson, PopulationUniquenessJson, IndividualRiskJson } from '../../contracts/measures.js';



function json(e: UniquenessEstimate, extra: Record<string, number | string | null> = {}): EstimateJson {
  return { count: e.count, fraction: e.fraction, valid: e.valid, ...(e.note ? { note: e.note } : {}), ...extra };
}

/**
 * Population uniqueness from the sample's frequency of frequencies: Pitman (Hoshino 2001),
 * Zayatz (1991), SNB (Chen & Keller-McNulty 1998) and the Dankar et al. (2012) rule that
 * picks among them by sampling fraction. Undefined estimates carry a note, never a number.
 */
export function populationUniqueness(classSizes: Int32Array, populationSize: number): { uniqueness: PopulationUniquenessJson; notes: string[] } {
  return populationUniquenessOf(frequencyOfFrequencies(classSizes), populationSize);
}

/** populationUniqueness from the frequency of frequencies already counted. */
export function populationUniquenessOf(fof: FrequencyOfFrequencies, populationSize: number): { uniqueness: PopulationUniquenessJson; notes: string[] } {
  const p = pitman(fof, populationSize);
  const z = zayatz(fof, populationSize);
  const s = snb(fof, populationSize);
  const d = dankar(fof, populationSize);
  const uniqueness: PopulationUniquenessJson = {
    pitman: json(p, { theta: p.theta, alpha: p.alpha, solver: p.solver }),
    zayatz: json(z, { probabilityUniqueGivenSampleUnique: z.probabilityUniqueGivenSampleUnique }),
    snb: json(s, { nonEmptyClasses: s.nonEmptyClasses, alpha: s.alpha, beta: s.beta }),
    dankar: json(d),
    dankarModel: d.model,
  };
  const notes = [p, z, s, d].filter((e) => e.note).map((e) => e.note!);
  return { uniqueness, notes };
}


/**
 * Individual risk (Benedetti & Franconi 1998; Franconi & Polettini 2004; sdcMicro
 * indivRisk): per class from f_k and F_k = the sum of the weights of its records (under
 * the wildcard policy: of the records that match it, each group of identical records
 * counted by its own records). Returns the JSON summary and the per-class risks.
 */
export function individualRiskOf(
  cs: ClassSizes,
  weightSums: Float64Array,
  levels: readonly number[],
  weights: string,
): { json: IndividualRiskJson; risks: Float64Array } {
  const r = individualRisk(cs.sizes, weightSums, cs.records);
  const above = r.recordsAbove(levels);
  const recordsAbove: Record<string, number> = {};
  levels.forEach((t, i) => (recordsAbove[String(t)] = above[i]));
  return {
    json: {
      global: r.global,
      expectedReidentifications: r.expectedReidentifications,
      max: r.max,
      recordsAbove,
      weights,
      classesAtSampleSize: r.classesAtSampleSize,
    },
    risks: r.risks,
  };
}
