/**
 * Review warnings (src/risk/verdict/warnings.ts) and acknowledgements (review.ts): each
 * warning on a case that triggers it and one that does not, with the bounds computed by hand.
 */
import { describe, expect, it } from 'vitest';
import type { PopulationUniquenessJson, SensitiveResult } from '../../../src/contracts/measures.js';
import { line } from '../../../src/risk/verdict/lineKinds.js';
import { populationFrame } from '../../../src/risk/verdict/frame.js';
import {
  cannotFailReason,
  cannotFailWarnings,
  contextWarnings,
  estimatorWarnings,
  individualRiskBound,
  reviewWarnings,
  sensitiveWarnings,
} from '../../../src/risk/verdict/warnings.js';
import { applyAcknowledgements, finalVerdict, openReviews } from '../../../src/risk/verdict/review.js';

// 4,000 records sampled at pi = 0.01 (N = 400,000); the same data as its own population; a table.
const sampled = populationFrame({ samplingFraction: 0.01 }, 4000);
const whole = populationFrame(undefined, 4000);
const table = populationFrame({ table: {} }, 4000, 400_000);

describe('threshold.cannotFail', () => {
  it('journalist and marketer limits at or above pi cannot fail under F = f / pi; below pi they can', () => {
    expect(cannotFailReason(line('highestRisk', 0.01, 0.09, { model: 'journalist' }), sampled)).toMatch(/pi \/ f_k <= pi/);
    expect(cannotFailReason(line('averageRisk', 0.007, 0.05, { model: 'journalist' }), sampled)).not.toBeNull();
    expect(cannotFailReason(line('marketerExpected', 0.007, 0.05), sampled)).not.toBeNull();
    expect(cannotFailReason(line('highestRisk', 0.01, 0.01, { model: 'journalist' }), sampled)).not.toBeNull(); // pi itself
    expect(cannotFailReason(line('highestRisk', 0.01, 0.005, { model: 'journalist' }), sampled)).toBeNull();
    // a population table gives F_k directly: no bound
    expect(cannotFailReason(line('highestRisk', 0.01, 0.09, { model: 'journalist' }), table)).toBeNull();
    // no population: journalist = prosecutor, bounded by 1 only
    expect(cannotFailReason(line('highestRisk', 1, 0.09, { model: 'journalist' }), whole)).toBeNull();
  });

  it('prosecutor risks, k and l cannot fail only at their trivial limits', () => {
    expect(cannotFailReason(line('highestRisk', 1, 0.2, { model: 'prosecutor' }), sampled)).toBeNull();
    expect(cannotFailReason(line('highestRisk', 1, 1, { model: 'prosecutor' }), sampled)).toMatch(/no risk exceeds 1/);
    expect(cannotFailReason(line('k', 1, 1), sampled)).toMatch(/at least one record/);
    expect(cannotFailReason(line('k', 1, 2), sampled)).toBeNull();
    expect(cannotFailReason(line('distinctL', 1, 1, { attribute: 'd' }), sampled)).not.toBeNull();
    expect(cannotFailReason(line('distinctL', 1, 2, { attribute: 'd' }), sampled)).toBeNull();
    expect(cannotFailReason(line('populationUniqueness', 0.08, 1), sampled)).not.toBeNull();
    expect(cannotFailReason(line('populationUniqueness', 0.08, 0.05), sampled)).toBeNull();
  });

  it('individual risk with every record weighing 1/pi is at most pi/(1-pi) ln(1/pi)', () => {
    // by hand: 0.01 / 0.99 * ln(100) = 0.0101010 * 4.6051702 = 0.0465169
    expect(individualRiskBound(0.01)).toBeCloseTo(0.0465169, 6);
    // pi = 0.5: ln 2 = 0.693147 (f = 1 beats f = 2: 1 - ln 2 = 0.3069, and f = 3: 0.5 / 2.5 = 0.2)
    expect(individualRiskBound(0.5)).toBeCloseTo(Math.LN2, 12);
    expect(individualRiskBound(1)).toBe(1);
    expect(cannotFailReason(line('individualRiskMax', 0.0465, 0.05), sampled)).toMatch(/0\.04652/);
    expect(cannotFailReason(line('globalRisk', 0.03, 0.05), sampled)).not.toBeNull();
    expect(cannotFailReason(line('globalRisk', 0.03, 0.04), sampled)).toBeNull();
    // a weight column: the weights are the data's, no bound
    expect(cannotFailReason(line('individualRiskMax', 0.0465, 0.05), sampled, true)).toBeNull();
  });

  it('gives one review warning per such line, naming it', () => {
    const lines = [line('highestRisk', 0.01, 0.09, { model: 'journalist' }), line('k', 1, 5)];
    const w = cannotFailWarnings({ lines, frame: sampled });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ rule: 'threshold.cannotFail', subject: 'journalist.highestRisk', review: true });
    expect(w[0].message).toContain('pi = 0.01');
  });
});

