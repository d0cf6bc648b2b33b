import { z } from 'zod';
import type { Page } from '../domain/common.js';
import type { InboxEvent } from '../domain/events.js';
import { parseInput } from '../errors/parse.js';
import type { Scope } from '../kit/scope.js';

const readQuery = z.strictObject({
  after: z.union([z.string().regex(/^\d+$/, 'expected a cursor from nextCursor').transform(Number), z.number().int().nonnegative()]).nullish(),
  limit: z.number().int().min(1).max(1000).default(100),
});

/** The workspace's durable event log. */
export interface EventsApi {
  /**
   * Events after a cursor (`nextCursor` of the previous page, or omitted for the start), in
   * commit order. `nextCursor` is the position of the last item, also when the page is not
   * full, so a consumer can poll with it; `null` only when there are no events yet after `after`.
   */
  read(query?: { after?: string | number | null; limit?: number }): Promise<Page<InboxEvent>>;
}

/** Builds the events API of a scope. Admin only for `asUser` scopes (the log spans every inbox). */
export function eventsService(scope: Scope): EventsApi {
  return {
    async read(query = {}) {
      await scope.access.requireAdmin('read the event log');
      const { after, limit } = parseInput(readQuery, query, 'event query');
      const items = await scope.storage.events.read(scope.workspaceId, { after: after ?? 0, limit });
      const last = items.at(-1);
      return { items, nextCursor: last ? String(last.seq) : null };
    },
  };
}
