import type { Readable } from 'node:stream';
import { NotFoundError, type Channel, type ChannelContext, type IngestResult } from '@inboxkit/core';
import { simpleParser } from 'mailparser';
import type { EmailSettings } from '../config.js';

/** Raw MIME as a Buffer, a string or a readable stream. */
export type RawSource = Buffer | Uint8Array | string | Readable;
/** Where raw mail goes: a known channel, or the address it was sent to. */
export type RawTarget = { channelId: string } | { recipient: string };
/** What `ingestRaw` reports. */
export type RawIngestResult = IngestResult;

/** The raw intake shared by `ingestRaw`, the IMAP poller and the inbound receiver. */
export function createIntake(_settings: EmailSettings, context: () => ChannelContext) {
  return {
    async ingestRaw(source: RawSource, target: RawTarget): Promise<RawIngestResult> {
      const ctx = context();
      if (!('channelId' in target)) throw new NotFoundError('recipient', target.recipient);
      const channel = await findChannel(ctx, target.channelId);
      const parsed = await simpleParser(source as Buffer);
      return ctx.ingest({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        externalId: parsed.messageId ?? 'missing',
        from: { email: parsed.from?.value[0]?.address ?? null, name: parsed.from?.value[0]?.name || null },
        subject: parsed.subject ?? null,
        text: parsed.text ?? '',
      });
    },
  };
}

async function findChannel(ctx: ChannelContext, channelId: string): Promise<Channel> {
  for (let cursor: string | null = null; ; ) {
    const page = await ctx.listChannels({ cursor, limit: 100 });
    const found = page.items.find((c) => c.id === channelId);
    if (found) return found;
    if (!page.nextCursor) throw new NotFoundError('channel', channelId);
    cursor = page.nextCursor;
  }
}
