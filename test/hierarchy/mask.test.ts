import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { maskGeneralizer, maskLabel } from '../../src/hierarchy/mask.js';
import { labelsAt, resolve, thrown } from './helpers.js';

const place = { file: 'spec.yaml', path: 'hierarchies.zip' };

describe('maskLabel', () => {
  it('keeps n leading characters and the length', () => {
    expect(maskLabel('02139', 3)).toBe('021**');
    expect(maskLabel('02139', 1)).toBe('0****');
    expect(maskLabel('02139', 5)).toBe('02139');
  });
  it('keep 0 is the single label "*"; shorter values stay as they are', () => {
    expect(maskLabel('02139', 0)).toBe('*');
    expect(maskLabel('', 0)).toBe('*');
    expect(maskLabel('021', 5)).toBe('021');
    expect(maskLabel('ab', 2)).toBe('ab');
  });
  it('counts code points, not UTF-16 units', () => {
    expect(maskLabel('é😀cd', 2)).toBe('é😀**');
  });
});

describe('mask hierarchy', () => {
  it('[5, 3, 1, 0]: levels 0..3, no extra top level (the last already is "*")', () => {
    const g = maskGeneralizer([5, 3, 1, 0], true, place);
    expect(g.height).toBe(3);
    expect(g.generalize('02139')).toEqual(['021**', '0****', '*']);
    expect(g.generalize('9')).toEqual(['9', '9', '*']);
    expect(g.domain(3)).toEqual(['*']);
    expect(g.domain(1)).toBeUndefined();
  });
  it('[5, 3, 1] with top appends "*"; without top it does not', () => {
    expect(maskGeneralizer([5, 3, 1], true, place).generalize('02139')).toEqual(['021**', '0****', '*']);
    const g = maskGeneralizer([5, 3, 1], false, place);
    expect(g.height).toBe(2);
    expect(g.generalize('02139')).toEqual(['021**', '0****']);
  });
  it('level 0 stays the identity when its entry is shorter than the values', () => {
    const h = resolve({ mask: { levels: [2, 1] } }, ['02139', '02142', '10001']);
    expect(h.height).toBe(2);
    expect(labelsAt(h, 0)).toEqual(['02139', '02142', '10001']);
    expect(labelsAt(h, 1)).toEqual(['0****', '0****', '1****']);
    expect(labelsAt(h, 2)).toEqual(['*', '*', '*']);
  });
  it('equal consecutive levels are allowed (non-increasing)', () => {
    expect(maskGeneralizer([3, 3, 0], true, place).height).toBe(2);
  });
  it('increasing levels: SpecError hierarchy.maskLevels (exit 2) at the offending index', () => {
    const e = thrown(() => maskGeneralizer([5, 3, 4, 0], true, place));
    expect(e).toBeInstanceOf(SpecError);
    expect(e.exitCode).toBe(2);
    expect(e.location).toMatchObject({ file: 'spec.yaml', path: 'hierarchies.zip.mask.levels.2', rule: 'hierarchy.maskLevels' });
    expect(e.message).toMatch(/\[rule: hierarchy\.maskLevels\]$/);
  });
});
