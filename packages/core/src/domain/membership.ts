import type { Inbox } from './inbox.js';
import type { Team } from './team.js';

/**
 * Members of a team *including its sub-teams' members* (membership flows down the
 * hierarchy: routing to or granting access to "Support" includes "Support › Tier 2").
 * Cycles in `parentTeamId` are tolerated.
 */
export function teamMemberIds(teamId: string, teams: readonly Team[]): Set<string> {
  const children = new Map<string, Team[]>();
  for (const team of teams) {
    if (!team.parentTeamId) continue;
    const list = children.get(team.parentTeamId) ?? [];
    list.push(team);
    children.set(team.parentTeamId, list);
  }
  const byId = new Map(teams.map((t) => [t.id, t]));
  const members = new Set<string>();
  const seen = new Set<string>();
  const stack = [teamId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const userId of byId.get(id)?.memberIds ?? []) members.add(userId);
    for (const child of children.get(id) ?? []) stack.push(child.id);
  }
  return members;
}

/** Users who may see an inbox: its direct users plus every member of its teams (and sub-teams). */
export function inboxMemberIds(inbox: Inbox, teams: readonly Team[]): Set<string> {
  const members = new Set(inbox.members.users);
  for (const teamId of inbox.members.teams) {
    for (const userId of teamMemberIds(teamId, teams)) members.add(userId);
  }
  return members;
}

/** True when `teamId` is `ancestorId` or one of its descendants. */
export function isTeamWithin(teamId: string, ancestorId: string, teams: readonly Team[]): boolean {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const seen = new Set<string>();
  let current: string | null = teamId;
  while (current && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = byId.get(current)?.parentTeamId ?? null;
  }
  return false;
}
