/**
 * Review warnings: what makes a verdict that passes its thresholds unfit to sign as it
 * stands. Pure checks over the frame, the threshold lines and the measures; each returns the
 * warnings with the reason in plain words. A review warning turns a passing verdict into
 * "needs review" unless the spec acknowledges it (src/risk/verdict/review.ts).
 *
 * - threshold.cannotFail: a limit the measure can never exceed (or fall below) with this
 *   population model, so the line passes whatever the data: see cannotFailReason.
 * - population.estimatorsDisagree: the population-uniqueness estimators differ by more than
 *   ESTIMATOR_SPREAD (largest / smallest), so the Dankar et al. rule's pick decides the figure.
 * - sensitive.worstCase: a sensitive attribute with distinct l = 1 (some class shares one
 *   value, which whoever finds the class learns) and no attribute-disclosure threshold.
 * - context.presetMismatch: the preset's precedent was set for another release context.
 * Identifier-looking released columns are raised where the data is (src/engine/releasedColumns.ts).
 */
import { presets, type PresetName, type ReleaseContextKind } from '../../config/presets.js';
import type { ResultWarning } from '../../contracts/analysis.js';
import type { PopulationUniquenessJson, SensitiveResult } from '../../contracts/measures.js';
import type { ThresholdLine } from '../../model/thresholdLine.js';
import { recordRisk } from '../population/individualRisk.js';
import type { PopulationFrame } from './frame.js';

/** Estimators that disagree by more than this factor (largest / smallest estimate) are flagged. */
export const ESTIMATOR_SPREAD = 2;

/** What the checks need besides the lines. */
export interface ReviewInput {
  lines: readonly ThresholdLine[];
  frame: PopulationFrame;
  /** True when individual risk uses a weight column (then its bound below does not hold). */
  weightColumn?: boolean;
  uniqueness?: PopulationUniquenessJson;
  sensitive: Readonly<Record<string, SensitiveResult>>;
  releaseContext?: ReleaseContextKind;
  preset?: PresetName;
}

const num = (x: number): string => String(Number(x.toPrecision(4)));
const pct = (x: number): string => `${Number((100 * x).toPrecision(3))}%`;

/**
 * The highest individual risk any record can have when every record weighs 1/pi
 * (Benedetti & Franconi 1998): every class has p = f/F = pi, and the risk falls with f
 * (f = 1: pi/(1-pi) ln(1/pi); f = 2: pi/(1-pi) - (pi/(1-pi))^2 ln(1/pi); f >= 3:
 * pi/(f - (1-pi))), so the bound is the maximum over f of these, reached at f = 1.
 * 1 when pi = 1 (then r = 1/f).
 */
export function individualRiskBound(pi: number): number {
  if (!(pi < 1)) return 1;
  let max = 0;
  for (const f of [1, 2, 3]) max = Math.max(max, recordRisk(f, pi, 1 - pi));
  return max;
}

/**
 * Why a threshold line cannot fail whatever the data, or null when it can.
 * - k <= 1, distinct / entropy l <= 1: every class has a record and a value.
 * - prosecutor risks, t, population uniqueness, DIS-SUDA >= 1: none exceeds 1.
 * - journalist highest / average risk and marketer expected share under F_k = f_k / pi
 *   (population from a sampling fraction or size): a record's risk is 1/F_k = pi / f_k <= pi,
 *   the average max(K / sum F, (1/n) sum f/F) = K pi / n <= pi, the marketer's (1/n) sum f/F
 *   = K pi / n <= pi: a limit at or above pi cannot fail.
 * - individual and global risk with every record weighing 1/pi: at most individualRiskBound(pi).
 */
export function cannotFailReason(l: ThresholdLine, frame: PopulationFrame, weightColumn = false): string | null {
  const sampled = frame.source === 'samplingFraction';
  const pi = frame.samplingFraction;
  switch (l.kind) {
    case 'k':
      return l.limit <= 1 ? `k >= ${num(l.limit)} holds for any data: every class has at least one record` : null;
    case 'distinctL':
    case 'entropyL':
      return l.limit <= 1 ? `an l-diversity of at least ${num(l.limit)} holds for any data: every class has at least one value` : null;
    case 'highestRisk':
    case 'averageRisk':
    case 'marketerExpected': {
      const journalistLike = l.model === 'journalist' || l.kind === 'marketerExpected';
      if (journalistLike && sampled && l.limit >= pi) {
        return `with the population estimated as F_k = f_k / pi (sampling fraction pi = ${num(pi)}), every ${l.model ?? 'journalist'} risk is pi / f_k <= pi and the average and the marketer's expected share are K pi / n <= pi, so a limit of ${num(l.limit)} >= pi cannot fail whatever the quasi-identifiers are`;
      }
      return l.limit >= 1 ? `a risk of at most ${num(l.limit)} holds for any data: no risk exceeds 1` : null;
    }
    case 'individualRiskMax':
    case 'globalRisk': {
      if (l.limit >= 1) return `a risk of at most ${num(l.limit)} holds for any data: no risk exceeds 1`;
      if (weightColumn || !sampled) return null;
      const bound = individualRiskBound(pi);
      return l.limit >= bound
        ? `with every record weighing 1 / pi (pi = ${num(pi)}), no individual risk can exceed pi/(1-pi) ln(1/pi) = ${num(bound)} (a sample unique; Benedetti & Franconi 1998), so a limit of ${num(l.limit)} cannot fail`
        : null;
    }
    case 'tCloseness':
    case 'populationUniqueness':
    case 'disSuda':
      return l.limit >= 1 ? `a value of at most ${num(l.limit)} holds for any data: the measure never exceeds 1` : null;
    default:
      return null;
  }
}

