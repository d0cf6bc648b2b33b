import type { Channel } from '../domain/channel.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { Inbox } from '../domain/inbox.js';
import type { InboundMessage } from '../domain/inbound.js';
import type { Message } from '../domain/timeline.js';
import type { User } from '../domain/user.js';
import type { IngestManyResult } from '../ingest/ingest-many.js';
import type { IngestResult } from '../ingest/ingest-result.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { BlobStore } from '../runtime/blobs.js';
import type { AddressTarget, LeaseStore, StateStore } from '../storage/storage.js';
import type { Page } from '../domain/common.js';
import type { BotSessionInput, BotTurn, StartBotSessionInput } from '../bots/schemas.js';
import type { ChannelForms } from '../forms/channel-forms.js';
import type { InboxEventEmitter } from '../events/typed-emitter.js';
import type { WorkspaceApi } from '../kit/workspace-api.js';

/**
 * # The InboxKit channel adapter contract (v1)
 *
 * An adapter connects one kind of source (email, chat, forms, SMS…) to the kit. A *channel*
 * is one connection of an adapter to an inbox, with a config the adapter validates.
 * Adapters hand inbound messages to `context.ingest` and deliver replies in `doSend`.
 * Config holds secret *references* (`passwordRef`, `secretRef`); resolve them with
 * `context.resolveSecret` at use time and never log, store or emit the values.
 */
export interface ChannelAdapter {
  /** Contract version; a breaking change adds `v2` beside it. */
  readonly specificationVersion: 'v1';
  /** Channel type this adapter serves, e.g. `email`. Unique per kit. */
  readonly type: string;
  /** What the adapter can do. */
  readonly capabilities: ChannelCapabilities;

  /**
   * Validates and normalizes a channel's config at connect/update time. Throw a
   * `VALIDATION` error naming the field (use `parseInput`). Must not contain secret values.
   */
  parseConfig(config: unknown): Record<string, unknown>;

  /** Called once by `kit.start()`. Keep the context; start listeners and pollers here. */
  start?(context: ChannelContext): Promise<void>;
  /** Called by `kit.stop()`. Stop everything `start` began; idempotent. */
  stop?(): Promise<void>;

  /** Called after a channel of this type was connected (or its config changed). */
  onConnect?(channel: Channel): Promise<void>;
  /** Called after a channel of this type was disconnected. */
  onDisconnect?(channel: Channel): Promise<void>;

  /**
   * Delivers an outgoing message. Resolve with the channel's id of the sent message;
   * throw a `CHANNEL` error (with `retryable`) when delivery failed. Called by the kit only.
   */
  doSend?(request: SendRequest): Promise<SendResult>;
}

/** What a channel adapter can do. */
export interface ChannelCapabilities {
  /** `doSend` delivers replies through this channel. */
  send: boolean;
  /** Replies to this channel's conversations go out through another channel type (forms → email). */
  replyVia?: string;
}

