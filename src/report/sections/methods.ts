/**
 * Methods: which measures were computed. The definitions and sources are the template's
 * wording; the model says which of them apply to this analysis.
 */
import type { SectionContext } from './context.js';

export interface MethodsModel {
  prosecutor: boolean;
  journalist: boolean;
  marketer: boolean;
  /** Population class sizes from the sampling fraction / a population table / the data itself. */
  fromSamplingFraction: boolean;
  fromPopulationTable: boolean;
  noPopulation: boolean;
  missing: { ownValue: boolean; exclude: boolean; wildcard: boolean };
  sensitive: boolean;
  distances: { equal: boolean; ordered: boolean; hierarchical: boolean };
  populationUniqueness: boolean;
  individualRisk: boolean;
  suda: boolean;
  qiContribution: boolean;
  transformation: boolean;
  search: boolean;
  release: boolean;
}

/** Builds the methods section's flags. */
export function methodsSection({ result }: SectionContext): MethodsModel {
  const sens = Object.values(result.sensitive);
  const source = result.population.source;
  return {
    prosecutor: result.risk.prosecutor !== undefined,
    journalist: result.risk.journalist !== undefined,
    marketer: result.risk.marketer !== undefined,
    fromSamplingFraction: source === 'samplingFraction',
    fromPopulationTable: source === 'populationTable',
    noPopulation: source === 'none',
    missing: {
      ownValue: result.dataset.missingValues === 'ownValue',
      exclude: result.dataset.missingValues === 'exclude',
      wildcard: result.dataset.missingValues === 'wildcard',
    },
    sensitive: sens.length > 0,
    distances: {
      equal: sens.some((s) => s.tCloseness.measure === 'equal'),
      ordered: sens.some((s) => s.tCloseness.measure === 'ordered'),
      hierarchical: sens.some((s) => s.tCloseness.measure === 'hierarchical'),
    },
    populationUniqueness: result.population.uniqueness !== undefined,
    individualRisk: result.individualRisk !== undefined,
    suda: result.suda !== undefined,
    qiContribution: (result.qiContribution?.length ?? 0) > 0,
    transformation: result.transformation !== undefined,
    search: result.search !== undefined,
    release: result.release !== undefined,
  };
}
