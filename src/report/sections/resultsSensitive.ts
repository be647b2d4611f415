/**
 * Attribute disclosure per sensitive attribute: l-diversity, t-closeness, beta-likeness and
 * delta-disclosure, each beside its threshold when one is configured.
 */
import type { SensitiveResult } from '../../contracts/measures.js';
import type { LineKind } from '../../model/thresholdLine.js';
import { Figure, fig } from '../figure.js';
import type { SectionContext } from './context.js';
import { thresholdRows } from './thresholdRows.js';

export interface SensitiveMeasureRow {
  measure: string;
  meaning: string;
  value: Figure;
  comparison: string | null;
  limit: Figure | null;
  status: string | null;
  pass: boolean | null;
}

export interface SensitiveAttributeModel {
  name: string;
  values: Figure;
  missing: Figure;
  excluded: Figure;
  distance: string;
  rows: SensitiveMeasureRow[];
}

export interface SensitiveModel {
  attributes: SensitiveAttributeModel[];
}

/** Builds the attribute-disclosure results, or null when no sensitive attribute was analysed. */
export function sensitiveResults({ result, labels }: SectionContext): SensitiveModel | null {
  const names = Object.keys(result.sensitive);
  if (names.length === 0) return null;
  return {
    attributes: names.map((name) => {
      const s: SensitiveResult = result.sensitive[name];
      const lines = thresholdRows(
        result.thresholds.filter((l) => l.attribute === name),
        labels,
        result.sensitive,
      );
      const row = (key: string, value: Figure, kind: LineKind | null, vars?: Record<string, string>): SensitiveMeasureRow => {
        const l = kind ? lines.find((x) => x.kind === kind) : undefined;
        return {
          measure: labels.get(`measure.${key}`, vars),
          meaning: labels.get(`measure.${key}.meaning`, vars),
          value: l && l.value.value === value.value ? l.value : value,
          comparison: l?.comparison ?? null,
          limit: l?.limit ?? null,
          status: l?.status ?? null,
          pass: l ? l.pass : null,
        };
      };
      return {
        name,
        values: fig.count(s.values),
        missing: fig.count(s.missing),
        excluded: fig.count(s.excludedRecords),
        distance: labels.get(`distance.${s.tCloseness.measure}`),
        rows: [
          row('distinctL', fig.integer(s.distinctL), 'distinctL'),
          row('entropyL', fig.measure(s.entropyL), 'entropyL'),
          row('recursiveCL', fig.measure(s.recursiveCL.c), 'recursiveCL', { l: String(s.recursiveCL.l) }),
          row('tCloseness', fig.measure(s.tCloseness.t), 'tCloseness'),
          row('betaBasic', fig.measure(s.betaLikeness.basic), 'betaLikeness'),
          row('betaEnhanced', fig.measure(s.betaLikeness.enhanced), 'enhancedBetaLikeness'),
          row('delta', fig.measure(s.deltaDisclosure), 'deltaDisclosure'),
        ],
      };
    }),
  };
}
