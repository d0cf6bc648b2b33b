import type { Channel } from '../domain/channel.js';
import type { ParsedInbound } from '../domain/inbound.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { StorageOperations } from '../storage/storage.js';
import { screenMessage, type FilterMatch } from './filter-matching.js';

/**
 * The ingest hook: what the inbox's email filters (in creation order) make of `message`, by
 * `screenMessage`, or `null`. Runs inside the ingest transaction, before any contact or
 * conversation is created.
 */
export async function matchFilters(
  tx: StorageOperations,
  workspaceId: string,
  inboxId: string,
  message: ParsedInbound,
): Promise<FilterMatch | null> {
  const filters = await tx.records.list(workspaceId, 'emailFilter', { where: { inboxId } });
  return screenMessage(filters.items, { email: message.from.email, subject: message.subject });
}

/**
 * Records `message.filtered` for a message a filter caught, so users can see what was
 * filtered and why: ingest calls it for a drop (`kept: null`) and for spam (where it was kept).
 */
export function recordFiltered(
  events: EventRecorder,
  channel: Pick<Channel, 'id' | 'inboxId'>,
  message: ParsedInbound,
  match: FilterMatch,
  kept: { conversationId: string; messageId: string } | null,
): void {
  events.record('message.filtered', {
    inboxId: channel.inboxId,
    channelId: channel.id,
    filterId: match.filterId,
    action: match.action,
    reason: match.reason,
    externalId: message.externalId,
    from: message.from.email ?? null,
    subject: message.subject ?? null,
    conversationId: kept?.conversationId ?? null,
    messageId: kept?.messageId ?? null,
  });
}
