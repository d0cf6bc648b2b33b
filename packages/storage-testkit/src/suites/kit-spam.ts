import { ConflictError, createInboxKit, memoryBlobs, NotFoundError, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

const DAY = 86_400_000;

/** A started kit on the store with a manual clock, a 30-day spam retention, two inboxes and a spam filter. */
async function spamKit(storage: Storage) {
  const clock = manualClock();
  const blobs = memoryBlobs();
  const kit = createInboxKit({ storage, clock, blobs, channels: [createTestChannel()], spamRetentionDays: 30 });
  const workspace = await kit.workspaces.create({ name: 'Spam' });
  const api = kit.workspace(workspace.id);
  const agent = await api.users.create({ name: 'Agent', email: 'agent@spam.kit.test' });
  const support = await api.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
  const sales = await api.inboxes.create({ name: 'Sales' });
  const channel = await api.channels.connect({ inboxId: support.id, type: 'test', name: 'support' });
  await api.filters.create({ inboxId: support.id, domains: ['junk.test'], action: 'spam' });
  let n = 0;
  const ingest = async (from: string, attachment = false) => {
    const result = await kit.ingest({
      workspaceId: workspace.id, channelId: channel.id, externalId: `spam-kit-${++n}`, from: { email: from }, text: 'Hi',
      attachments: attachment ? [{ filename: 'a.txt', content: 'bytes' }] : undefined,
    });
    return { conversation: result.conversation!, message: result.message! };
  };
  const gone = (id: string) => api.conversations.get(id).then(() => false, (e: unknown) => NotFoundError.isInstance(e));
  return { kit, clock, blobs, api, agent, support, sales, ingest, gone };
}

// Spam and moves through a real kit on the store: the purge deletes inside the store's
// transactions, moves take both inboxes' locks.
export const kitSpamSuite = defineSuite('kit spam and moves', (t) => {
  t.test('the background purge deletes spam past the retention with its timeline and bytes; the rest stays', async ({ storage }) => {
    const s = await spamKit(storage);
    try {
      const filtered = await s.ingest('deals@junk.test', true);
      const customer = await s.ingest('nora@customer.test');
      const marked = await s.ingest('ole@customer.test');
      await s.kit.start();
      await s.clock.advance(10 * DAY);
      await s.api.conversations.markSpam(marked.conversation.id, { by: s.agent.id });
      await s.clock.advance(21 * DAY);
      expect(await s.gone(filtered.conversation.id)).toBe(true);
      expect(await storage.timeline.get(s.api.id, filtered.message.id)).toBeNull();
      expect(await s.blobs.get(filtered.message.attachments[0]!.blobKey)).toBeNull();
      expect(await s.gone(marked.conversation.id)).toBe(false);
      expect(await s.gone(customer.conversation.id)).toBe(false);
      await s.clock.advance(10 * DAY);
      expect(await s.gone(marked.conversation.id)).toBe(true);
      const purged = (await s.api.events.read({ limit: 500 })).items.filter((e) => e.type === 'conversation.purged');
      expect(purged.map((e) => e.data)).toEqual([
        { conversationId: filtered.conversation.id, inboxId: s.support.id },
        { conversationId: marked.conversation.id, inboxId: s.support.id },
      ]);
    } finally {
      await s.kit.stop();
    }
  });

  t.test('concurrent markSpam calls record one event; concurrent moves each record theirs or fail with CONFLICT', async ({ storage }) => {
    const s = await spamKit(storage);
    const { conversation } = await s.ingest('nora@customer.test');
    await Promise.all(Array.from({ length: 5 }, () => s.api.conversations.markSpam(conversation.id)));
    const events = async () => (await s.api.events.read({ limit: 500 })).items;
    expect((await events()).filter((e) => e.type === 'conversation.spam.marked')).toHaveLength(1);

    const moves = await Promise.allSettled([s.support.id, s.sales.id, s.sales.id, s.support.id].map((inboxId) => s.api.conversations.move(conversation.id, { inboxId })));
    for (const outcome of moves) if (outcome.status === 'rejected') expect(ConflictError.isInstance(outcome.reason)).toBe(true);
    const moved = (await events()).filter((e) => e.type === 'conversation.moved');
    // Each recorded move starts where the one before it ended, and the last is where it is.
    let at: string = s.support.id;
    for (const event of moved) {
      expect(event.data).toMatchObject({ fromInboxId: at });
      at = (event.data as { toInboxId: string }).toInboxId;
    }
    expect((await s.api.conversations.get(conversation.id)).inboxId).toBe(at);
  });
});
