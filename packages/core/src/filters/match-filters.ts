import type { Channel } from '../domain/channel.js';
import type { ParsedInbound } from '../domain/inbound.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { StorageOperations } from '../storage/storage.js';
import type { EmailFilter } from './email-filter.js';
import { screenMessage, type FilterMatch } from './filter-matching.js';

/**
 * The ingest hook: what the inbox's email filters (in creation order) make of `message`, by
 * `screenMessage`, or `null`. Runs inside the ingest transaction, before any contact or
 * conversation is created. `known`: the inbox's filters, when the caller has read them.
 */
export async function matchFilters(
  tx: StorageOperations,
  workspaceId: string,
  inboxId: string,
  message: ParsedInbound,
  known?: readonly EmailFilter[],
): Promise<FilterMatch | null> {
  const filters = known ?? (await tx.records.list(workspaceId, 'emailFilter', { where: { inboxId } })).items;
  return screenMessage(filters, { email: message.from.email, subject: message.subject });
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
