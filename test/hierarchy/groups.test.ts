import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { groupsGeneralizer } from '../../src/hierarchy/groups.js';
import { thrown } from './helpers.js';

const place = { file: 'spec.yaml', path: 'hierarchies.race' };
const race: Record<string, string[]>[] = [
  { 'Asian or Pacific Islander': ['Asian', 'Native Hawaiian', 'Pacific Islander'], Black: ['Black'], White: ['White'], Other: ['AIAN', 'Other'] },
  { 'Non-white': ['Asian or Pacific Islander', 'Black', 'Other'], White: ['White'] },
];

describe('groups hierarchy', () => {
  it('maps each value up the entries, then "*"', () => {
    const g = groupsGeneralizer(race, true, place);
    expect(g.height).toBe(3);
    expect(g.generalize('Pacific Islander')).toEqual(['Asian or Pacific Islander', 'Non-white', '*']);
    expect(g.generalize('White')).toEqual(['White', 'White', '*']);
    expect(g.generalize('AIAN')).toEqual(['Other', 'Non-white', '*']);
    expect(g.generalize('Martian')).toBeUndefined();
  });
  it('declares the domain of every level', () => {
    const g = groupsGeneralizer(race, true, place);
    expect(g.domain(0)).toEqual(['Asian', 'Native Hawaiian', 'Pacific Islander', 'Black', 'White', 'AIAN', 'Other']);
    expect(g.domain(1)).toEqual(['Asian or Pacific Islander', 'Black', 'White', 'Other']);
    expect(g.domain(2)).toEqual(['Non-white', 'White']);
    expect(g.domain(3)).toEqual(['*']);
  });
  it('no "*" level when top is false or the last entry has a single group', () => {
    expect(groupsGeneralizer(race, false, place).height).toBe(2);
    const g = groupsGeneralizer([...race, { Any: ['Non-white', 'White'] }], true, place);
    expect(g.height).toBe(3);
    expect(g.generalize('Black')).toEqual(['Black', 'Non-white', 'Any']);
    expect(g.domain(3)).toEqual(['Any']);
  });
  const cases: [string, Record<string, string[]>[], string, string][] = [
    ['a value under two groups', [{ A: ['x', 'SECRET-MEMBER'], B: ['SECRET-MEMBER'] }], 'hierarchy.duplicateMember', 'hierarchies.race.groups.0'],
    ['a value twice in one group', [{ A: ['SECRET-MEMBER', 'SECRET-MEMBER'] }], 'hierarchy.duplicateMember', 'hierarchies.race.groups.0'],
    ['a level-1 label under two groups', [{ A: ['x'], B: ['y'] }, { P: ['A'], Q: ['A', 'B'] }], 'hierarchy.duplicateMember', 'hierarchies.race.groups.1'],
    ['a member that is not a group below', [{ A: ['x'] }, { P: ['A', 'SECRET-MEMBER'] }], 'hierarchy.unknownMember', 'hierarchies.race.groups.1'],
    ['a group without a parent', [{ A: ['x'], 'SECRET-GROUP': ['y'] }, { P: ['A'] }], 'hierarchy.orphanGroup', 'hierarchies.race.groups.1'],
  ];
  for (const [what, groups, rule, p] of cases) {
    it(`${what}: SpecError ${rule}, naming positions only`, () => {
      const e = thrown(() => groupsGeneralizer(groups, true, place));
      expect(e).toBeInstanceOf(SpecError);
      expect(e.exitCode).toBe(2);
      expect(e.location).toMatchObject({ file: 'spec.yaml', path: p, rule });
      expect(e.message).not.toMatch(/SECRET/);
      expect(e.message).toMatch(new RegExp(`\\[rule: ${rule.replace('.', '\\.')}\\]$`));
    });
  }
});