/** Everything an adapter gets from the kit at start. */
export interface ChannelContext {
  /** The one inbound door (same as `kit.ingest`). */
  ingest(message: InboundMessage): Promise<IngestResult>;
  /**
   * The batch door for backlogs (same as `kit.ingestMany`), e.g. an IMAP first sync: every
   * message gets what `ingest` would give it (same dedupe by `(channelId, externalId)`), and
   * consecutive messages of a workspace share a transaction. Never throws for a message: one
   * result per message, in order, where a message `ingest` would have thrown for is an
   * `IngestFailure` carrying that same error (`VALIDATION`, `NOT_FOUND`, `CHANNEL`, …) and fails
   * alone. Throws `VALIDATION` only when `messages` is not an array.
   */
  ingestMany(messages: readonly InboundMessage[]): Promise<IngestManyResult[]>;
  /** Active channels of this adapter's type in every workspace, ordered by (workspaceId, id). */
  listChannels(query?: { cursor?: string | null; limit?: number }): Promise<Page<Channel>>;
  /** This adapter's channel with this id in any workspace (active or not), or `null`. */
  findChannel(channelId: string): Promise<Channel | null>;
  /**
   * Where an inbound address delivers (case-insensitive), through the global address
   * directory: `{ workspaceId, inboxId, channelId }` (`channelId` `null` for an inbox's
   * fallback address), or `null` for an address that is not ours.
   */
  resolveAddress(address: string): Promise<AddressTarget | null>;
  /**
   * The inbox's implicit fallback channel of this adapter's type, created on first use (in one
   * transaction, `channel.connected` event): id `<inboxId>.<type>-fallback`, name and
   * `config.address` the inbox's fallback address, config passed through `parseConfig`. Mail
   * to a fallback address is ingested into it, so it lands in the inbox before any team
   * address is connected; replies go out through it (the adapter's default transport).
   * Idempotent and race-free. `NOT_FOUND` for an unknown inbox.
   */
  fallbackChannel(target: { workspaceId: string; inboxId: string }): Promise<Channel>;
  /**
   * Marks the outgoing message with this channel id (email `Message-ID`) in the workspace
   * `failed` with `reason` (a bounce), in one transaction with a `message.delivery.changed`
   * event. Returns the message, or `null` when no outgoing message has that id. Idempotent:
   * an already failed message is returned unchanged.
   */
  markDeliveryFailed(input: { workspaceId: string; externalId: string; reason: string }): Promise<Message | null>;
  /**
   * Records that an inbound message was deliberately not ingested (auto-reply, bounce, loop):
   * a log line and one `message.skipped` event per `(channelId, externalId)`. Returns `false`
   * for a redelivery already recorded.
   */
  recordSkip(input: { workspaceId: string; channelId: string; externalId: string; reason: string }): Promise<boolean>;
  /** Resolves a secret reference through the host's `secrets.resolve`. */
  resolveSecret(ref: string): Promise<string>;
  /** Per-workspace key/value state (checkpoints). */
  state: StateStore;
  /** Named leases so one process owns a background job. */
  leases: LeaseStore;
  /** The kit's clock. */
  clock: Clock;
  /** The kit's logger. */
  logger: Logger;
  /** Attachment bytes. */
  blobs: BlobStore;
  /** Committed events of every workspace, other processes' included (same as `kit.events`): how a chat server learns of replies written elsewhere. */
  events: InboxEventEmitter;
  /** One workspace's API acting as the system (same as `kit.workspace(id)`): chatflow matching, timelines. */
  workspace(workspaceId: string): WorkspaceApi;
  /** Drives bot chatflows in conversations (same as `ws.bots`, for any workspace). */
  bots: ChannelBots;
  /** Forms by id and their spam counters (what a forms adapter needs). */
  forms: ChannelForms;
}

/**
 * The bot runtime as channel adapters see it: `ws.bots` with the workspace named per call.
 * A chat adapter ingests each visitor message, then feeds it to the bot with its `externalId`
 * as `inputId` while `session.status` is `waiting`; it shows the returned `messages` (with their
 * quick replies). After a handoff the conversation is live chat: stop feeding the bot.
 */
export interface ChannelBots {
  /** Starts a bot chatflow in a conversation; see `BotsApi.start`. */
  start(input: StartBotSessionInput & { workspaceId: string }): Promise<BotTurn>;
  /** Feeds one visitor message to the conversation's waiting bot; see `BotsApi.input`. */
  input(input: BotSessionInput & { workspaceId: string }): Promise<BotTurn>;
}

/** Everything an adapter needs to deliver one outgoing message. */
export interface SendRequest {
  /** The channel (config with secret references only). */
  channel: Channel;
  /** The inbox the conversation is in. */
  inbox: Inbox;
  /** The conversation. */
  conversation: Conversation;
  /** The contact to deliver to. */
  contact: Contact;
  /** The outgoing message (status `pending`). */
  message: Message;
  /**
   * The id this message must go out with (email: the `Message-ID`, without angle brackets),
   * allocated and stored by the kit before the first attempt. A re-send after a crash or
   * restart carries the same id, so the receiver can drop the copy: use it when the channel
   * lets you choose the id, and return it (or the channel's own id) as `SendResult.externalId`.
   */
  externalId: string;
  /** The user who wrote it, if a user did. */
  author: User | null;
  /** Earlier messages of the conversation that have an `externalId`, oldest first (for threading headers). */
  references: Message[];
  /** Resolves a secret reference. */
  resolveSecret(ref: string): Promise<string>;
  /** Reads an attachment's bytes. */
  readBlob(key: string): Promise<Uint8Array | null>;
}

/** What `doSend` reports. */
export interface SendResult {
  /** The channel's id of the sent message (email `Message-ID`), used to thread replies. */
  externalId?: string | null;
  /** Extra channel metadata to keep on the message. Never secrets. */
  metadata?: Record<string, unknown>;
}
