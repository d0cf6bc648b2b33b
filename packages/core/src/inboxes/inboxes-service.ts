import type { Page } from '../domain/common.js';
import { pageQuerySchema } from '../domain/common.js';
import { createInboxInput, updateInboxInput, type CreateInboxInput, type Inbox, type InboxMembers, type UpdateInboxInput } from '../domain/inbox.js';
import { ConflictError } from '../errors/conflict-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { randomToken } from '../runtime/ids.js';
import type { StorageOperations } from '../storage/storage.js';
import { actorOf } from '../conversations/status.js';
import { lockDirectory } from '../permissions/directory-lock.js';
import { accessSnapshot, releaseLostAccess } from '../permissions/release-lost-access.js';
import { fallbackAddress } from './fallback-address.js';
import { deleteInboxForms } from '../forms/forms-service.js';
import { deleteInboxSnippets } from '../snippets/snippet-locks.js';

/** Shared inboxes. */
export interface InboxesApi {
  /** Creates an inbox with its generated `fallbackAddress`. Admin only. */
  create(input: CreateInboxInput): Promise<Inbox>;
  /** The inbox; `NOT_FOUND` when missing or not visible to the user. */
  get(id: string): Promise<Inbox>;
  /** Inboxes ordered by id (for an agent: the ones they are a member of). */
  list(query?: { cursor?: string | null; limit?: number }): Promise<Page<Inbox>>;
  /**
   * Renames or changes members. Admin only. Users who can no longer see the inbox have their
   * conversations in it unassigned in the same transaction (reason `access-lost`) and re-routed.
   */
  update(id: string, patch: UpdateInboxInput): Promise<Inbox>;
  /** Deletes an inbox that has no connected channels, with its forms (`form.deleted`) and snippets (`snippet.deleted`). Admin only. */
  delete(id: string): Promise<void>;
}

async function checkMembers(tx: StorageOperations, workspaceId: string, members: InboxMembers): Promise<void> {
  const checks = [
    ...members.users.map((id, i) => ({ kind: 'user' as const, id, path: `members.users[${i}]` })),
    ...members.teams.map((id, i) => ({ kind: 'team' as const, id, path: `members.teams[${i}]` })),
  ];
  for (const check of checks) {
    if (!(await tx.records.get(workspaceId, check.kind, check.id))) {
      throw new ValidationError('inbox', [{ path: check.path, message: `unknown ${check.kind} "${check.id}"` }]);
    }
  }
}

/** Builds the inboxes API of a scope. */
export function inboxesService(scope: Scope): InboxesApi {
  const { workspaceId, runtime } = scope;
  return {
    async create(input) {
      await scope.access.requireAdmin('create inboxes');
      const parsed = parseInput(createInboxInput, input, 'inbox');
      const now = runtime.clock.now();
      const id = runtime.ids.next('inbox');
      const members = parsed.members;
      const inbox: Inbox = {
        id,
        workspaceId,
        name: parsed.name,
        members,
        fallbackAddress: fallbackAddress(parsed.name, randomToken(8), runtime.fallbackEmailDomain),
        createdAt: now,
        updatedAt: now,
      };
      return scope.mutate(async (tx, events) => {
        await lockDirectory(tx, workspaceId);
        await checkMembers(tx, workspaceId, members);
        await tx.records.put('inbox', inbox);
        await tx.addresses.put(inbox.fallbackAddress, { workspaceId, inboxId: id, channelId: null });
        events.record('inbox.created', { inboxId: id, fallbackAddress: inbox.fallbackAddress });
        return inbox;
      });
    },
    async get(id) {
      const inbox = requireFound(await scope.storage.records.get(workspaceId, 'inbox', id), 'inbox', id);
      await scope.access.requireInbox(id, 'inbox', id);
      return inbox;
    },
    async list(query = {}) {
      const { cursor, limit } = parseInput(pageQuerySchema, query, 'inbox query');
      const visible = await scope.access.visibleInboxIds();
      // Filtered in the store, not after paging: an agent's pages are full.
      const where = visible ? { id: visible } : undefined;
      return scope.storage.records.list(workspaceId, 'inbox', { where, cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await scope.access.requireAdmin('update inboxes');
      const parsed = parseInput(updateInboxInput, patch, 'inbox');
      return scope.mutate(async (tx, events) => {
        await lockDirectory(tx, workspaceId);
        const current = requireFound(await tx.records.get(workspaceId, 'inbox', id), 'inbox', id);
        const next: Inbox = {
          ...current,
          name: parsed.name ?? current.name,
          members: parsed.members ?? current.members,
          updatedAt: runtime.clock.now(),
        };
        if (parsed.members) await checkMembers(tx, workspaceId, next.members);
        const before = await accessSnapshot(tx, workspaceId);
        await tx.records.put('inbox', next);
        events.record('inbox.updated', { inboxId: id, fields: changedFields(patch) });
        await releaseLostAccess(tx, events, workspaceId, before, { now: next.updatedAt, by: actorOf(scope.actorId) });
        return next;
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('delete inboxes');
      await scope.mutate(async (tx, events) => {
        const inbox = requireFound(await tx.records.get(workspaceId, 'inbox', id), 'inbox', id);
        const channels = await tx.records.list(workspaceId, 'channel', { where: { inboxId: id, status: 'active' } });
        if (channels.items.length > 0) {
          throw new ConflictError(`inbox "${id}" has connected channels; disconnect them first`);
        }
        await tx.addresses.delete(inbox.fallbackAddress);
        await deleteInboxForms(tx, events, workspaceId, id);
        await deleteInboxSnippets(tx, events, workspaceId, id);
        await tx.records.delete(workspaceId, 'inbox', id);
        events.record('inbox.deleted', { inboxId: id });
      });
    },
  };
}
