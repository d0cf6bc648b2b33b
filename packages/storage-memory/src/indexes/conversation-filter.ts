import type { Conversation, ConversationFilter } from '@inboxkit/core';

/**
 * Turns a filter into one predicate, built once per query: a scan may test a large part
 * of a 1M-row index, so per-row work is kept to plain comparisons and set lookups.
 */
export function compileFilter(filter: ConversationFilter): (row: Conversation) => boolean {
  const tests: ((row: Conversation) => boolean)[] = [];
  if (filter.inboxIds !== undefined) {
    const inboxIds = new Set(filter.inboxIds);
    tests.push((row) => inboxIds.has(row.inboxId));
  }
  if (filter.statuses !== undefined) {
    const statuses = new Set(filter.statuses);
    tests.push((row) => statuses.has(row.status));
  }
  if (filter.tagIds !== undefined) {
    const tagIds = new Set(filter.tagIds);
    tests.push((row) => row.tagIds.some((id) => tagIds.has(id)));
  }
  const { assigneeId, teamId, channelType, channelId, contactId, spam } = filter;
  if (assigneeId !== undefined) tests.push((row) => row.assigneeId === assigneeId);
  if (teamId !== undefined) tests.push((row) => row.teamId === teamId);
  if (channelType !== undefined) tests.push((row) => row.channelType === channelType);
  if (channelId !== undefined) tests.push((row) => row.channelId === channelId);
  if (contactId !== undefined) tests.push((row) => row.contactId === contactId);
  if (spam !== undefined) tests.push((row) => row.spam === spam);
  const { from, to } = filter.lastMessageAt ?? {};
  if (from !== undefined) tests.push((row) => row.lastMessageAt >= from);
  if (to !== undefined) tests.push((row) => row.lastMessageAt < to);
  return (row) => tests.every((test) => test(row));
}
