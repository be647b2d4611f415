/**
 * Threshold lines in plain words: "Highest record risk, journalist model: at most 0.09; value
 * 0.01; PASS". A value that rounds to its limit gets more digits, so that a failing value never
 * reads the same as the limit it fails. Lines are told apart by their kind, model and
 * attribute (src/risk/verdict/lineKinds.ts), never by their name.
 */
import type { SensitiveResult } from '../../contracts/measures.js';
import type { LineKind, ThresholdLine } from '../../model/thresholdLine.js';
import { Figure, fig } from '../figure.js';
import type { Labels } from '../templateDir.js';

export interface ThresholdRow {
  /** The raw name (e.g. `journalist.highestRisk`). */
  name: string;
  /** What the line measures (src/risk/verdict/lineKinds.ts). */
  kind: LineKind;
  /** The adversary model of a risk line, else null. */
  model: ThresholdLine['model'] | null;
  /** The sensitive attribute of an attribute-disclosure line, else null. */
  attribute: string | null;
  label: string;
  /** "at least", "at most", "below". */
  comparison: string;
  limit: Figure;
  value: Figure;
  pass: boolean;
  status: string;
  /** Where the limit comes from (the preset's precedent, the spec's source, "set in the spec"); null when the result does not say. */
  source: string | null;
}

type Format = 'integer' | 'risk' | 'measure';

/**
 * Per kind of line: how its numbers are formatted (a count, a probability or another
 * measure) and the key of its label (`threshold.<key>`); `model` and `sensitive` keys take
 * the line's model or, for `threshold.sensitive.<key>`, its attribute (and l).
 */
const KINDS: Readonly<Record<LineKind, { format: Format; label: { plain: string } | { model: string } | { sensitive: string } }>> = {
  k: { format: 'integer', label: { plain: 'k' } },
  highestRisk: { format: 'risk', label: { model: 'highestRisk' } },
  averageRisk: { format: 'risk', label: { model: 'averageRisk' } },
  marketerExpected: { format: 'risk', label: { plain: 'marketer.expected' } },
  distinctL: { format: 'integer', label: { sensitive: 'distinctL' } },
  entropyL: { format: 'measure', label: { sensitive: 'entropyL' } },
  recursiveCL: { format: 'measure', label: { sensitive: 'recursiveCL' } },
  tCloseness: { format: 'measure', label: { sensitive: 't' } },
  betaLikeness: { format: 'measure', label: { sensitive: 'beta' } },
  enhancedBetaLikeness: { format: 'measure', label: { sensitive: 'enhancedBeta' } },
  deltaDisclosure: { format: 'measure', label: { sensitive: 'delta' } },
  individualRiskMax: { format: 'risk', label: { plain: 'individualRisk.max' } },
  globalRisk: { format: 'risk', label: { plain: 'individualRisk.global' } },
  populationUniqueness: { format: 'risk', label: { plain: 'population.uniqueness' } },
  disSuda: { format: 'risk', label: { plain: 'suda.maxDisScore' } },
};

/** The table entry of a line's kind; undefined for a kind this version does not know (a newer analysis). */
function kindInfo(kind: string): (typeof KINDS)[LineKind] | undefined {
  return Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind as LineKind] : undefined;
}

/**
 * The label of a threshold line, from its kind, model and attribute; a line this version
 * cannot name (an unknown kind, a risk line without its model) prints its name as it is.
 * @param sensitive the result's sensitive attributes (the l of recursive (c,l)-diversity)
 */
export function thresholdLabel(line: ThresholdLine, labels: Labels, sensitive: Readonly<Record<string, SensitiveResult>> = {}): string {
  const label = kindInfo(line.kind)?.label;
  if (!label) return line.name;
  if ('plain' in label) return labels.getOr(`threshold.${label.plain}`, line.name);
  if ('model' in label) return line.model ? labels.getOr(`threshold.${line.model}.${label.model}`, line.name) : line.name;
  if (line.attribute === undefined) return line.name;
  const l = line.kind === 'recursiveCL' ? sensitive[line.attribute]?.recursiveCL.l : undefined;
  if (line.kind === 'recursiveCL' && l === undefined) return line.name;
  return labels.getOr(`threshold.sensitive.${label.sensitive}`, line.name, { attribute: line.attribute, l: l === undefined ? '' : String(l) });
}

/** Formats a pair so that value and limit read differently whenever they differ. */
function distinctPair(kind: Format, value: number | null, limit: number): [Figure, Figure] {
  const f = kind === 'integer' ? fig.integer : kind === 'risk' ? fig.risk : fig.measure;
  let v = f(value);
  const l = f(limit);
  if (value !== null && Number.isFinite(value) && value !== limit && v.text === l.text) {
    for (let digits = 4; digits <= 17; digits++) {
      const text = Number(value.toPrecision(digits)).toString();
      if (text !== l.text && Number(text) !== limit) {
        v = new Figure(value, text);
        break;
      }
    }
  }
  return [v, l];
}

/**
 * The rows of the threshold lines, in the result's order.
 * @param sensitive the result's sensitive attributes (for the l of recursive (c,l)-diversity)
 * @param sources where each line's limit comes from, by line name (thresholdSettings.sources)
 */
export function thresholdRows(
  lines: readonly ThresholdLine[],
  labels: Labels,
  sensitive: Readonly<Record<string, SensitiveResult>> = {},
  sources: Readonly<Record<string, string>> = {},
): ThresholdRow[] {
  return lines.map((line) => {
    const value = typeof line.value === 'number' && Number.isFinite(line.value) ? line.value : null;
    const [v, l] = distinctPair(kindInfo(line.kind)?.format ?? 'measure', value, line.limit);
    return {
      name: line.name,
      kind: line.kind,
      model: line.model ?? null,
      attribute: line.attribute ?? null,
      label: thresholdLabel(line, labels, sensitive),
      comparison: labels.get(`comparison.${line.comparison}`),
      limit: l,
      value: v,
      pass: line.pass,
      status: labels.get(line.pass ? 'status.pass' : 'status.fail'),
      source: sources[line.name] ?? null,
    };
  });
}