/** threshold.cannotFail: one warning per line that cannot fail. */
export function cannotFailWarnings(input: Pick<ReviewInput, 'lines' | 'frame' | 'weightColumn'>): ResultWarning[] {
  const out: ResultWarning[] = [];
  for (const l of input.lines) {
    const why = cannotFailReason(l, input.frame, input.weightColumn);
    if (why) {
      out.push({ rule: 'threshold.cannotFail', subject: l.name, review: true, message: `threshold ${l.name} ${l.comparison} ${num(l.limit)} cannot fail: ${why}; it does not protect this release.` });
    }
  }
  return out;
}

const estimatorNames = { pitman: 'Pitman', zayatz: 'Zayatz', snb: 'SNB' } as const;

/** Why the Dankar et al. rule (BMC Med Inform Decis Mak 12:66, 2012) picked its model, in words. */
export function dankarReason(u: PopulationUniquenessJson, pi: number): string {
  if (u.dankarModel === 'none' || u.dankarModel === null) return 'no model (no sample unique)';
  const name = estimatorNames[u.dankarModel];
  if (pi <= 0.1) return u.dankarModel === 'pitman' ? `${name} (sampling fraction ${num(pi)} <= 0.1)` : `${name} (sampling fraction ${num(pi)} <= 0.1, and Pitman did not fit)`;
  return `${name} (sampling fraction ${num(pi)} > 0.1: the smaller of Zayatz and SNB)`;
}

/** population.estimatorsDisagree: the valid estimates spread by more than ESTIMATOR_SPREAD. */
export function estimatorWarnings(u: PopulationUniquenessJson | undefined, frame: PopulationFrame): ResultWarning[] {
  if (!u || u.dankarModel === 'none' || u.dankarModel === null) return [];
  const valid = (Object.keys(estimatorNames) as (keyof typeof estimatorNames)[])
    .map((k) => ({ k, e: u[k] }))
    .filter((x) => x.e.valid && x.e.count !== null && x.e.fraction !== null);
  if (valid.length < 2) return [];
  const counts = valid.map((x) => x.e.count!);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  // Below one population unique the spread is immaterial.
  if (hi < 1 || (lo > 0 && hi / lo <= ESTIMATOR_SPREAD)) return [];
  const spread = lo > 0 ? `a factor of ${num(hi / lo)}` : 'a factor without bound (one estimate is 0)';
  const list = valid.map((x) => `${estimatorNames[x.k]} ${pct(x.e.fraction!)} (${Math.round(x.e.count!)})`).join(', ');
  return [
    {
      rule: 'population.estimatorsDisagree',
      subject: 'population.uniqueness',
      review: true,
      message: `population uniqueness estimators disagree by ${spread} (more than ${ESTIMATOR_SPREAD}): ${list}; the Dankar et al. rule chose ${dankarReason(u, frame.samplingFraction)}, so the figure rests on that choice.`,
    },
  ];
}

/** sensitive.worstCase: distinct l = 1 with no attribute-disclosure threshold on that attribute. */
export function sensitiveWarnings(sensitive: Readonly<Record<string, SensitiveResult>>, lines: readonly ThresholdLine[]): ResultWarning[] {
  const out: ResultWarning[] = [];
  for (const [name, s] of Object.entries(sensitive)) {
    if (s.distinctL !== 1 || s.values === 0) continue;
    if (lines.some((l) => l.attribute === name)) continue;
    out.push({
      rule: 'sensitive.worstCase',
      subject: name,
      review: true,
      message: `sensitive attribute ${name} is at its worst, distinct l = 1: some class of records shares a single ${name} value, which anyone who finds the class learns, and no attribute threshold (l, entropyL, recursiveCL, t, beta, enhancedBeta, delta) bounds it.`,
    });
  }
  return out;
}

const contextRank: Record<ReleaseContextKind, number> = { public: 0, dataUseAgreement: 1, enclave: 2 };
const contextWords: Record<ReleaseContextKind, string> = { public: 'a public release', dataUseAgreement: 'a release under a data use agreement', enclave: 'access inside a controlled enclave' };

/** context.presetMismatch (review) and context.notStated (informative). */
export function contextWarnings(releaseContext: ReleaseContextKind | undefined, preset: PresetName | undefined): ResultWarning[] {
  if (!preset) return [];
  const precedent = presets[preset].context;
  if (!releaseContext) {
    return [{ rule: 'context.notStated', message: `the release context is not stated (spec releaseContext); preset ${preset}'s precedent is for ${contextWords[precedent]}: state the context the determination is for.` }];
  }
  if (precedent === releaseContext) return [];
  const stricter = contextRank[precedent] < contextRank[releaseContext];
  const why = stricter
    ? `its thresholds are stricter than that context's precedent (conservative, at the cost of utility)`
    : `its thresholds were set for a recipient with more controls than ${contextWords[releaseContext]} has, so they understate the risk`;
  return [
    {
      rule: 'context.presetMismatch',
      subject: 'thresholds.preset',
      review: true,
      message: `preset ${preset} is the precedent for ${contextWords[precedent]}, but the release context is ${contextWords[releaseContext]}: ${why}.`,
    },
  ];
}

/** Every review check that needs no data: cannot-fail lines, estimators, sensitive worst case, context. */
export function reviewWarnings(input: ReviewInput): ResultWarning[] {
  return [
    ...contextWarnings(input.releaseContext, input.preset),
    ...cannotFailWarnings(input),
    ...estimatorWarnings(input.uniqueness, input.frame),
    ...sensitiveWarnings(input.sensitive, input.lines),
  ];
}
