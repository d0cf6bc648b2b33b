import type { Contact } from '../domain/contact.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { requireFound } from '../kit/require-found.js';
import type { KitRuntime } from '../kit/runtime.js';
import type { StorageOperations } from '../storage/storage.js';

/**
 * Merges `mergedId` into `contactId` in one transaction. The surviving contact keeps its
 * own values; missing ones come from the merged contact; visitor ids are united; a second
 * email is kept in `properties.additionalEmails` (emails stay unique per workspace).
 */
export async function mergeContacts(
  runtime: KitRuntime,
  tx: StorageOperations,
  events: EventRecorder,
  workspaceId: string,
  contactId: string,
  mergedId: string,
): Promise<Contact> {
  // Both rows locked in id order: merge(a, b) racing merge(b, a) then queues instead of
  // deadlocking, and the second finds its merged contact gone (NOT_FOUND).
  const locked = new Map<string, Contact | null>();
  for (const id of [contactId, mergedId].sort()) locked.set(id, await tx.contacts.get(workspaceId, id, { lock: true }));
  const target = requireFound(locked.get(contactId) ?? null, 'contact', contactId);
  const merged = requireFound(locked.get(mergedId) ?? null, 'contact', mergedId);
  const properties = { ...merged.properties, ...target.properties };
  let email = target.email;
  if (merged.email && target.email && merged.email !== target.email) {
    const extra = Array.isArray(properties.additionalEmails) ? (properties.additionalEmails as string[]) : [];
    properties.additionalEmails = [...new Set([...extra, merged.email])];
  } else if (!email) {
    email = merged.email;
  }
  const next: Contact = {
    ...target,
    email,
    name: target.name ?? merged.name,
    phone: target.phone ?? merged.phone,
    ownerId: target.ownerId ?? merged.ownerId,
    visitorIds: [...new Set([...target.visitorIds, ...merged.visitorIds])],
    properties,
    updatedAt: runtime.clock.now(),
  };
  const moved = await tx.conversations.moveContact(workspaceId, mergedId, contactId);
  // Delete first: the merged contact may hold the email the survivor takes over.
  await tx.contacts.delete(workspaceId, mergedId);
  await tx.contacts.update(next);
  events.record('contact.merged', { contactId, mergedContactId: mergedId, conversationsMoved: moved });
  return next;
}
