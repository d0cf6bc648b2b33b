import type { Contact } from '@inboxkit/core';
import { byId, type IdKey } from '../indexes/compare.js';
import { MultiMap } from '../indexes/multi-map.js';
import { SortedIndex } from '../indexes/sorted-index.js';

class WorkspaceContacts {
  readonly rows = new Map<string, Contact>();
  readonly ordered = new SortedIndex<IdKey, Contact>(byId);
  /** Unique per workspace; rows hold normalized emails. */
  readonly byEmail = new Map<string, Contact>();
  readonly byPhone = new MultiMap<string, Contact>();
  readonly byVisitorId = new MultiMap<string, Contact>();

  add(contact: Contact): void {
    this.rows.set(contact.id, contact);
    this.ordered.add(contact);
    if (contact.email !== null) this.byEmail.set(contact.email, contact);
    if (contact.phone !== null) this.byPhone.add(contact.phone, contact);
    for (const visitorId of contact.visitorIds) this.byVisitorId.add(visitorId, contact);
  }

  remove(contact: Contact): void {
    this.rows.delete(contact.id);
    this.ordered.remove(contact);
    if (contact.email !== null) this.byEmail.delete(contact.email);
    if (contact.phone !== null) this.byPhone.remove(contact.phone, contact);
    for (const visitorId of contact.visitorIds) this.byVisitorId.remove(visitorId, contact);
  }
}

/** The contact with the smallest id: a stable answer when a non-unique field matches several. */
function first(contacts: Iterable<Contact>): Contact | undefined {
  let found: Contact | undefined;
  for (const contact of contacts) if (!found || byId(contact, found) < 0) found = contact;
  return found;
}

/**
 * Every contact, per workspace: by id (hashed and ordered), by email (unique), by phone
 * and by visitor id. `replace` is the only write.
 */
export class ContactTable {
  private readonly workspaces = new Map<string, WorkspaceContacts>();

  /** `onReplace` hears every row change (the search index follows the rows through it). */
  constructor(private readonly onReplace?: (previous: Contact | undefined, next: Contact | undefined) => void) {}

  /** The stored row, or `undefined`. */
  get(workspaceId: string, id: string): Contact | undefined {
    return this.workspaces.get(workspaceId)?.rows.get(id);
  }

  /** The contact with this normalized email, or `undefined`. */
  findByEmail(workspaceId: string, email: string): Contact | undefined {
    return this.workspaces.get(workspaceId)?.byEmail.get(email);
  }

  /** The contact with this phone (the smallest id when several have it), or `undefined`. */
  findByPhone(workspaceId: string, phone: string): Contact | undefined {
    return first(this.workspaces.get(workspaceId)?.byPhone.get(phone) ?? []);
  }

  /** The contact with this visitor id (the smallest id when several have it), or `undefined`. */
  findByVisitorId(workspaceId: string, visitorId: string): Contact | undefined {
    return first(this.workspaces.get(workspaceId)?.byVisitorId.get(visitorId) ?? []);
  }

  /** Contacts ordered by id, strictly after `afterId` when given. */
  scan(workspaceId: string, afterId?: string): Iterable<Contact> {
    return this.workspaces.get(workspaceId)?.ordered.scan(afterId === undefined ? undefined : { id: afterId }) ?? [];
  }

  /**
   * Stores `next` as the row `(workspaceId, id)`, or removes it when `next` is
   * `undefined`, repositioning it in every index. Returns the row it replaced.
   */
  replace(workspaceId: string, id: string, next: Contact | undefined): Contact | undefined {
    const workspace = this.workspaces.get(workspaceId);
    const previous = workspace?.rows.get(id);
    if (previous) workspace?.remove(previous);
    if (next) this.place(next);
    this.onReplace?.(previous, next);
    return previous;
  }

  /** Stores a row the table does not hold yet (`replace` without the search for one to take out). */
  insert(row: Contact): void {
    this.place(row);
    this.onReplace?.(undefined, row);
  }

  private place(row: Contact): void {
    let workspace = this.workspaces.get(row.workspaceId);
    if (!workspace) this.workspaces.set(row.workspaceId, (workspace = new WorkspaceContacts()));
    workspace.add(row);
  }
}
