import type { Channel } from '../domain/channel.js';
import type { ParsedInbound } from '../domain/inbound.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { StorageOperations } from '../storage/storage.js';
import { filterMatchReason } from './filter-matching.js';

/** A filter that caught an inbound message. */
export interface FilterMatch {
  /** The matching filter. */
  filterId: string;
  /** `drop`: record and discard; `spam`: keep in the spam view. */
  action: 'drop' | 'spam';
  /** Human-readable reason, e.g. `sender domain example.com`. */
  reason: string;
}

/**
 * The ingest hook: the first `drop` or `spam` filter of the inbox (in creation order) that
 * catches `message` by its sender address or subject, or `null`. An `allow` filter matching
 * the sender wins over all of them, whatever their order: `null`. Runs inside the ingest
 * transaction, before any contact or conversation is created.
 */
export async function matchFilters(
  tx: StorageOperations,
  workspaceId: string,
  inboxId: string,
  message: ParsedInbound,
): Promise<FilterMatch | null> {
  const filters = await tx.records.list(workspaceId, 'emailFilter', { where: { inboxId } });
  const screened = { email: message.from.email, subject: message.subject };
  let caught: FilterMatch | null = null;
  for (const filter of filters.items) {
    const reason = filterMatchReason(filter, screened);
    if (reason === null) continue;
    if (filter.action === 'allow') return null;
    caught ??= { filterId: filter.id, action: filter.action, reason };
  }
  return caught;
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
