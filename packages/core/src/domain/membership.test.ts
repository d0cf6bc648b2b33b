import { describe, expect, it } from 'vitest';
import { inboxMemberIds, isTeamWithin, teamMemberIds } from './membership.js';
import type { Inbox } from './inbox.js';
import type { Team } from './team.js';

const team = (id: string, memberIds: string[], parentTeamId: string | null = null): Team => ({
  id, workspaceId: 'w', name: id, memberIds, parentTeamId, createdAt: 0, updatedAt: 0,
});
const teams = [team('root', ['a']), team('child', ['b'], 'root'), team('grandchild', ['c'], 'child'), team('other', ['d'])];

describe('team hierarchy', () => {
  it('team members include every descendant team, not ancestors', () => {
    expect([...teamMemberIds('root', teams)].sort()).toEqual(['a', 'b', 'c']);
    expect([...teamMemberIds('child', teams)].sort()).toEqual(['b', 'c']);
    expect([...teamMemberIds('missing', teams)]).toEqual([]);
  });
  it('tolerates cycles', () => {
    const cyclic = [team('x', ['1'], 'y'), team('y', ['2'], 'x')];
    expect([...teamMemberIds('x', cyclic)].sort()).toEqual(['1', '2']);
    expect(isTeamWithin('x', 'z', cyclic)).toBe(false);
  });
  it('inbox members are direct users plus team members', () => {
    const inbox = { members: { users: ['z'], teams: ['child'] } } as Inbox;
    expect([...inboxMemberIds(inbox, teams)].sort()).toEqual(['b', 'c', 'z']);
  });
  it('isTeamWithin walks up the parents', () => {
    expect(isTeamWithin('grandchild', 'root', teams)).toBe(true);
    expect(isTeamWithin('root', 'grandchild', teams)).toBe(false);
  });
});
