import { describe, expect, it } from 'vitest';
import { createInboxKit, UnsupportedError, ValidationError, type WorkspaceApi } from '@inboxkit/core';
import { manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { at, useAnalyticsKit } from './analytics-setup.js';

const day = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };

describe('analytics permissions and input', () => {
  const h = useAnalyticsKit();

  /** One answered conversation in each inbox: kari answers in support, sven in sales. */
  async function oneEach() {
    const { acme, ws } = h;
    await h.at('2026-11-02T09:00:00Z');
    const support = await h.incoming('ann@customer.test');
    const sales = await h.incoming('bob@customer.test', { channelId: acme.salesChannel.id });
    await h.at('2026-11-02T09:30:00Z');
    await ws.conversations.reply(support.id, { authorId: acme.kari.id, text: 'Hi' });
    await ws.conversations.reply(sales.id, { authorId: acme.sven.id, text: 'Hi' });
  }

  const repliers = async (api: WorkspaceApi, inboxId?: string) =>
    (await api.analytics.repliesByAgent({ ...day, ...(inboxId ? { inboxId } : {}) })).items.map((row) => row.userId).sort();

  it('agents see the figures of their own inboxes only; admins and the host see all', async () => {
    await oneEach();
    const { ws, admin, kari, ola, sven, supportInbox, salesInbox } = h.acme;
    const everyone = [kari.id, sven.id].sort();
    expect(await repliers(ws)).toEqual(everyone);
    expect(await repliers(ws.asUser(admin.id))).toEqual(everyone);
    // ola is in support through the Tier 2 sub-team; sven is in sales only.
    expect(await repliers(ws.asUser(ola.id))).toEqual([kari.id]);
    expect(await repliers(ws.asUser(sven.id))).toEqual([sven.id]);
    // Asking for an inbox one cannot see gives nothing, as lists do (nothing leaks).
    expect(await repliers(ws.asUser(sven.id), supportInbox.id)).toEqual([]);
    const keys = (await ws.asUser(ola.id).analytics.responseTimes({ ...day, groupBy: 'inbox' })).items.map((g) => g.key);
    expect(keys).toEqual([supportInbox.id]);
    const exported: string[] = [];
    for await (const row of ws.asUser(sven.id).analytics.exportConversations(day)) exported.push(row.inboxId);
    expect(exported).toEqual([salesInbox.id]);
    const volume = await ws.asUser(sven.id).analytics.volume({ ...day, interval: 'day', timeZone: 'UTC' });
    expect(volume.items.map((b) => b.created)).toEqual([1]);
  });

  it('accepts Date or epoch ms for from and to', async () => {
    await oneEach();
    const asMs = await h.ws.analytics.repliesByAgent({ from: day.from.getTime(), to: day.to.getTime() });
    expect(await h.ws.analytics.repliesByAgent(day)).toEqual(asMs);
  });

  it.each([
    ['repliesByAgent: to before from', (api: WorkspaceApi) => api.analytics.repliesByAgent({ from: day.to, to: day.from }), 'to'],
    ['repliesByAgent: from not a time', (api: WorkspaceApi) => api.analytics.repliesByAgent({ from: 'yesterday' as never, to: day.to }), 'from'],
    ['responseTimes: unknown groupBy', (api: WorkspaceApi) => api.analytics.responseTimes({ ...day, groupBy: 'week' as never }), 'groupBy'],
    ['responseTimes: bad inbox hours', (api: WorkspaceApi) => api.analytics.responseTimes({ ...day, groupBy: 'inbox', businessHours: { inboxes: { x: { timeZone: 'Mars/Olympus' } as never } } }), 'businessHours'],
    ['volume: unknown time zone', (api: WorkspaceApi) => api.analytics.volume({ ...day, interval: 'day', timeZone: 'Mars/Olympus' }), 'timeZone'],
    ['volume: too many buckets', (api: WorkspaceApi) => api.analytics.volume({ from: 0, to: at('2026-01-01T00:00:00Z'), interval: 'hour', timeZone: 'UTC' }), 'interval'],
    ['exportConversations: to before from', (api: WorkspaceApi) => api.analytics.exportConversations({ from: day.to, to: day.from }), 'to'],
  ])('%s is a VALIDATION error naming the field', async (_name, call, field) => {
    const error = await (async () => call(h.ws))().catch((e: unknown) => e);
    expect(ValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as ValidationError).issues[0]!.path).toMatch(new RegExp(`^${field}`));
  });

  it('a store without the analytics capability makes every report UNSUPPORTED', async () => {
    const memory = memoryStorage();
    const storage = { ...memory, capabilities: { subscribe: true }, analytics: undefined };
    const kit = createInboxKit({ storage, clock: manualClock(), fallbackEmailDomain: 'in.example.com' });
    const ws = kit.workspace((await kit.workspaces.create({ name: 'Plain' })).id);
    const calls = [
      () => ws.analytics.repliesByAgent(day),
      () => ws.analytics.responseTimes({ ...day, groupBy: 'inbox' }),
      () => ws.analytics.volume({ ...day, interval: 'day', timeZone: 'UTC' }),
      async () => ws.analytics.exportConversations(day),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(UnsupportedError.isInstance(error), String(error)).toBe(true);
    }
    await memory.close();
  });
});
