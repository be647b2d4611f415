/**
 * Threshold presets, and the release contexts a determination is made for.
 *
 * HIPAA sets no number. These are the precedents of the de-identification literature
 * (El Emam, Guide to the De-identification of Personal Health Information, 2013;
 * El Emam & Arbuckle, Anonymizing Health Data, 2013; IPC Ontario guidance), where the
 * highest (maximum) re-identification probability of a record is bounded by
 * 0.33 (k = 3), 0.2 (k = 5), 0.09 (k ~ 11), 0.075 or 0.05 (k = 20), and the average by
 * 0.05-0.1, chosen by how public the release is and how invasive a disclosure would be.
 * Population uniqueness has its own precedent: at most 5% of the population unique for a
 * public-use file and 20% for a research file released under an agreement (Howe et al.,
 * "Method to assess identifiability in electronic data files", Am J Epidemiol 165(5), 2007;
 * the cut-offs El Emam, Brown & Abdelmalik apply to population uniqueness, JAMIA 16(2), 2009).
 * The precedents for a recipient with strong controls set no uniqueness bound.
 * They are starting points: the expert must justify the chosen values for the
 * recipient, the data and the controls in place.
 *
 * The release context (spec `releaseContext`) is stated on its own, never inferred from the
 * preset: each preset names the context its precedent was set for, and a preset that does
 * not match the stated context is a review warning (src/risk/verdict/warnings.ts).
 */

/** Threshold presets (spec `thresholds.preset`). */
export const presetNames = ['public', 'semiPublic', 'private'] as const;
export type PresetName = (typeof presetNames)[number];

/** Who receives the data and under what (spec `releaseContext`). */
export const releaseContextKinds = ['public', 'dataUseAgreement', 'enclave'] as const;
export type ReleaseContextKind = (typeof releaseContextKinds)[number];

export interface PresetThresholds {
  highestRisk: number;
  averageRisk: number;
  /** The precedent's bound on the estimated population-unique fraction, when it has one. */
  populationUniqueness?: number;
  /** The release context the precedent was set for. */
  context: ReleaseContextKind;
  rationale: string;
  /** Where each number comes from (by threshold name). */
  sources: { highestRisk: string; averageRisk: string; populationUniqueness?: string };
}

const elEmam = 'El Emam, Guide to the De-identification of Personal Health Information, 2013';
const howe = 'Howe et al., Am J Epidemiol 165(5), 2007, as applied to population uniqueness by El Emam, Brown & Abdelmalik, JAMIA 16(2), 2009';

export const presets: Record<PresetName, PresetThresholds> = {
  public: {
    highestRisk: 0.09,
    averageRisk: 0.05,
    populationUniqueness: 0.05,
    context: 'public',
    rationale:
      'public release (no controls on the recipient): highest risk 0.09 (precedent "k = 11"; exactly 0.09 needs classes of 12) and average risk 0.05 (El Emam 2013); at most 5% of the population unique (public-use files, Howe et al. 2007).',
    sources: {
      highestRisk: `preset public: ${elEmam} (the "k = 11" precedent)`,
      averageRisk: `preset public: ${elEmam}`,
      populationUniqueness: `preset public: public-use files, ${howe}`,
    },
  },
  semiPublic: {
    highestRisk: 0.2,
    averageRisk: 0.075,
    populationUniqueness: 0.2,
    context: 'dataUseAgreement',
    rationale:
      'semi-public release under a data use agreement: highest risk 0.2 (k = 5) and average risk 0.075 (El Emam 2013; IPC Ontario); at most 20% of the population unique (research files, Howe et al. 2007).',
    sources: {
      highestRisk: `preset semiPublic: ${elEmam} (k = 5); IPC Ontario`,
      averageRisk: `preset semiPublic: ${elEmam}; IPC Ontario`,
      populationUniqueness: `preset semiPublic: research files, ${howe}`,
    },
  },
  private: {
    highestRisk: 0.33,
    averageRisk: 0.1,
    context: 'enclave',
    rationale:
      'private release to a recipient with strong security and privacy controls: highest risk 0.33 (k = 3) and average risk 0.1 (El Emam 2013); the precedent sets no population-uniqueness bound.',
    sources: {
      highestRisk: `preset private: ${elEmam} (k = 3)`,
      averageRisk: `preset private: ${elEmam}`,
    },
  },
};
