/**
 * Threshold presets by release context.
 *
 * HIPAA sets no number. These are the precedents of the de-identification literature
 * (El Emam, Guide to the De-identification of Personal Health Information, 2013;
 * El Emam & Arbuckle, Anonymizing Health Data, 2013; IPC Ontario guidance), where the
 * highest (maximum) re-identification probability of a record is bounded by
 * 0.33 (k = 3), 0.2 (k = 5), 0.09 (k ~ 11), 0.075 or 0.05 (k = 20), and the average by
 * 0.05-0.1, chosen by how public the release is and how invasive a disclosure would be.
 * They are starting points: the expert must justify the chosen values for the
 * recipient, the data and the controls in place.
 */
export const releaseContexts = ['public', 'semiPublic', 'private'] as const;
export type ReleaseContext = (typeof releaseContexts)[number];

export interface PresetThresholds {
  highestRisk: number;
  averageRisk: number;
  rationale: string;
}

export const presets: Record<ReleaseContext, PresetThresholds> = {
  public: {
    highestRisk: 0.09,
    averageRisk: 0.05,
    rationale:
      'public release (no controls on the recipient): highest risk 0.09 (precedent "k = 11"; exactly 0.09 needs classes of 12) and average risk 0.05 (El Emam 2013).',
  },
  semiPublic: {
    highestRisk: 0.2,
    averageRisk: 0.075,
    rationale:
      'semi-public release under a data use agreement: highest risk 0.2 (k = 5) and average risk 0.075 (El Emam 2013; IPC Ontario).',
  },
  private: {
    highestRisk: 0.33,
    averageRisk: 0.1,
    rationale:
      'private release to a recipient with strong security and privacy controls: highest risk 0.33 (k = 3) and average risk 0.1 (El Emam 2013).',
  },
};
