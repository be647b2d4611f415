/**
 * Threshold lines in plain words: "Highest record risk, journalist model: at most 0.09; value
 * 0.01; PASS". A value that rounds to its limit gets more digits, so that a failing value never
 * reads the same as the limit it fails.
 */
import type { ThresholdLine } from '../../model/thresholdLine.js';
import { Figure, fig } from '../figure.js';
import type { Labels } from '../templateDir.js';

export interface ThresholdRow {
  /** The raw name (e.g. `journalist.highestRisk`). */
  name: string;
  label: string;
  /** "at least", "at most", "below". */
  comparison: string;
  limit: Figure;
  value: Figure;
  pass: boolean;
  status: string;
}

/** Whether a threshold is a count (k, l) or a probability/measure, for its formatting. */
function kindOf(name: string): 'integer' | 'risk' | 'measure' {
  if (name === 'k' || name.endsWith('.distinctL')) return 'integer';
  if (/^(prosecutor|journalist|marketer|individualRisk|population)\./.test(name) || name === 'suda.maxDisScore') return 'risk';
  return 'measure';
}

/** The label of a threshold line; unknown names (added by newer analyses) print as they are. */
export function thresholdLabel(name: string, labels: Labels): string {
  const s = /^sensitive\.(.+)\.(distinctL|entropyL|recursiveCL\(l=(\d+)\)\.c|t|beta|enhancedBeta|delta)$/.exec(name);
  if (s) {
    const measure = s[2].startsWith('recursiveCL') ? 'recursiveCL' : s[2];
    return labels.getOr(`threshold.sensitive.${measure}`, name, { attribute: s[1], l: s[3] ?? '' });
  }
  return labels.getOr(`threshold.${name}`, name);
}

/** Formats a pair so that value and limit read differently whenever they differ. */
function distinctPair(kind: 'integer' | 'risk' | 'measure', value: number | null, limit: number): [Figure, Figure] {
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

/** The rows of the threshold lines, in the result's order. */
export function thresholdRows(lines: readonly ThresholdLine[], labels: Labels): ThresholdRow[] {
  return lines.map((line) => {
    const value = typeof line.value === 'number' && Number.isFinite(line.value) ? line.value : null;
    const [v, l] = distinctPair(kindOf(line.name), value, line.limit);
    return {
      name: line.name,
      label: thresholdLabel(line.name, labels),
      comparison: labels.get(`comparison.${line.comparison}`),
      limit: l,
      value: v,
      pass: line.pass,
      status: labels.get(line.pass ? 'status.pass' : 'status.fail'),
    };
  });
}
