import type { AnswerValue } from '../chatflows/bots/answers.js';
import type { BotAction } from '../chatflows/bots/engine.js';
import type { Contact } from '../domain/contact.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { Logger } from '../runtime/logger.js';
import type { StorageOperations } from '../storage/storage.js';

const OWN_FIELDS = new Set(['email', 'name', 'phone']);

/**
 * Saves the answers a bot turn put on the contact (`setContactProperty` actions), inside the
 * turn's transaction, and records `contact.updated`. An email another contact of the workspace
 * already has is not taken (that would break email uniqueness; merging is an agent's call): it
 * stays in the session's answers only.
 */
export async function saveContactAnswers(
  tx: StorageOperations,
  events: EventRecorder,
  logger: Logger,
  contact: Contact,
  actions: BotAction[],
  now: number,
): Promise<Contact> {
  let next: Contact = contact;
  const fields = new Set<string>();
  for (const action of actions) {
    if (action.type !== 'setContactProperty') continue;
    const patch = await fieldPatch(tx, next, action.name, action.value);
    if (!patch) {
      logger.warn('bot answer not saved on the contact: another contact has this email', { contactId: contact.id });
      continue;
    }
    next = { ...next, ...patch };
    fields.add(OWN_FIELDS.has(action.name) ? action.name : 'properties');
  }
  if (fields.size === 0) return contact;
  next = { ...next, updatedAt: now };
  await tx.contacts.update(next);
  events.record('contact.updated', { contactId: contact.id, fields: [...fields].sort() });
  return next;
}

async function fieldPatch(tx: StorageOperations, contact: Contact, name: string, value: AnswerValue): Promise<Partial<Contact> | null> {
  if (!OWN_FIELDS.has(name)) return { properties: { ...contact.properties, [name]: value } };
  const text = String(value);
  if (name !== 'email') return { [name]: text };
  const email = text.toLowerCase();
  const owner = await tx.contacts.findByEmail(contact.workspaceId, email);
  return owner && owner.id !== contact.id ? null : { email };
}