function estimate(count: number | null, n = 400_000) {
  return { count, fraction: count === null ? null : count / n, valid: count !== null };
}

function uniqueness(pitman: number | null, zayatz: number | null, snb: number | null, dankarModel: PopulationUniquenessJson['dankarModel']): PopulationUniquenessJson {
  const d = dankarModel === 'pitman' ? pitman : dankarModel === 'zayatz' ? zayatz : dankarModel === 'snb' ? snb : 0;
  return { pitman: estimate(pitman), zayatz: estimate(zayatz), snb: estimate(snb), dankar: estimate(d), dankarModel };
}

describe('population.estimatorsDisagree', () => {
  it('flags a spread above 2, with every estimate and the rule\'s choice', () => {
    const w = estimatorWarnings(uniqueness(32715, 137896, 121745, 'pitman'), sampled);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ rule: 'population.estimatorsDisagree', review: true });
    // 137,896 / 32,715 = 4.215
    expect(w[0].message).toContain('a factor of 4.215');
    expect(w[0].message).toContain('Pitman 8.18% (32715), Zayatz 34.5% (137896), SNB 30.4% (121745)');
    expect(w[0].message).toContain('chose Pitman (sampling fraction 0.01 <= 0.1)');
  });

  it('says why Zayatz was chosen when Pitman did not fit, and why at a large sampling fraction', () => {
    expect(estimatorWarnings(uniqueness(null, 4713, 1972, 'zayatz'), sampled)[0].message).toContain('Zayatz (sampling fraction 0.01 <= 0.1, and Pitman did not fit)');
    const large = populationFrame({ samplingFraction: 0.5 }, 4000);
    expect(estimatorWarnings(uniqueness(10, 30, 100, 'zayatz'), large)[0].message).toContain('the smaller of Zayatz and SNB');
  });

  it('is silent within a factor of 2, with no sample unique, or below one population unique', () => {
    expect(estimatorWarnings(uniqueness(1000, 1900, 1500, 'pitman'), sampled)).toEqual([]);
    expect(estimatorWarnings(uniqueness(0, 0, 0, 'none'), sampled)).toEqual([]);
    expect(estimatorWarnings(uniqueness(0.1, 0.9, 0.5, 'pitman'), sampled)).toEqual([]);
    expect(estimatorWarnings(undefined, sampled)).toEqual([]);
  });
});

function sensitive(distinctL: number): SensitiveResult {
  return {
    type: 'VARCHAR',
    values: 60,
    missing: 0,
    missingValues: 'ownValue',
    excludedRecords: 0,
    distinctL,
    entropyL: distinctL,
    recursiveCL: { l: 2, c: null },
    tCloseness: { measure: 'equal', t: 0.9 },
    betaLikeness: { basic: 10, enhanced: null },
    deltaDisclosure: 8,
  };
}

