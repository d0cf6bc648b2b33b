import { createInboxKit } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { transcriptReader } from './transcript.js';

// A real kit on the memory store: the reader pages the actual timeline, across page boundaries (100).
async function conversationWith(count: number) {
  const test = createTestChannel();
  const kit = createInboxKit({ storage: memoryStorage(), channels: [test], fallbackEmailDomain: 'in.example.com' });
  await kit.start();
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
  const inbox = await ws.inboxes.create({ name: 'Support' });
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'Test' });
  let conversationId: string | null = null;
  const push = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const result = await test.push({ workspaceId: ws.id, channelId: channel.id, conversationId, from: { visitorId: 'visitor_0123456789abcdef' }, text: `m${i}` });
      if (result.status === 'accepted') conversationId = result.conversation.id;
    }
  };
  await push(count);
  return { kit, ws, push, id: () => conversationId! };
}

describe('transcript reader', () => {
  const kits: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    for (const kit of kits.splice(0)) await kit.stop();
  });

  it('sends every message once and in order while the conversation grows past several pages', async () => {
    const c = await conversationWith(3);
    kits.push(c.kit);
    const reader = transcriptReader(c.ws, c.id(), null);
    const sent: string[] = [];
    const drain = async () => sent.push(...(await reader.unsent()).map((m) => m.id));
    await drain();
    expect(sent).toHaveLength(3);
    for (const batch of [1, 150, 0, 99, 101]) {
      await c.push(batch);
      await drain();
    }
    const timeline = [];
    let cursor: string | null = null;
    do {
      const page = await c.ws.conversations.timeline(c.id(), { cursor, limit: 500 });
      timeline.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sent).toEqual(timeline);
    expect(new Set(sent).size).toBe(3 + 1 + 150 + 99 + 101);
  });

  it('resumes after the last message the widget showed, also on an earlier page', async () => {
    const c = await conversationWith(230);
    kits.push(c.kit);
    const all = (await transcriptReader(c.ws, c.id(), null).unsent()).map((m) => m.id);
    expect(all).toHaveLength(230);
    const resumed = transcriptReader(c.ws, c.id(), all[49]!);
    expect((await resumed.unsent()).map((m) => m.id)).toEqual(all.slice(50));
    expect(await resumed.unsent()).toEqual([]);
    await c.push(2);
    expect(await resumed.unsent()).toHaveLength(2);
  });
});
