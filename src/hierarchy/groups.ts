import { SpecError } from '../errors.js';
import { SUPPRESSED, type Generalizer, type SpecPlace } from './generalizer.js';

/** `groups[i][name]` = the labels of level i grouped under label `name` of level i+1. */
export type GroupEntries = readonly Readonly<Record<string, readonly string[]>>[];

const ordinal = (n: number) => `#${n + 1}`;

/**
 * Explicit-groupings hierarchy (`{ groups: [...] }`). Entry i maps each label of level i+1
 * to the labels of level i it groups; entry 0 lists original values. Checked, naming only
 * positions (group names and members may be data values):
 * - a label listed twice in an entry (under two groups, or twice in one) → hierarchy.duplicateMember;
 * - for i >= 1, a member that is not a group of entry i-1 → hierarchy.unknownMember;
 * - for i >= 1, a group of entry i-1 not listed in entry i → hierarchy.orphanGroup.
 * Each label then has exactly one parent, so the hierarchy is consistent (a tree).
 * With `top`, a last level "*" is appended unless the last entry has a single group.
 * Values not listed in entry 0 are not covered.
 *
 * domain(0) = the members of entry 0 (in spec order), domain(i) = the group names of
 * entry i-1, and ["*"] at the appended top.
 */
export function groupsGeneralizer(groups: GroupEntries, top: boolean, place: SpecPlace): Generalizer {
  const fail = (i: number, what: string, rule: string): never => {
    throw new SpecError(`${place.file}: spec ${place.path}.groups.${i}: ${what} [rule: ${rule}]`, {
      file: place.file,
      path: `${place.path}.groups.${i}`,
      rule,
    });
  };
  /** parent[i]: label of level i → its label at level i+1. */
  const parent: Map<string, string>[] = [];
  const domains: string[][] = [];
  groups.forEach((entry, i) => {
    const up = new Map<string, string>();
    const where = new Map<string, number>();
    const level: string[] = [];
    const below = i > 0 ? new Set(domains[i]) : undefined;
    Object.entries(entry).forEach(([name, members], g) => {
      for (const m of members) {
        const first = where.get(m);
        if (first !== undefined) {
          fail(
            i,
            first === g
              ? `group ${ordinal(g)} of entry ${i} lists a member twice`
              : `group ${ordinal(g)} of entry ${i} lists a member already listed under group ${ordinal(first)}: a label has one parent`,
            'hierarchy.duplicateMember',
          );
        }
        if (below && !below.has(m)) {
          fail(i, `group ${ordinal(g)} of entry ${i} lists a member that is not a group of entry ${i - 1}`, 'hierarchy.unknownMember');
        }
        where.set(m, g);
        up.set(m, name);
        level.push(m);
      }
    });
    if (i === 0) domains.push(level);
    else {
      const missing = domains[i].findIndex((name) => !up.has(name));
      if (missing >= 0) fail(i, `group ${ordinal(missing)} of entry ${i - 1} is not listed in entry ${i}: every group needs a parent`, 'hierarchy.orphanGroup');
    }
    parent.push(up);
    domains.push(Object.keys(entry));
  });
  const last = groups[groups.length - 1];
  const appendTop = top && Object.keys(last).length !== 1;
  if (appendTop) domains.push([SUPPRESSED]);
  const height = domains.length - 1;
  return {
    kind: 'groups',
    height,
    generalize: (value) => {
      if (!parent[0].has(value)) return undefined;
      const out: string[] = [];
      let label = value;
      for (const up of parent) {
        label = up.get(label)!;
        out.push(label);
      }
      if (appendTop) out.push(SUPPRESSED);
      return out;
    },
    domain: (level) => domains[level],
  };
}
