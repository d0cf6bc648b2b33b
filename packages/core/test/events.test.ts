import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '@inboxkit/core';
import { accepted, seedAcme, startKit, type Harness } from './setup.js';

describe('events', () => {
  let h: Harness;
  beforeEach(async () => (h = await startKit()));
  afterEach(() => h.stop());

  it('emits typed events after commit, once each, in log order', async () => {
    const acme = await seedAcme(h.kit);
    const received: InboxEvent<'message.received'>[] = [];
    h.kit.events.on('message.received', (e) => received.push(e));
    const result = accepted(await h.kit.ingest({
      workspaceId: acme.acme.id, channelId: acme.supportChannel.id, externalId: 'e1', from: { email: 'c@c.test' }, text: 'x',
    }));
    expect(received).toHaveLength(1);
    expect(received[0]!.data).toMatchObject({ conversationId: result.conversation.id, messageId: result.message.id, createdConversation: true });
    const log = await acme.ws.events.read({ limit: 1000 });
    expect(log.items.at(-1)!.id).toBe(received[0]!.id);
    expect(log.items.map((e) => e.seq)).toEqual(log.items.map((_, i) => i + 1));
  });

  it('a throwing listener does not break the state change', async () => {
    const acme = await seedAcme(h.kit);
    h.kit.events.on('message.received', () => {
      throw new Error('listener bug');
    });
    const result = await h.kit.ingest({
      workspaceId: acme.acme.id, channelId: acme.supportChannel.id, externalId: 'e1', from: { email: 'c@c.test' }, text: 'x',
    });
    expect(result.status).toBe('accepted');
  });

  it('a failed state change emits and logs nothing', async () => {
    const acme = await seedAcme(h.kit);
    const seen: InboxEvent[] = [];
    h.kit.events.on('*', (e) => seen.push(e));
    const before = await acme.ws.events.read({ limit: 1000 });
    await acme.ws.users.create({ name: 'Dup', email: 'kari@acme.test' }).catch(() => undefined);
    expect(seen).toEqual([]);
    expect((await acme.ws.events.read({ after: before.nextCursor })).items).toEqual([]);
  });

  it('reads the log in pages with cursors', async () => {
    const acme = await seedAcme(h.kit);
    const all = await acme.ws.events.read({ limit: 1000 });
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await acme.ws.events.read({ after, limit: 4 });
      if (page.items.length === 0) break;
      paged.push(...page.items.map((e) => e.id));
      after = page.nextCursor;
    }
    expect(paged).toEqual(all.items.map((e) => e.id));
    expect(all.items[0]).toMatchObject({ type: 'workspace.created', workspaceId: acme.acme.id, data: { name: 'Acme' } });
  });
});
