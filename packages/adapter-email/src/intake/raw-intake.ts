import { createHash } from 'node:crypto';
import { NotFoundError, type Channel, type ChannelContext, type IngestFailure, type IngestResult, type InboundMessage } from '@inboxkit/core';
import type { EmailSettings } from '../config.js';
import { checkLoop } from '../loop/loop-check.js';
import { parseMail, type ParsedEmail, type RawSource } from '../mime/parse-mail.js';
import { senderOf, toInbound } from './to-inbound.js';

export type { RawSource } from '../mime/parse-mail.js';
/** Where raw mail goes: a known channel, or the address it was sent to (an inbox's fallback address). */
export type RawTarget = { channelId: string } | { recipient: string };
/** For bounces: the Message-IDs reported on, and the ids of our messages marked `failed`. */
export type BounceOutcome = { originalIds: string[]; failedMessageIds: string[] };
/** What `ingestRaw` reports: core's ingest result, or a deliberate skip (loop, bounce, no sender). */
export type RawIngestResult =
  | IngestResult
  | {
      status: 'skipped';
      /** Why, as recorded in the `message.skipped` event. */
      reason: string;
      externalId: string;
      /** Set for bounces. */
      bounce: BounceOutcome | null;
    };

/** What `ingestManyInto` reports per message: what `ingestInto` would have returned, or the error it would have thrown. */
export type RawIngestManyResult = RawIngestResult | IngestFailure;

/** The raw intake behind `ingestRaw`, the IMAP poller and the inbound receiver. */
export interface Intake {
  /** Parses and ingests one raw message into the target's channel. */
  ingestRaw(source: RawSource, target: RawTarget): Promise<RawIngestResult>;
  /** Same, for a channel already loaded (the IMAP poller has it). */
  ingestInto(source: RawSource, channel: Channel): Promise<RawIngestResult>;
  /**
   * `ingestInto` for a batch (an IMAP backlog): each message is parsed and loop-checked in
   * order, then every one to keep goes to `ingestMany` in one call. Never throws for a message:
   * one result per source, in order, a failure carrying the error `ingestInto` would have thrown.
   */
  ingestManyInto(sources: readonly RawSource[], channel: Channel): Promise<RawIngestManyResult[]>;
}

/** A parsed raw message: already settled (a skip or bounce), or an inbound message for core. */
type Prepared = { settled: RawIngestResult } | { inbound: InboundMessage };

/** Creates the intake; `context` throws while the kit is not started. */
export function createIntake(settings: EmailSettings, context: () => ChannelContext): Intake {
  async function resolveTarget(ctx: ChannelContext, target: RawTarget): Promise<Channel> {
    if ('channelId' in target) {
      const channel = await ctx.findChannel(target.channelId);
      if (!channel) throw new NotFoundError('channel', target.channelId);
      return channel;
    }
    const recipient = target.recipient.trim().toLowerCase();
    const found = await ctx.resolveAddress(recipient);
    if (!found) throw new NotFoundError('recipient', recipient);
    const own = found.channelId ? await ctx.findChannel(found.channelId) : null;
    return own ?? ctx.fallbackChannel({ workspaceId: found.workspaceId, inboxId: found.inboxId });
  }

  async function skip(ctx: ChannelContext, channel: Channel, parsed: ParsedEmail, reason: string, bounce: BounceOutcome | null): Promise<RawIngestResult> {
    // Nothing of a skipped message is kept: its blobs go too.
    await Promise.all(parsed.attachments.map((a) => ctx.blobs.delete(a.blobKey)));
    await ctx.recordSkip({ workspaceId: channel.workspaceId, channelId: channel.id, externalId: parsed.externalId.slice(0, 1000), reason });
    return { status: 'skipped', reason, externalId: parsed.externalId, bounce };
  }

  /** Parse, blobs, loop check and skips: everything of `ingestInto` before core's ingest. */
  async function prepare(ctx: ChannelContext, source: RawSource, channel: Channel): Promise<Prepared> {
    const parsed = await parseMail(source, {
      blobs: ctx.blobs,
      // Keys under the workspace (core requires it) and derived from the id, so a redelivery overwrites.
      blobPrefix: (id) => `${channel.workspaceId}/${channel.id}/mail-${createHash('sha256').update(id).digest('hex').slice(0, 32)}`,
      limits: settings.limits,
    });
    const address = typeof channel.config.address === 'string' ? channel.config.address.toLowerCase() : null;
    const verdict = checkLoop(parsed, { ownAddresses: new Set(address ? [address] : []), skipListMail: settings.skipListMail });
    if (verdict.kind === 'bounce') {
      // Transports differ in whether they keep the angle brackets of the ids they report.
      const candidates = verdict.originalIds.flatMap((id) => [id, id.slice(1, -1)]);
      const failed = await Promise.all(
        candidates.map((externalId) => ctx.markDeliveryFailed({ workspaceId: channel.workspaceId, externalId, reason: verdict.reason })),
      );
      const failedMessageIds = [...new Set(failed.flatMap((m) => (m ? [m.id] : [])))];
      return { settled: await skip(ctx, channel, parsed, `bounce: ${verdict.reason}`, { originalIds: verdict.originalIds, failedMessageIds }) };
    }
    if (verdict.kind === 'skip') return { settled: await skip(ctx, channel, parsed, verdict.reason, null) };
    const sender = senderOf(parsed);
    if (!sender) return { settled: await skip(ctx, channel, parsed, 'no valid sender address', null) };
    return { inbound: toInbound(parsed, channel, sender, settings) };
  }

  async function ingestInto(source: RawSource, channel: Channel): Promise<RawIngestResult> {
    const ctx = context();
    const prepared = await prepare(ctx, source, channel);
    return 'settled' in prepared ? prepared.settled : ctx.ingest(prepared.inbound);
  }

  async function ingestManyInto(sources: readonly RawSource[], channel: Channel): Promise<RawIngestManyResult[]> {
    const ctx = context();
    const results = new Array<RawIngestManyResult>(sources.length);
    const inbound: InboundMessage[] = [];
    const positions: number[] = [];
    // In order and one at a time: at most one message's parse is in flight, the batch bounds the rest.
    for (const [index, source] of sources.entries()) {
      try {
        const prepared = await prepare(ctx, source, channel);
        if ('settled' in prepared) {
          results[index] = prepared.settled;
        } else {
          inbound.push(prepared.inbound);
          positions.push(index);
        }
      } catch (error) {
        results[index] = { status: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
    const ingested = inbound.length > 0 ? await ctx.ingestMany(inbound) : [];
    ingested.forEach((result, k) => (results[positions[k]!] = result));
    return results;
  }

  return {
    async ingestRaw(source, target) {
      const channel = await resolveTarget(context(), target);
      return ingestInto(source, channel);
    },
    ingestInto,
    ingestManyInto,
  };
}
