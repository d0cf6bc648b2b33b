/**
 * TEMPORARY raw intake for the transport suites until adapter-email's `ingestRaw` lands on
 * this branch: Message-ID → externalId, From → contact, subject and text. Replaced by the
 * real intake when the branches merge.
 */
import type { Channel, ChannelContext } from '@inboxkit/core';
import { simpleParser } from 'mailparser';

export function testIntake(context: () => ChannelContext | null) {
  return (channel: Channel) => async (source: Buffer) => {
    const ctx = context();
    if (!ctx) throw new Error('not started');
    const parsed = await simpleParser(source);
    const from = parsed.from?.value[0];
    await ctx.ingest({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
      from: { email: from?.address ?? null, name: from?.name || null },
      subject: parsed.subject ?? null,
      text: parsed.text ?? '',
    });
  };
}
