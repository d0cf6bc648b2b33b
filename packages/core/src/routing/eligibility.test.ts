import { describe, expect, it } from 'vitest';
import type { Team } from '../domain/team.js';
import type { User } from '../domain/user.js';
import { capacityLimit, checkEligibility, ruleMemberIds, teamOfMember, type EligibilityContext } from './eligibility.js';

const T0 = Date.parse('2026-01-05T17:00:00Z'); // Monday 12:00 in New York, 18:00 in Oslo

function user(id: string, overrides: Partial<User> = {}): User {
  return {
    id,
    workspaceId: 'ws',
    name: id,
    email: `${id}@example.com`,
    avatarUrl: null,
    meetingLink: null,
    role: 'agent',
    availability: 'available',
    workingHours: null,
    capacity: { default: null, inboxes: {} },
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

function team(id: string, memberIds: string[], parentTeamId: string | null = null): Team {
  return { id, workspaceId: 'ws', name: id, memberIds, parentTeamId, createdAt: 0, updatedAt: 0 };
}

// Support › Tier 2 (a sub-team) and an unrelated Sales team.
const teams = [team('support', ['u1', 'u2']), team('tier2', ['u3'], 'support'), team('sales', ['u4'])];

describe('ruleMemberIds / teamOfMember', () => {
  it('includes sub-team members and direct users, deduplicated and sorted', () => {
    expect(ruleMemberIds({ users: ['u5', 'u1'], teams: ['support'] }, teams)).toEqual(['u1', 'u2', 'u3', 'u5']);
  });

  it.each([
    ['member of a sub-team gets the named team', 'u3', 'support'],
    ['direct user outside every target team', 'u5', null],
  ])('%s', (_name, userId, expected) => {
    expect(teamOfMember({ users: ['u5'], teams: ['sales', 'support'] }, userId, teams)).toBe(expected);
  });
});

describe('capacityLimit', () => {
  it.each<[string, User['capacity'], number | null, number | null]>([
    ['unlimited', { default: null, inboxes: {} }, null, null],
    ['user default', { default: 5, inboxes: {} }, null, 5],
    ['per-inbox overrides the default', { default: 5, inboxes: { inbox: 8 } }, null, 8],
    ['rule limit alone', { default: null, inboxes: {} }, 3, 3],
    ['lower of rule and user wins', { default: 5, inboxes: { inbox: 2 } }, 3, 2],
  ])('%s', (_name, capacity, rule, expected) => {
    expect(capacityLimit(user('u', { capacity }), 'inbox', rule)).toBe(expected);
  });
});

describe('checkEligibility', () => {
  const nyNineToFive = {
    timeZone: 'America/New_York',
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    exceptions: [],
  };
  const osloNineToFive = { ...nyNineToFive, timeZone: 'Europe/Oslo' };
  const users = new Map(
    [
      user('available'),
      user('away', { availability: 'away' }),
      user('ny-hours', { workingHours: nyNineToFive }),
      user('oslo-hours', { workingHours: osloNineToFive }),
      user('full', { capacity: { default: 2, inboxes: {} } }),
      user('outsider'),
    ].map((u) => [u.id, u]),
  );
  const ctx: EligibilityContext = {
    inboxId: 'inbox',
    inboxMembers: new Set(['available', 'away', 'ny-hours', 'oslo-hours', 'full', 'deleted']),
    users,
    onlyAvailable: true,
    ruleCapacity: null,
    openCounts: new Map([['full', 2], ['available', 1]]),
    at: T0,
  };
  const all = ['available', 'away', 'ny-hours', 'oslo-hours', 'full', 'outsider', 'deleted'];

  it('keeps eligible users in order and says why the others were skipped', () => {
    const { eligible, skipped } = checkEligibility(all, ctx);
    expect(eligible).toEqual(['available', 'ny-hours']);
    expect(skipped).toEqual([
      { userId: 'away', reason: 'away', availableAt: null },
      // 18:00 in Oslo on Monday: back on Tuesday 09:00 Oslo = 08:00Z.
      { userId: 'oslo-hours', reason: 'outside-working-hours', availableAt: Date.parse('2026-01-06T08:00:00Z') },
      { userId: 'full', reason: 'at-capacity', availableAt: null },
      { userId: 'outsider', reason: 'not-inbox-member', availableAt: null },
      { userId: 'deleted', reason: 'unknown-user', availableAt: null },
    ]);
  });

  it('ignores availability unless the rule asks for it', () => {
    const { eligible } = checkEligibility(all, { ...ctx, onlyAvailable: false });
    expect(eligible).toEqual(['available', 'away', 'ny-hours', 'oslo-hours']);
  });

  it('applies the rule capacity to everyone', () => {
    const { eligible, skipped } = checkEligibility(['available', 'ny-hours'], { ...ctx, ruleCapacity: 1 });
    expect(eligible).toEqual(['ny-hours']);
    expect(skipped).toEqual([{ userId: 'available', reason: 'at-capacity', availableAt: null }]);
  });
});
