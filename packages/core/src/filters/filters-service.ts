import { idSchema, pageQuerySchema, type Page } from '../domain/common.js';
import type { Conversation } from '../domain/conversation.js';
import { byInput, type ByInput } from '../domain/conversation.js';
import { actorOf } from '../conversations/status.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { routeConversation } from '../routing/route-conversation.js';
import { createFilterInput, type CreateFilterInput, type EmailFilter } from './email-filter.js';

const listQuery = pageQuerySchema.extend({ inboxId: idSchema.optional() });

/** Email filters: mail from listed senders, domains or with matching subjects never becomes a normal conversation. */
export interface FiltersApi {
  /** Creates a filter of an inbox. Admin only. `VALIDATION` when the inbox is unknown. */
  create(input: CreateFilterInput): Promise<EmailFilter>;
  /** The filter; `NOT_FOUND` when missing (or its inbox is not visible). */
  get(id: string): Promise<EmailFilter>;
  /** Filters in creation order (the order they are tried in), optionally of one inbox. */
  list(query?: { inboxId?: string; cursor?: string | null; limit?: number }): Promise<Page<EmailFilter>>;
  /** Deletes a filter; `NOT_FOUND` when missing. What it already filtered stays filtered. Admin only. */
  delete(id: string): Promise<void>;
  /**
   * Releases a spam conversation (`conversations.list({ spam: true })` shows them): it becomes
   * a normal conversation, is routed by its channel's rule and announced like a new one.
   * Idempotent: releasing a conversation that is not spam returns it unchanged.
   */
  release(conversationId: string, input?: ByInput): Promise<Conversation>;
}

/** Builds the filters API of a scope. */
export function filtersService(scope: Scope): FiltersApi {
  const { workspaceId, runtime } = scope;

  async function visibleFilter(id: string): Promise<EmailFilter> {
    const filter = requireFound(await scope.storage.records.get(workspaceId, 'emailFilter', id), 'filter', id);
    await scope.access.requireInbox(filter.inboxId, 'filter', id);
    return filter;
  }

  return {
    async create(input) {
      await scope.access.requireAdmin('create email filters');
      const parsed = parseInput(createFilterInput, input, 'email filter');
      const now = runtime.clock.now();
      const filter: EmailFilter = { id: runtime.ids.next('flt'), workspaceId, ...parsed, createdAt: now, updatedAt: now };
      return scope.mutate(async (tx, events) => {
        if (!(await tx.records.get(workspaceId, 'inbox', parsed.inboxId))) {
          throw new ValidationError('email filter', [{ path: 'inboxId', message: `unknown inbox "${parsed.inboxId}"` }]);
        }
        await tx.records.put('emailFilter', filter);
        events.record('filter.created', { filterId: filter.id, inboxId: filter.inboxId, action: filter.action });
        return filter;
      });
    },
    get: visibleFilter,
    async list(query = {}) {
      const { inboxId, cursor, limit } = parseInput(listQuery, query, 'filter query');
      if (inboxId) await scope.access.requireInbox(inboxId, 'inbox', inboxId);
      // Filtered in the store, not after paging: an agent's pages are full.
      const inboxes = inboxId ?? (await scope.access.visibleInboxIds());
      return scope.storage.records.list(workspaceId, 'emailFilter', {
        where: inboxes ? { inboxId: inboxes } : undefined,
        cursor: cursor ?? null,
        limit,
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('delete email filters');
      await scope.mutate(async (tx, events) => {
        const filter = requireFound(await tx.records.get(workspaceId, 'emailFilter', id), 'filter', id);
        await tx.records.delete(workspaceId, 'emailFilter', id);
        events.record('filter.deleted', { filterId: id, inboxId: filter.inboxId });
      });
    },
    async release(conversationId, input) {
      const { by } = parseInput(byInput, input, 'release');
      return scope.mutate(async (tx, events) => {
        const actor = actorOf(await scope.access.by(by, 'release', tx));
        const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
        await scope.access.requireInbox(current.inboxId, 'conversation', conversationId, tx);
        if (!current.spam) return current;
        let next: Conversation = { ...current, spam: false, updatedAt: runtime.clock.now() };
        events.record('conversation.released', { conversationId, inboxId: current.inboxId, by: actor });
        if (next.assigneeId === null) {
          const contact = await tx.contacts.get(workspaceId, current.contactId);
          next = await routeConversation(scope, tx, events, next, contact, { trigger: 'release' });
        }
        await tx.conversations.update(next);
        return next;
      });
    },
  };
}