describe('sensitive.worstCase', () => {
  it('flags distinct l = 1 when no attribute threshold bounds the attribute', () => {
    const w = sensitiveWarnings({ diagnosis: sensitive(1) }, [line('k', 1, 5)]);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ rule: 'sensitive.worstCase', subject: 'diagnosis', review: true });
  });

  it('is silent with an attribute threshold on it (passing or not), or with l >= 2', () => {
    expect(sensitiveWarnings({ diagnosis: sensitive(1) }, [line('tCloseness', 0.9, 0.3, { attribute: 'diagnosis' })])).toEqual([]);
    expect(sensitiveWarnings({ diagnosis: sensitive(2) }, [])).toEqual([]);
  });
});

describe('context: the release context is stated, the preset must match it', () => {
  it('a preset set for another context is a review warning saying which way it errs', () => {
    const stricter = contextWarnings('dataUseAgreement', 'public');
    expect(stricter[0]).toMatchObject({ rule: 'context.presetMismatch', review: true });
    expect(stricter[0].message).toContain('stricter');
    const laxer = contextWarnings('public', 'private');
    expect(laxer[0].message).toContain('understate the risk');
  });

  it('is silent when they match, or without a preset; a preset with no stated context informs (not review)', () => {
    expect(contextWarnings('dataUseAgreement', 'semiPublic')).toEqual([]);
    expect(contextWarnings('enclave', 'private')).toEqual([]);
    expect(contextWarnings('public', undefined)).toEqual([]);
    const w = contextWarnings(undefined, 'semiPublic');
    expect(w[0].rule).toBe('context.notStated');
    expect(w[0].review).toBeUndefined();
  });
});

describe('acknowledgements and the verdict', () => {
  const warnings = reviewWarnings({
    lines: [line('highestRisk', 0.01, 0.09, { model: 'journalist' }), line('marketerExpected', 0.007, 0.05)],
    frame: sampled,
    sensitive: { diagnosis: sensitive(1) },
    releaseContext: 'dataUseAgreement',
    preset: 'semiPublic',
  });

  it('every review warning open: a passing set of lines is "needsReview"; a failing one stays "fail"', () => {
    expect(warnings.map((w) => `${w.rule}:${w.subject}`)).toEqual([
      'threshold.cannotFail:journalist.highestRisk',
      'threshold.cannotFail:marketer.expected',
      'sensitive.worstCase:diagnosis',
    ]);
    expect(finalVerdict('pass', warnings)).toBe('needsReview');
    expect(finalVerdict('fail', warnings)).toBe('fail');
    expect(finalVerdict('pass', [{ rule: 'identifier.present', message: 'x' }])).toBe('pass');
  });

  it('an acknowledgement by rule and subject, or by rule alone, carries its reason; an unmatched one is reported', () => {
    const { warnings: out, acknowledgements } = applyAcknowledgements(warnings, [
      { rule: 'threshold.cannotFail', reason: 'kept to document the precedent' },
      { rule: 'sensitive.worstCase', subject: 'diagnosis', reason: 'identity disclosure only' },
      { rule: 'release.identifierLike', subject: 'admit_date', reason: 'no such column any more' },
    ]);
    expect(acknowledgements.map((a) => a.matched)).toEqual([2, 1, 0]);
    expect(openReviews(out)).toEqual([]);
    expect(out.find((w) => w.subject === 'diagnosis')?.acknowledged).toBe('identity disclosure only');
    expect(out.find((w) => w.rule === 'acknowledgement.unmatched')?.message).toContain('release.identifierLike for admit_date');
    expect(finalVerdict('pass', out)).toBe('pass');
    // the input is left as it was
    expect(warnings.every((w) => w.acknowledged === undefined)).toBe(true);
  });

  it('an acknowledgement for another subject leaves the warning open', () => {
    const { warnings: out } = applyAcknowledgements(warnings, [{ rule: 'sensitive.worstCase', subject: 'length_of_stay', reason: 'another attribute' }]);
    expect(finalVerdict('pass', out)).toBe('needsReview');
  });
});
