import { normalizeEmail } from '../domain/common.js';
import type { Contact } from '../domain/contact.js';
import { ConflictError } from '../errors/conflict-error.js';
import type { ParsedInbound } from '../domain/inbound.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { KitRuntime } from '../kit/runtime.js';
import type { StorageOperations } from '../storage/storage.js';

/**
 * Finds the sender's contact (email, then visitor id, then phone) or creates it, inside the
 * ingest transaction. Missing name/phone are filled in. A visitor id is attached only to a
 * contact found by that visitor id or created now — never to a contact found by an email the
 * sender merely claims, so an unverified visitor cannot hijack a known contact's identity.
 * Given `properties` (a form's mapped fields) are set key by key: the latest answer wins.
 * The contact found stays row-locked until commit, so a concurrent merge or delete waits
 * instead of leaving the new conversation pointing at a contact that is gone.
 */
export async function resolveContact(
  runtime: KitRuntime,
  tx: StorageOperations,
  events: EventRecorder,
  workspaceId: string,
  from: ParsedInbound['from'],
): Promise<Contact> {
  const email = from.email ? normalizeEmail(from.email) : null;
  const found = await findLocked(tx, workspaceId, email, from);
  const now = runtime.clock.now();
  if (!found) {
    const contact: Contact = {
      id: runtime.ids.next('ct'),
      workspaceId,
      email,
      name: from.name ?? null,
      phone: from.phone ?? null,
      visitorIds: from.visitorId ? [from.visitorId] : [],
      properties: { ...from.properties },
      ownerId: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.contacts.insert(contact);
    events.record('contact.created', { contactId: contact.id });
    return contact;
  }
  const fill: Partial<Contact> = {};
  if (!found.name && from.name) fill.name = from.name;
  if (!found.phone && from.phone) fill.phone = from.phone;
  if (!found.email && email && !(await tx.contacts.findByEmail(workspaceId, email))) fill.email = email;
  const changed = Object.entries(from.properties ?? {}).filter(([key, value]) => JSON.stringify(found.properties[key]) !== JSON.stringify(value));
  if (changed.length > 0) fill.properties = { ...found.properties, ...Object.fromEntries(changed) };
  const fields = Object.keys(fill);
  if (fields.length === 0) return found;
  const next: Contact = { ...found, ...fill, updatedAt: now };
  await tx.contacts.update(next);
  events.record('contact.updated', { contactId: next.id, fields });
  return next;
}

/** Lookups before giving up on a contact that a concurrent merge or delete keeps removing. */
const MAX_LOOKUPS = 3;

/**
 * Finds the sender's contact and locks its row. Visitor id and phone lookups lock the
 * identity too (emails are unique, so a racing create ends in `CONFLICT` and ingest retries),
 * which makes find-or-create exactly-once. A contact deleted between the find and the lock
 * (merged away) is looked up again: the next lookup sees the survivor.
 */
async function findLocked(
  tx: StorageOperations,
  workspaceId: string,
  email: string | null,
  from: ParsedInbound['from'],
): Promise<Contact | null> {
  for (let lookup = 1; lookup <= MAX_LOOKUPS; lookup++) {
    const found =
      (email && (await tx.contacts.findByEmail(workspaceId, email))) ||
      (from.visitorId && (await tx.contacts.findByVisitorId(workspaceId, from.visitorId, { lock: true }))) ||
      (from.phone && (await tx.contacts.findByPhone(workspaceId, from.phone, { lock: true }))) ||
      null;
    if (!found) return null;
    const locked = await tx.contacts.get(workspaceId, found.id, { lock: true });
    if (locked) return locked;
  }
  throw new ConflictError(`the sender's contact in workspace "${workspaceId}" keeps changing; retry`);
}
