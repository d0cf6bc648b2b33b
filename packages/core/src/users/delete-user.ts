import { dropChatflowReference } from '../chatflows/references.js';
import type { Actor } from '../domain/events.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { lockDirectory } from '../permissions/directory-lock.js';
import { accessSnapshot, clearAssignments } from '../permissions/release-lost-access.js';
import { dropRoutingTarget } from '../routing/drop-target.js';
import type { StorageOperations } from '../storage/storage.js';

const PAGE = 500;

/**
 * Deletes a user and every reference to them in one transaction (the rules are documented on
 * `UsersApi.delete`), so no later edit trips over a dangling id.
 */
export async function deleteUser(scope: Scope, tx: StorageOperations, events: EventRecorder, userId: string, by: Actor): Promise<void> {
  const { workspaceId, runtime } = scope;
  const now = runtime.clock.now();
  await lockDirectory(tx, workspaceId);
  requireFound(await tx.records.get(workspaceId, 'user', userId), 'user', userId);
  // Lock order, as everywhere: directory, contacts, inboxes, conversations (ingest updates a
  // contact before it routes), so this never deadlocks with an ingest or an assignment.
  await releaseOwnedContacts(tx, events, workspaceId, userId, now);
  // Every inbox locked before conversations are read: no routing or assignment hands the user one meanwhile.
  await accessSnapshot(tx, workspaceId);
  for (const inbox of (await tx.records.list(workspaceId, 'inbox')).items) {
    if (!inbox.members.users.includes(userId)) continue;
    await tx.records.put('inbox', { ...inbox, members: { ...inbox.members, users: inbox.members.users.filter((id) => id !== userId) }, updatedAt: now });
    events.record('inbox.updated', { inboxId: inbox.id, fields: ['members'] });
  }
  for (const team of (await tx.records.list(workspaceId, 'team')).items) {
    if (!team.memberIds.includes(userId)) continue;
    await tx.records.put('team', { ...team, memberIds: team.memberIds.filter((id) => id !== userId), updatedAt: now });
    events.record('team.updated', { teamId: team.id, fields: ['memberIds'] });
  }
  await dropRoutingTarget(tx, events, workspaceId, { kind: 'users', id: userId }, now);
  await dropChatflowReference(tx, events, workspaceId, { userId }, { now, version: () => runtime.ids.next('cfv') });
  await clearAssignments(tx, events, workspaceId, { field: 'assigneeId', id: userId }, { now, by, reason: 'user-deleted' });
  await tx.records.delete(workspaceId, 'notificationPreferences', userId);
  await tx.records.delete(workspaceId, 'user', userId);
  events.record('user.deleted', { userId });
}

// Stores index contacts by id, email, phone and visitor id only: owners are found by a scan,
// acceptable for a rare admin action.
async function releaseOwnedContacts(tx: StorageOperations, events: EventRecorder, workspaceId: string, userId: string, now: number): Promise<void> {
  let cursor: string | null = null;
  do {
    const page = await tx.contacts.list(workspaceId, { cursor, limit: PAGE });
    for (const contact of page.items) {
      if (contact.ownerId !== userId) continue;
      await tx.contacts.update({ ...contact, ownerId: null, updatedAt: now });
      events.record('contact.updated', { contactId: contact.id, fields: ['ownerId'] });
    }
    cursor = page.nextCursor;
  } while (cursor);
}
