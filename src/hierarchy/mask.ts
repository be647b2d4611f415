import { SpecError } from '../errors.js';
import { SUPPRESSED, type Generalizer, type SpecPlace } from './generalizer.js';

/**
 * The mask label of a value keeping its `keep` leading characters (Unicode code points):
 * the rest is replaced by '*', one per character, so the length is kept ("02139", 3 →
 * "021**"). A value of at most `keep` characters stays as it is; keep 0 gives the single
 * label "*" whatever the value (full suppression). Rule as specified in docs/hierarchies.md.
 */
export function maskLabel(value: string, keep: number): string {
  if (keep === 0) return SUPPRESSED;
  const chars = Array.from(value);
  if (chars.length <= keep) return value;
  return chars.slice(0, keep).join('') + SUPPRESSED.repeat(chars.length - keep);
}

/**
 * Character-masking hierarchy (`{ mask: { levels } }`). `levels[i]` is the number of
 * characters kept at level i; the list must be non-increasing (rule hierarchy.maskLevels).
 * Level 0 is always the value itself, whatever `levels[0]` says (an entry smaller than the
 * longest value does not truncate level 0). With `top`, a last level "*" is appended unless
 * the last entry (at level >= 1) already keeps 0 characters.
 *
 * Consistent by construction: a label at level l either is a value of at most levels[l]
 * characters (then it is that value) or fixes the value's length and its first levels[l]
 * characters, which determine its label at any level keeping fewer characters.
 */
export function maskGeneralizer(levels: readonly number[], top: boolean, place: SpecPlace): Generalizer {
  for (let i = 1; i < levels.length; i++) {
    if (levels[i] > levels[i - 1]) {
      throw new SpecError(
        `${place.file}: spec ${place.path}.mask.levels.${i}: mask levels must be non-increasing (level ${i} keeps more characters than level ${i - 1}) [rule: hierarchy.maskLevels]`,
        { file: place.file, path: `${place.path}.mask.levels.${i}`, rule: 'hierarchy.maskLevels' },
      );
    }
  }
  const keeps = levels.slice(1);
  const endsSuppressed = keeps.length > 0 && keeps[keeps.length - 1] === 0;
  if (top && !endsSuppressed) keeps.push(0);
  return {
    kind: 'mask',
    height: keeps.length,
    generalize: (value) => keeps.map((k) => maskLabel(value, k)),
    domain: (level) => (level >= 1 && level <= keeps.length && keeps[level - 1] === 0 ? [SUPPRESSED] : undefined),
  };
}
