import { idSchema, pageQuerySchema, type Page } from '../domain/common.js';
import type { ByInput, Conversation } from '../domain/conversation.js';
import { notSpam } from '../conversations/spam.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { createFilterInput, type CreateFilterInput, type EmailFilter } from './email-filter.js';

const listQuery = pageQuerySchema.extend({ inboxId: idSchema.optional() });

/**
 * Email filters: mail from listed senders, domains or with matching subjects never becomes a
 * normal conversation (`drop`, `spam`), except mail from the inbox's `allow` filters' senders
 * and domains, which no filter catches.
 */
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
   * Releases a spam conversation: the same as `conversations.notSpam` (one code path, one
   * `conversation.released` event). Idempotent.
   * @deprecated Use `conversations.notSpam(id, { by })`.
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
    release: (conversationId, input) => notSpam(scope, conversationId, input),
  };
}
