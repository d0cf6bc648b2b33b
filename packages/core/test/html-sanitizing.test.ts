import { afterEach, describe, expect, it } from 'vitest';
import { createInboxKit, ValidationError } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { accepted, seedAcme, startKit, type Harness } from './setup.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

describe('stored html is sanitized in core', () => {
  it('inbound html of any channel and agent reply html are stored sanitized', async () => {
    harness = await startKit();
    const { ws, supportChannel, kari } = await seedAcme(harness.kit);
    const result = accepted(
      await harness.channel.push({
        workspaceId: supportChannel.workspaceId,
        channelId: supportChannel.id,
        from: { email: 'eve@evil.test' },
        text: 'hi',
        html: '<p onclick="steal()">hi<script>steal()</script></p>',
      }),
    );
    expect(result.message.html).toBe('<p>hi</p>');
    const reply = await ws.conversations.reply(result.conversation.id, { authorId: kari.id, text: 'x', html: '<b>ok</b><img src=x onerror=alert(1)>' });
    expect(reply.html).toBe('<b>ok</b><img src="x" />');
    // What was sent is what was stored: the adapter never sees the unsafe original.
    expect(harness.channel.sent.at(-1)?.message.html).toBe('<b>ok</b><img src="x" />');
    const timeline = await ws.conversations.timeline(result.conversation.id);
    expect(timeline.items.map((i) => (i.kind === 'message' ? i.html : null))).toEqual(['<p>hi</p>', '<b>ok</b><img src="x" />']);
  });

  it('html with nothing safe left is stored as null', async () => {
    harness = await startKit();
    const { supportChannel } = await seedAcme(harness.kit);
    const result = accepted(
      await harness.channel.push({ workspaceId: supportChannel.workspaceId, channelId: supportChannel.id, from: { email: 'a@b.test' }, text: 'x', html: '<script>x()</script>' }),
    );
    expect(result.message.html).toBeNull();
  });

  it('the sanitizer is replaceable by the sanitizeHtml option; a non-function is VALIDATION', async () => {
    expect(() => createInboxKit({ storage: memoryStorage(), sanitizeHtml: 'strip' as never })).toThrow(/sanitizeHtml/);
    try {
      createInboxKit({ storage: memoryStorage(), sanitizeHtml: 1 as never });
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
    }
    harness = await startKit({ sanitizeHtml: (html) => `[clean]${html.replace(/<[^>]*>/g, '')}` });
    const { supportChannel } = await seedAcme(harness.kit);
    const result = accepted(
      await harness.channel.push({ workspaceId: supportChannel.workspaceId, channelId: supportChannel.id, from: { email: 'a@b.test' }, text: 'x', html: '<i>hey</i>' }),
    );
    expect(result.message.html).toBe('[clean]hey');
  });
});
