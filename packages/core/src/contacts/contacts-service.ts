import { z } from 'zod';
import type { Page } from '../domain/common.js';
import { normalizeEmail } from '../domain/common.js';
import {
  createContactInput,
  listContactsQuery,
  updateContactInput,
  type Contact,
  type CreateContactInput,
  type ListContactsQuery,
  type UpdateContactInput,
} from '../domain/contact.js';
import { ConflictError } from '../errors/conflict-error.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { lockDirectory } from '../permissions/directory-lock.js';
import { canSeeContact, visibleContact } from '../permissions/contact-visibility.js';
import type { StorageOperations } from '../storage/storage.js';
import { mergeContacts } from './merge-contacts.js';
import { loadSidebar, type ContactSidebar } from './sidebar.js';

/** What `findByEmail` / `findByVisitorId` look up. */
const lookupKey = z.string().min(1).max(320);

/**
 * Contacts (customers) of a workspace. Under `asUser`, an agent sees and changes only contacts
 * visible to them — with a conversation in an inbox they can see, or owned by them — and
 * every other contact is `NOT_FOUND` (`null` from lookups, left out of lists).
 */
export interface ContactsApi {
  /** Creates a contact; `CONFLICT` when the email exists. An agent's new contact is owned by them unless `ownerId` is given. */
  create(input: CreateContactInput): Promise<Contact>;
  /** The contact; `NOT_FOUND` when missing. */
  get(id: string): Promise<Contact>;
  /** The contact with this email (case-insensitive), or `null`. */
  findByEmail(email: string): Promise<Contact | null>;
  /** The contact carrying this visitor id, or `null`. */
  findByVisitorId(visitorId: string): Promise<Contact | null>;
  /** Contacts ordered by id; `search` matches name or email. */
  list(query?: ListContactsQuery): Promise<Page<Contact>>;
  /** Updates fields; `properties` merge key by key and a `null` value deletes the key. */
  update(id: string, patch: UpdateContactInput): Promise<Contact>;
  /** Deletes a contact that has no conversations (`CONFLICT` otherwise; merge instead). Admin only. */
  delete(id: string): Promise<void>;
  /** Merges `mergedId` into `contactId`: conversations move, missing fields are filled, `mergedId` is deleted. */
  merge(contactId: string, mergedId: string): Promise<Contact>;
  /** Contact, associated host records and previous conversations, for the agent's sidebar. */
  sidebar(contactId: string, options?: { excludeConversationId?: string; limit?: number }): Promise<ContactSidebar>;
}

