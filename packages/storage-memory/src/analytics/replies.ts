import type { AgentReplies, AnalyticsFilter } from '@inboxkit/core';
import { analyticsFilter, type AnalyticsTables } from './tables.js';

/** `repliesByAgent`: one scan of the window's user replies (an index), no per-conversation walk. */
export function repliesByAgent(tables: AnalyticsTables, workspaceId: string, filter: AnalyticsFilter): AgentReplies[] {
  const matches = analyticsFilter(filter);
  const byUser = new Map<string, { conversations: Set<string>; messages: number }>();
  for (const message of tables.timeline.userRepliesBetween(workspaceId, filter.from, filter.to)) {
    const userId = message.author.id;
    const conversation = tables.conversations.get(workspaceId, message.conversationId);
    if (userId === null || !conversation || !matches(conversation)) continue;
    let tally = byUser.get(userId);
    if (!tally) byUser.set(userId, (tally = { conversations: new Set(), messages: 0 }));
    tally.conversations.add(message.conversationId);
    tally.messages++;
  }
  const rows = [...byUser].map(([userId, t]) => ({ userId, conversationsReplied: t.conversations.size, messagesSent: t.messages }));
  return rows.sort(
    (a, b) =>
      b.conversationsReplied - a.conversationsReplied ||
      b.messagesSent - a.messagesSent ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}
