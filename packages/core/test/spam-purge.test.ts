import { afterEach, describe, expect, it } from 'vitest';
import { createInboxKit, memoryBlobs, NotFoundError, ValidationError, type InboxKit, type InboxKitOptions } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('spam retention', () => {
  let stop: () => Promise<void> = async () => {};
  afterEach(() => stop());

  async function setup(options: Partial<InboxKitOptions> = {}) {
    const clock: ManualClock = manualClock(Date.UTC(2026, 2, 1));
    const storage = memoryStorage();
    const blobs = memoryBlobs();
    const channel = createTestChannel();
    const kit: InboxKit = createInboxKit({ storage, clock, blobs, channels: [channel], ...options });
    stop = async () => {
      await kit.stop();
      await storage.close();
    };
    const workspace = await kit.workspaces.create({ name: 'Acme' });
    const ws = kit.workspace(workspace.id);
    const inbox = await ws.inboxes.create({ name: 'Support' });
    const test = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'support' });
    await ws.filters.create({ inboxId: inbox.id, domains: ['spam.test'], action: 'spam' });
    let n = 0;
    const ingest = async (from: string, extra: { threadRefs?: string[]; attachment?: boolean; externalId?: string } = {}) => {
      const result = await kit.ingest({
        workspaceId: workspace.id, channelId: test.id, externalId: extra.externalId ?? `m${++n}@x`, from: { email: from }, subject: 'Hi', text: 'Hi',
        threadRefs: extra.threadRefs,
        attachments: extra.attachment ? [{ filename: 'a.txt', contentType: 'text/plain', content: 'bytes' }] : undefined,
      });
      return { ...result.conversation!, messageId: result.message!.id, blobKey: result.message!.attachments[0]?.blobKey };
    };
    const exists = (id: string) => ws.conversations.get(id).then(() => true, (e: unknown) => (NotFoundError.isInstance(e) ? false : Promise.reject(e)));
    return { kit, clock, storage, blobs, ws, inbox, ingest, exists };
  }

  it('purges spam older than the retention with its timeline and attachment bytes, on the kit clock', async () => {
    const s = await setup({ spamRetentionDays: 30 });
    const filtered = await s.ingest('deals@spam.test', { attachment: true });
    const customer = await s.ingest('nora@customer.test');
    await s.kit.start();
    await s.clock.advance(10 * DAY);
    const marked = await s.ingest('ole@customer.test');
    await s.ws.conversations.markSpam(marked.id);
    const released = await s.ingest('more@spam.test');
    await s.ws.conversations.notSpam(released.id);
    expect(await s.blobs.get(filtered.blobKey!)).not.toBeNull();

    await s.clock.advance(20 * DAY - HOUR);
    expect(await s.exists(filtered.id)).toBe(true);
    await s.clock.advance(2 * HOUR);
    expect(await s.exists(filtered.id)).toBe(false);
    expect(await s.storage.timeline.get(s.ws.id, filtered.messageId)).toBeNull();
    expect(await s.blobs.get(filtered.blobKey!)).toBeNull();
    expect((await s.ws.events.read({ limit: 500 })).items.filter((e) => e.type === 'conversation.purged').map((e) => e.data)).toEqual([
      { conversationId: filtered.id, inboxId: s.inbox.id },
    ]);
    // Marked by hand ten days later: its thirty days are not over. Normal and released ones stay.
    expect(await s.exists(marked.id)).toBe(true);
    await s.clock.advance(10 * DAY);
    expect(await s.exists(marked.id)).toBe(false);
    expect(await s.exists(customer.id)).toBe(true);
    expect(await s.exists(released.id)).toBe(true);
    expect((await s.ws.conversations.list({ spam: true })).items).toEqual([]);
  });

  it('keeps spam that keeps getting mail until it has been quiet for the retention', async () => {
    const s = await setup({ spamRetentionDays: 30 });
    await s.kit.start();
    // Filtered mail always opens a new spam conversation; a thread marked by hand gets replies.
    const spam = await s.ingest('pushy@customer.test', { externalId: 'first@customer.test' });
    await s.ws.conversations.markSpam(spam.id);
    await s.clock.advance(20 * DAY);
    const again = await s.ingest('pushy@customer.test', { threadRefs: ['first@customer.test'] });
    expect(again.id).toBe(spam.id);
    await s.clock.advance(15 * DAY);
    expect(await s.exists(spam.id)).toBe(true);
    await s.clock.advance(16 * DAY);
    expect(await s.exists(spam.id)).toBe(false);
    // Its external ids went with it: the same message ingested again is new, not a duplicate.
    const returned = await s.kit.ingest({ workspaceId: s.ws.id, channelId: spam.channelId, externalId: 'first@customer.test', from: { email: 'pushy@customer.test' }, text: 'Hi' });
    expect(returned).toMatchObject({ status: 'accepted', duplicate: false, created: true });
  });

  it('defaults to 90 days; null keeps spam forever', async () => {
    const s = await setup();
    const spam = await s.ingest('deals@spam.test');
    await s.kit.start();
    await s.clock.advance(89 * DAY);
    expect(await s.exists(spam.id)).toBe(true);
    await s.clock.advance(2 * DAY);
    expect(await s.exists(spam.id)).toBe(false);
    await stop();

    const forever = await setup({ spamRetentionDays: null });
    const kept = await forever.ingest('deals@spam.test');
    await forever.kit.start();
    await forever.clock.advance(3650 * DAY);
    expect(await forever.exists(kept.id)).toBe(true);
  });

  it.each([0, 1.5, -3, 40_000, '90'])('refuses spamRetentionDays %s', (value) => {
    const error = (() => {
      try {
        createInboxKit({ storage: memoryStorage(), spamRetentionDays: value as number });
      } catch (e) {
        return e;
      }
    })();
    expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path)).toEqual(['spamRetentionDays']);
  });
});