/** Builds the contacts API of a scope. */
export function contactsService(scope: Scope): ContactsApi {
  const { workspaceId, runtime } = scope;
  // Every path goes through the visibility rule of `permissions/contact-visibility.ts`.
  const find = async (lookup: Promise<Contact | null>) => {
    await scope.access.actor();
    return visibleContact(scope, await lookup);
  };
  const require = async (id: string, ops: StorageOperations = scope.storage) =>
    requireFound(await visibleContact(scope, await ops.contacts.get(workspaceId, id), ops), 'contact', id);
  return {
    async create(input) {
      const parsed = parseInput(createContactInput, input, 'contact');
      const now = runtime.clock.now();
      const contact: Contact = {
        id: runtime.ids.next('ct'),
        workspaceId,
        email: parsed.email ? normalizeEmail(parsed.email) : null,
        name: parsed.name ?? null,
        phone: parsed.phone ?? null,
        visitorIds: [...new Set(parsed.visitorIds)],
        properties: parsed.properties,
        // An agent's new contact is theirs unless they name an owner, so they can go on working with it.
        ownerId: parsed.ownerId === undefined ? scope.actorId : parsed.ownerId,
        createdAt: now,
        updatedAt: now,
      };
      await scope.access.actor();
      return scope.mutate(async (tx, events) => {
        if (contact.ownerId) await lockDirectory(tx, workspaceId); // the owner must outlive the check
        if (contact.ownerId && !(await tx.records.get(workspaceId, 'user', contact.ownerId))) {
          throw new ValidationError('contact', [{ path: 'ownerId', message: `unknown user "${contact.ownerId}"` }]);
        }
        await tx.contacts.insert(contact);
        events.record('contact.created', { contactId: contact.id });
        return contact;
      });
    },
    async get(id) {
      await scope.access.actor();
      return require(id);
    },
    findByEmail: async (email) => find(scope.storage.contacts.findByEmail(workspaceId, normalizeEmail(parseInput(lookupKey, email, 'email')))),
    findByVisitorId: async (visitorId) => find(scope.storage.contacts.findByVisitorId(workspaceId, parseInput(lookupKey, visitorId, 'visitor id'))),
    async list(query = {}) {
      const { search, cursor, limit } = parseInput(listContactsQuery, query, 'contact query');
      await scope.access.actor();
      const page = await scope.storage.contacts.list(workspaceId, { search, cursor: cursor ?? null, limit });
      const items = [];
      for (const contact of page.items) if (await canSeeContact(scope, contact)) items.push(contact);
      return { ...page, items };
    },
    async update(id, patch) {
      const parsed = parseInput(updateContactInput, patch, 'contact');
      await scope.access.actor();
      return scope.mutate(async (tx, events) => {
        if (parsed.ownerId) await lockDirectory(tx, workspaceId);
        const current = await require(id, tx);
        const properties = { ...current.properties };
        for (const [key, value] of Object.entries(parsed.properties ?? {})) {
          if (value === null) delete properties[key];
          else properties[key] = value;
        }
        const next: Contact = {
          ...current,
          email: parsed.email === undefined ? current.email : parsed.email && normalizeEmail(parsed.email),
          name: parsed.name === undefined ? current.name : parsed.name,
          phone: parsed.phone === undefined ? current.phone : parsed.phone,
          visitorIds: parsed.visitorIds ? [...new Set(parsed.visitorIds)] : current.visitorIds,
          ownerId: parsed.ownerId === undefined ? current.ownerId : parsed.ownerId,
          properties,
          updatedAt: runtime.clock.now(),
        };
        if (next.ownerId && !(await tx.records.get(workspaceId, 'user', next.ownerId))) {
          throw new ValidationError('contact', [{ path: 'ownerId', message: `unknown user "${next.ownerId}"` }]);
        }
        await tx.contacts.update(next);
        events.record('contact.updated', { contactId: id, fields: changedFields(patch) });
        return next;
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('delete contacts');
      await scope.mutate(async (tx, events) => {
        // Locked first: an ingest holding the contact finishes (and its conversation is
        // counted) before the count, and a later one finds the contact gone.
        requireFound(await tx.contacts.get(workspaceId, id, { lock: true }), 'contact', id);
        if ((await tx.conversations.count(workspaceId, { contactId: id })) > 0) {
          throw new ConflictError(`contact "${id}" has conversations; merge it into another contact instead`);
        }
        await tx.contacts.delete(workspaceId, id);
        events.record('contact.deleted', { contactId: id });
      });
    },
    async merge(contactId, mergedId) {
      await scope.access.actor();
      if (contactId === mergedId) {
        throw new ValidationError('contact merge', [{ path: 'mergedId', message: 'cannot merge a contact into itself' }]);
      }
      return scope.mutate(async (tx, events) => {
        await require(contactId, tx);
        await require(mergedId, tx);
        return mergeContacts(runtime, tx, events, workspaceId, contactId, mergedId);
      });
    },
    async sidebar(contactId, options = {}) {
      await scope.access.actor();
      const contact = await require(contactId);
      return loadSidebar(scope, contact, {
        limit: options.limit ?? 20,
        timeoutMs: 2_000,
        excludeConversationId: options.excludeConversationId,
      });
    },
  };
}
