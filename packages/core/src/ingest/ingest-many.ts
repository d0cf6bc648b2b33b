import type { Channel } from '../domain/channel.js';
import type { InboundMessage } from '../domain/inbound.js';
import { ValidationError } from '../errors/validation-error.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { ChunkOperations } from './chunk-operations.js';
import { activeChannel, ingestInTransaction, mutateRetrying, prepareInbound, type PreparedInbound } from './ingest.js';
import type { IngestResult } from './ingest-result.js';

/**
 * Messages per transaction: enough to spread one commit (and one event append) over many
 * messages, few enough that a long backlog never holds its locks for long.
 */
const CHUNK = 100;

/** A message of `kit.ingestMany` that was not stored: invalid, its channel missing or disconnected, or its ingest failed. */
export interface IngestFailure {
  /** Always `failed`. */
  status: 'failed';
  /** Why: the error `kit.ingest` would have thrown for this message (`VALIDATION`, `NOT_FOUND`, `CHANNEL`, …). */
  error: Error;
}

/** What `kit.ingestMany` returns for each message, in input order. */
export type IngestManyResult = IngestResult | IngestFailure;

type Queued = PreparedInbound & { readonly index: number };

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * The batch door for backlogs (an IMAP first sync): each message gets what `kit.ingest` would
 * give it — same dedupe by `(channelId, externalId)`, within the batch too, same filters,
 * contacts, threading, routing and events — but consecutive messages of one workspace share
 * a transaction, up to `CHUNK` at a time, read and written in batches (`ChunkOperations`).
 * A message that fails fails alone: its chunk is rolled back and ingested again one message
 * per transaction. Never throws for a message;
 * throws `VALIDATION` only when `messages` is not an array.
 */
export async function ingestMany(runtime: KitRuntime, messages: readonly InboundMessage[]): Promise<IngestManyResult[]> {
  if (!Array.isArray(messages)) throw new ValidationError('ingestMany', [{ path: 'messages', message: 'expected an array of inbound messages' }]);
  const results: IngestManyResult[] = new Array<IngestManyResult>(messages.length);
  // A backlog comes through few channels: each is read once per call, not once per message.
  const channels = new Map<string, Promise<Channel>>();
  const channelOf = (workspaceId: string, channelId: string) => {
    const key = JSON.stringify([workspaceId, channelId]);
    let channel = channels.get(key);
    if (!channel) channels.set(key, (channel = activeChannel(runtime, workspaceId, channelId)));
    return channel;
  };
  let chunk: Queued[] = [];
  for (let index = 0; index < messages.length; index++) {
    let prepared: PreparedInbound;
    try {
      prepared = await prepareInbound(runtime, messages[index]!, channelOf);
    } catch (error) {
      results[index] = { status: 'failed', error: asError(error) };
      continue;
    }
    if (chunk.length === CHUNK || (chunk.length > 0 && chunk[0]!.message.workspaceId !== prepared.message.workspaceId)) {
      await ingestChunk(runtime, chunk, results);
      chunk = [];
    }
    chunk.push({ ...prepared, index });
  }
  if (chunk.length > 0) await ingestChunk(runtime, chunk, results);
  return results;
}

/** One transaction for the chunk; when it fails, one per message, so only the failing ones fail. */
async function ingestChunk(runtime: KitRuntime, chunk: Queued[], results: IngestManyResult[]): Promise<void> {
  // The channels were found in the workspace: it exists.
  const scope = new Scope(runtime, chunk[0]!.message.workspaceId, null, true);
  try {
    const outcomes = await mutateRetrying(scope, async (tx, events) => {
      const ops = await ChunkOperations.open(tx, scope.workspaceId, chunk);
      const stored: IngestResult[] = [];
      for (const item of chunk) stored.push(await ingestInTransaction(scope, ops.operations, events, item));
      await ops.flush();
      return stored;
    });
    outcomes.forEach((outcome, k) => (results[chunk[k]!.index] = outcome));
    return;
  } catch {
    // Rolled back whole: nothing of the chunk was stored, so each message can go again alone.
  }
  for (const item of chunk) {
    try {
      results[item.index] = await mutateRetrying(scope, (tx, events) => ingestInTransaction(scope, tx, events, item));
    } catch (error) {
      results[item.index] = { status: 'failed', error: asError(error) };
    }
  }
}
