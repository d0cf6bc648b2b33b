import type { ResponseTimesGroup, ResponseTimesQuery } from '@inboxkit/core';
import { Figures } from './figures.js';
import { analyticsFilter, type AnalyticsTables } from './tables.js';

/** How `responseTimes` finds its conversations: chosen by the window (`auto`), or forced (tests run both). */
export type ResponseTimesScan = 'auto' | 'all' | 'replies';

/**
 * `responseTimes`: every matching conversation's waits that ended in the window and its time to
 * close when it closed in it, from the per-conversation facts the timeline table keeps current
 * (so no timeline is walked), then statistics per group.
 *
 * Two ways to find the conversations, chosen by the window's size, with the same figures:
 * a short window reads only conversations with a user reply in it (the reply index) and the
 * close index; a long one covers most conversations anyway, and one pass over all of them is
 * cheaper than an index step and a lookup per reply (a year has several replies per conversation).
 */
export function responseTimes(tables: AnalyticsTables, workspaceId: string, query: ResponseTimesQuery, scan: ResponseTimesScan = 'auto'): ResponseTimesGroup[] {
  const { from, to } = query;
  const matches = analyticsFilter(query);
  const figures = new Figures(query);
  const readAll = scan === 'all' || (scan === 'auto' && tables.timeline.estimateUserReplies(workspaceId, from, to) > tables.conversations.size(workspaceId));

  if (readAll) {
    for (const conversation of tables.conversations.rows(workspaceId)) {
      if (!matches(conversation)) continue;
      figures.waits(conversation, tables.timeline.conversationFacts(workspaceId, conversation.id));
      const { closedAt } = conversation;
      if (closedAt !== null && closedAt >= from && closedAt < to) figures.close(conversation, closedAt);
    }
    return figures.report();
  }

  // Waits that ended in the window: only conversations with a user reply in it can have one.
  const seen = new Set<string>();
  for (const reply of tables.timeline.userRepliesBetween(workspaceId, from, to)) {
    if (seen.has(reply.conversationId)) continue;
    seen.add(reply.conversationId);
    const conversation = tables.conversations.get(workspaceId, reply.conversationId);
    if (conversation && matches(conversation)) figures.waits(conversation, tables.timeline.conversationFacts(workspaceId, conversation.id));
  }
  for (const row of tables.conversations.index(workspaceId)?.closedFrom(from) ?? []) {
    if (row.closedAt === null || row.closedAt >= to) break;
    if (matches(row)) figures.close(row, row.closedAt);
  }
  return figures.report();
}
