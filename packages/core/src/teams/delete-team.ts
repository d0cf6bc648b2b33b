import { dropChatflowReference } from '../chatflows/references.js';
import type { Actor } from '../domain/events.js';
import { ConflictError } from '../errors/conflict-error.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { lockDirectory } from '../permissions/directory-lock.js';
import { accessSnapshot, clearAssignments, releaseLostAccess } from '../permissions/release-lost-access.js';
import { dropRoutingTarget } from '../routing/drop-target.js';
import type { StorageOperations } from '../storage/storage.js';

/**
 * Deletes a team and every reference to it in one transaction (the rules are documented on
 * `TeamsApi.delete`). `CONFLICT` while it has sub-teams: where they belong is the admin's call.
 */
export async function deleteTeam(scope: Scope, tx: StorageOperations, events: EventRecorder, teamId: string, by: Actor): Promise<void> {
  const { workspaceId, runtime } = scope;
  const now = runtime.clock.now();
  await lockDirectory(tx, workspaceId);
  requireFound(await tx.records.get(workspaceId, 'team', teamId), 'team', teamId);
  const children = await tx.records.list(workspaceId, 'team', { where: { parentTeamId: teamId } });
  if (children.items.length > 0) {
    const ids = children.items.map((t) => `"${t.id}"`).join(', ');
    throw new ConflictError(`team "${teamId}" has sub-teams (${ids}); move or delete them first`);
  }
  const before = await accessSnapshot(tx, workspaceId);
  for (const inbox of (await tx.records.list(workspaceId, 'inbox')).items) {
    if (!inbox.members.teams.includes(teamId)) continue;
    await tx.records.put('inbox', { ...inbox, members: { ...inbox.members, teams: inbox.members.teams.filter((id) => id !== teamId) }, updatedAt: now });
    events.record('inbox.updated', { inboxId: inbox.id, fields: ['members'] });
  }
  await dropRoutingTarget(tx, events, workspaceId, { kind: 'teams', id: teamId }, now);
  await dropChatflowReference(tx, events, workspaceId, { teamId }, { now, version: () => runtime.ids.next('cfv') });
  await clearAssignments(tx, events, workspaceId, { field: 'teamId', id: teamId }, { now, by, reason: 'team-deleted' });
  await tx.records.delete(workspaceId, 'team', teamId);
  // Members who saw an inbox only through this team lose it, and with it their assignments there.
  await releaseLostAccess(tx, events, workspaceId, before, { now, by });
  events.record('team.deleted', { teamId });
}
