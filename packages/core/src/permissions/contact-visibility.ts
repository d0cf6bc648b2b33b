import type { Contact } from '../domain/contact.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';

/**
 * The one rule for contacts under `ws.asUser(agentId)`: an agent sees (reads and writes) a
 * contact when it has a conversation in an inbox the agent can see, or the agent owns it.
 * Admins and the host see every contact. Every contact read and write path asks this, so an
 * invisible contact is `NOT_FOUND` (or `null` from a lookup) everywhere alike.
 */
export async function canSeeContact(scope: Scope, contact: Contact, ops: StorageOperations = scope.storage): Promise<boolean> {
  const visible = await scope.access.visibleInboxIds(ops);
  if (visible === null || contact.ownerId === scope.actorId) return true;
  if (visible.length === 0) return false;
  return (await ops.conversations.count(scope.workspaceId, { contactId: contact.id, inboxIds: visible })) > 0;
}

/** `contact` when the actor may see it, else `null` (lookups then answer as if it did not exist). */
export async function visibleContact(scope: Scope, contact: Contact | null, ops: StorageOperations = scope.storage): Promise<Contact | null> {
  return contact && (await canSeeContact(scope, contact, ops)) ? contact : null;
}
