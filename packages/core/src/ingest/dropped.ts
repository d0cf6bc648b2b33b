import type { Channel } from '../domain/channel.js';
import type { ParsedInbound } from '../domain/inbound.js';
import type { FilterMatch } from '../filters/filter-matching.js';
import type { StorageOperations } from '../storage/storage.js';
import type { IngestResult } from './ingest-result.js';

/** What a dropped message leaves behind so a redelivery is recognised: no message row exists to dedupe on. */
interface DropTombstone {
  filterId: string;
  reason: string;
}

// The channel and external id are encoded so no id can forge another's key.
const dropKey = (channelId: string, externalId: string) => `ingest:dropped:${encodeURIComponent(channelId)}:${encodeURIComponent(externalId)}`;

/**
 * Handles a message a filter drops, in the ingest transaction. The tombstone key is read with a
 * lock (held even while it does not exist), so concurrent deliveries of one `externalId`
 * serialize: the first writes the tombstone and returns `record: true` (the caller records
 * `message.filtered`); the others, and any later redelivery, get the first result as a duplicate.
 */
export async function dropMessage(
  tx: StorageOperations,
  channel: Channel,
  inbound: ParsedInbound,
  filter: FilterMatch,
): Promise<{ result: IngestResult; record: boolean }> {
  const key = dropKey(channel.id, inbound.externalId);
  const previous = await tx.state.get<DropTombstone>(channel.workspaceId, key, { lock: true });
  const tombstone = previous ?? { filterId: filter.filterId, reason: filter.reason };
  if (!previous) await tx.state.put(channel.workspaceId, key, tombstone);
  const result: IngestResult = {
    status: 'filtered',
    filterId: tombstone.filterId,
    reason: tombstone.reason,
    conversation: null,
    message: null,
    created: false,
    duplicate: previous !== null,
  };
  return { result, record: previous === null };
}
