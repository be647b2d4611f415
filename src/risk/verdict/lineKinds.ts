/**
 * The kinds of threshold line, in one table: how each is named in the JSON, which
 * comparison must hold, where its definition comes from, and whether it is monotone under
 * generalization (if a node fails it, every specialization of the node fails it too), with
 * and without record suppression. The search prunes on this table, the analysis and the
 * report name lines from it; nothing matches line names with patterns.
 */
import type { Comparison, LineKind, ThresholdLine } from '../../model/thresholdLine.js';

/** How records in classes below the required size are treated in the output. */
export type SuppressionMode = 'none' | 'drop' | 'mask';

export interface LineKindInfo {
  comparison: Comparison;
  /** Where the measure is defined (file:function) and its source. */
  definition: string;
  /** Monotone under generalization when no record is suppressed. */
  monotone: boolean;
  /** Still monotone when classes below the required size are dropped. */
  monotoneWhenDropping: boolean;
}

/**
 * Monotonicity: class-size models (k, highest risk) are monotone (a generalization merges
 * classes, so the smallest class never shrinks), and stay so when small classes are dropped
 * (the kept classes all reach the required size by construction). Average risks and the
 * l-diversity / t-closeness models are monotone without suppression (Machanavajjhala et al.
 * 2007; Li et al. 2007; El Emam 2013), not with it (the records dropped change with the
 * node). beta-likeness, delta-disclosure, individual risk, population uniqueness and SUDA are
 * treated as not monotone. When suppressed records are masked (kept as one all-"*" class),
 * no line is monotone: that class's size moves both ways with the node.
 */
export const LINE_KINDS: Readonly<Record<LineKind, LineKindInfo>> = {
  k: { comparison: '>=', definition: 'src/risk/classes.ts:summarizeClasses (Sweeney 2002)', monotone: true, monotoneWhenDropping: true },
  highestRisk: { comparison: '<=', definition: 'src/risk/adversary/{prosecutor,journalist}.ts (El Emam 2013)', monotone: true, monotoneWhenDropping: true },
  averageRisk: { comparison: '<=', definition: 'src/risk/adversary/{prosecutor,journalist}.ts (El Emam 2013)', monotone: true, monotoneWhenDropping: false },
  marketerExpected: { comparison: '<=', definition: 'src/risk/adversary/marketer.ts:marketerRisk (El Emam 2013)', monotone: true, monotoneWhenDropping: false },
  distinctL: { comparison: '>=', definition: 'src/risk/sensitive/distinctL.ts:distinctL (Machanavajjhala et al. 2007)', monotone: true, monotoneWhenDropping: false },
  entropyL: { comparison: '>=', definition: 'src/risk/sensitive/entropyL.ts:entropyL (Machanavajjhala et al. 2007)', monotone: true, monotoneWhenDropping: false },
  recursiveCL: { comparison: '<', definition: 'src/risk/sensitive/recursiveCL.ts:recursiveCL (Machanavajjhala et al. 2007)', monotone: true, monotoneWhenDropping: false },
  tCloseness: { comparison: '<=', definition: 'src/risk/sensitive/tCloseness.ts:tCloseness (Li, Li & Venkatasubramanian 2007)', monotone: true, monotoneWhenDropping: false },
  betaLikeness: { comparison: '<=', definition: 'src/risk/sensitive/betaLikeness.ts:basicBetaLikeness (Cao & Karras 2012)', monotone: false, monotoneWhenDropping: false },
  enhancedBetaLikeness: { comparison: '<=', definition: 'src/risk/sensitive/betaLikeness.ts:enhancedBetaLikeness (Cao & Karras 2012)', monotone: false, monotoneWhenDropping: false },
  deltaDisclosure: { comparison: '<', definition: 'src/risk/sensitive/deltaDisclosure.ts:deltaDisclosure (Brickell & Shmatikov 2008)', monotone: false, monotoneWhenDropping: false },
  individualRiskMax: { comparison: '<=', definition: 'src/risk/population/individualRisk.ts:individualRisk (Benedetti & Franconi 1998)', monotone: false, monotoneWhenDropping: false },
  globalRisk: { comparison: '<=', definition: 'src/risk/population/individualRisk.ts:individualRisk (Franconi & Polettini 2004)', monotone: false, monotoneWhenDropping: false },
  populationUniqueness: { comparison: '<=', definition: 'src/risk/population/dankar.ts:dankar (Dankar et al. 2012)', monotone: false, monotoneWhenDropping: false },
  disSuda: { comparison: '<=', definition: 'src/risk/suda/disSuda.ts:scoresFromMsu (Elliot et al. 2005)', monotone: false, monotoneWhenDropping: false },
};

/** Whether a failed line of this kind also fails for every specialization of the node. */
export function isMonotone(kind: LineKind, suppression: SuppressionMode): boolean {
  const info = LINE_KINDS[kind];
  if (suppression === 'none') return info.monotone;
  if (suppression === 'drop') return info.monotoneWhenDropping;
  return false;
}

/** The JSON name of a line: `k`, `journalist.highestRisk`, `sensitive.diagnosis.t`, ... */
export function lineName(kind: LineKind, where: { model?: ThresholdLine['model']; attribute?: string; l?: number } = {}): string {
  const s = `sensitive.${where.attribute}`;
  switch (kind) {
    case 'k':
      return 'k';
    case 'highestRisk':
      return `${where.model}.highestRisk`;
    case 'averageRisk':
      return `${where.model}.averageRisk`;
    case 'marketerExpected':
      return 'marketer.expected';
    case 'distinctL':
      return `${s}.distinctL`;
    case 'entropyL':
      return `${s}.entropyL`;
    case 'recursiveCL':
      return `${s}.recursiveCL(l=${where.l}).c`;
    case 'tCloseness':
      return `${s}.t`;
    case 'betaLikeness':
      return `${s}.beta`;
    case 'enhancedBetaLikeness':
      return `${s}.enhancedBeta`;
    case 'deltaDisclosure':
      return `${s}.delta`;
    case 'individualRiskMax':
      return 'individualRisk.max';
    case 'globalRisk':
      return 'individualRisk.global';
    case 'populationUniqueness':
      return 'population.uniqueness';
    case 'disSuda':
      return 'suda.maxDisScore';
  }
}

/**
 * A threshold line of `kind`: the value must compare to the limit as the kind says
 * (`>=`, `<=` or the strict `<` of recursive (c,l) and delta-disclosure). `pass` may be
 * overridden by a caller whose test is exact where the value is rounded (entropy l).
 */
export function line(kind: LineKind, value: number, limit: number, where: { model?: ThresholdLine['model']; attribute?: string; l?: number } = {}, pass?: boolean): ThresholdLine {
  const comparison = LINE_KINDS[kind].comparison;
  const holds = comparison === '>=' ? value >= limit : comparison === '<' ? value < limit : value <= limit;
  return {
    name: lineName(kind, where),
    kind,
    ...(where.model ? { model: where.model } : {}),
    ...(where.attribute !== undefined ? { attribute: where.attribute } : {}),
    limit,
    value,
    comparison,
    pass: pass ?? holds,
  };
}

/** `pass` when every line passes (no line: pass). */
export function verdictOf(lines: readonly ThresholdLine[]): 'pass' | 'fail' {
  return lines.every((l) => l.pass) ? 'pass' : 'fail';
}
