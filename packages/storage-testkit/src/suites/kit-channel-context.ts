import { createInboxKit, InboxKitError, type ChannelAdapter, type ChannelContext, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

/** A kit with a test channel (sends) and a `mail` adapter whose context the tests drive. */
async function contextOn(storage: Storage) {
  let context: ChannelContext | null = null;
  const mail: ChannelAdapter = {
    specificationVersion: 'v1',
    type: 'mail',
    capabilities: { send: false },
    parseConfig: (config) => ({ ...(config as Record<string, unknown>), parsed: true }),
    async start(ctx) {
      context = ctx;
    },
  };
  const test = createTestChannel();
  const kit = createInboxKit({ storage, channels: [test, mail], clock: manualClock(), fallbackEmailDomain: 'in.conformance.test' });
  await kit.start();
  const ws = await kit.workspaces.create({ name: 'Ctx' });
  const api = kit.workspace(ws.id);
  const agent = await api.users.create({ name: 'Agent', email: 'agent@ctx.test' });
  const inbox = await api.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
  return { kit, api, ws, agent, inbox, test, ctx: context! };
}

// What channel adapters (email) rely on beyond `ingest`: address lookup, an inbox's implicit
// fallback channel, bounces failing an outgoing message, recorded skips. All through the store.
export const kitChannelContextSuite = defineSuite('kit channel context', (t) => {
  t.test('resolveAddress finds an inbox by its fallback address, case-insensitively; unknown is null', async ({ storage }) => {
    const { ctx, ws, inbox } = await contextOn(storage);
    expect(await ctx.resolveAddress(inbox.fallbackAddress.toUpperCase())).toEqual({ workspaceId: ws.id, inboxId: inbox.id, channelId: null });
    expect(await ctx.resolveAddress('nobody@in.conformance.test')).toBeNull();
  });

  t.test('concurrent fallbackChannel calls create one channel and one event; mail lands in the inbox', async ({ storage }) => {
    const { ctx, ws, api, inbox } = await contextOn(storage);
    const channels = await Promise.all(Array.from({ length: 6 }, () => ctx.fallbackChannel({ workspaceId: ws.id, inboxId: inbox.id })));
    expect(new Set(channels.map((c) => c.id)).size).toBe(1);
    expect(channels[0]).toMatchObject({ inboxId: inbox.id, type: 'mail', status: 'active', config: { address: inbox.fallbackAddress, parsed: true } });
    const events = (await api.events.read({ limit: 100 })).items.filter((e) => e.type === 'channel.connected');
    expect(events).toHaveLength(1);
    const result = await ctx.ingest({ workspaceId: ws.id, channelId: channels[0]!.id, externalId: 'm1', from: { email: 'c@ctx.test' }, text: 'hi' });
    expect(result.status === 'accepted' && result.conversation.inboxId).toBe(inbox.id);
    expect(await ctx.findChannel(channels[0]!.id)).toMatchObject({ id: channels[0]!.id, workspaceId: ws.id });
    await expect(ctx.fallbackChannel({ workspaceId: ws.id, inboxId: 'inbox_missing' })).rejects.toSatisfy(
      (e: unknown) => InboxKitError.isInstance(e) && e.code === 'NOT_FOUND',
    );
  });

  t.test('ingestMany through the context: one result per message in order, an invalid one fails alone, a redelivered batch adds nothing', async ({ storage }) => {
    const { ctx, ws, api, inbox } = await contextOn(storage);
    const channel = await ctx.fallbackChannel({ workspaceId: ws.id, inboxId: inbox.id });
    const inbound = (externalId: string, email = 'c@ctx.test') => ({ workspaceId: ws.id, channelId: channel.id, externalId, from: { email }, text: `body ${externalId}` });
    const batch = [inbound('b1'), inbound('b2', 'not an address'), inbound('b3'), inbound('b1')];
    const first = await ctx.ingestMany(batch);
    expect(first.map((r) => r.status)).toEqual(['accepted', 'failed', 'accepted', 'accepted']);
    expect(first[1]!.status === 'failed' && InboxKitError.isInstance(first[1]!.error) && first[1]!.error.code).toBe('VALIDATION');
    expect(first.map((r) => r.status === 'accepted' && r.duplicate)).toEqual([false, false, false, true]);
    const again = await ctx.ingestMany(batch);
    expect(again.map((r) => r.status === 'accepted' && r.duplicate)).toEqual([true, false, true, true]);
    expect((await api.conversations.list()).items).toHaveLength(2);
    await expect(ctx.ingestMany('nope' as never)).rejects.toSatisfy((e: unknown) => InboxKitError.isInstance(e) && e.code === 'VALIDATION');
  });

  t.test('findChannel only sees channels of its own adapter type', async ({ storage }) => {
    const { ctx, api, inbox } = await contextOn(storage);
    const other = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 't' });
    expect(await ctx.findChannel(other.id)).toBeNull();
    expect(await ctx.findChannel('ch_missing')).toBeNull();
  });

  t.test('markDeliveryFailed fails a sent message once, stays in its workspace', async ({ storage }) => {
    const { kit, ctx, ws, api, agent, inbox } = await contextOn(storage);
    const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 't' });
    const inbound = await kit.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'in-1', from: { email: 'c@ctx.test' }, text: 'hi' });
    if (inbound.status !== 'accepted') throw new Error('not accepted');
    const sent = await api.conversations.reply(inbound.conversation.id, { authorId: agent.id, text: 'hello' });
    expect(sent.deliveryStatus).toBe('sent');
    const other = await kit.workspaces.create({ name: 'Other' });
    expect(await ctx.markDeliveryFailed({ workspaceId: other.id, externalId: sent.externalId!, reason: 'x' })).toBeNull();
    expect(await ctx.markDeliveryFailed({ workspaceId: ws.id, externalId: 'in-1', reason: 'incoming is never failed' })).toBeNull();
    const [a, b] = await Promise.all([
      ctx.markDeliveryFailed({ workspaceId: ws.id, externalId: sent.externalId!, reason: '550 5.1.1 user unknown' }),
      ctx.markDeliveryFailed({ workspaceId: ws.id, externalId: sent.externalId!, reason: '550 5.1.1 user unknown' }),
    ]);
    expect(a).toMatchObject({ id: sent.id, deliveryStatus: 'failed', deliveryError: '550 5.1.1 user unknown' });
    expect(b?.deliveryStatus).toBe('failed');
    const timeline = await api.conversations.timeline(inbound.conversation.id);
    expect(timeline.items.find((i) => i.id === sent.id)).toMatchObject({ deliveryStatus: 'failed' });
    const changes = (await api.events.read({ limit: 100 })).items.filter((e) => e.type === 'message.delivery.changed' && (e.data as { status: string }).status === 'failed');
    expect(changes).toHaveLength(1);
  });

  t.test('recordSkip records one message.skipped event per message, however often it is redelivered', async ({ storage }) => {
    const { ctx, ws, api, inbox } = await contextOn(storage);
    const channel = await ctx.fallbackChannel({ workspaceId: ws.id, inboxId: inbox.id });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ctx.recordSkip({ workspaceId: ws.id, channelId: channel.id, externalId: 'auto-1', reason: 'auto-submitted: auto-replied' })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const skipped = (await api.events.read({ limit: 100 })).items.filter((e) => e.type === 'message.skipped');
    expect(skipped.map((e) => e.data)).toEqual([{ channelId: channel.id, externalId: 'auto-1', reason: 'auto-submitted: auto-replied' }]);
    expect((await api.conversations.list()).items).toHaveLength(0);
  });

  t.test('an inbound attachment may reference a blob already stored under its workspace, never another one', async ({ storage }) => {
    const { kit, ws, api, inbox } = await contextOn(storage);
    const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 't' });
    const ref = { blobKey: `${ws.id}/streamed/big.bin`, filename: 'big.bin', contentType: 'application/octet-stream', size: 26_214_400 };
    const result = await kit.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'a1', from: { email: 'c@ctx.test' }, text: 'see attached', attachments: [ref] });
    if (result.status !== 'accepted') throw new Error('not accepted');
    expect(result.message.attachments).toEqual([expect.objectContaining({ ...ref, contentId: null })]);
    const foreign = { ...ref, blobKey: 'ws_other/secret.pdf' };
    await expect(
      kit.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'a2', from: { email: 'c@ctx.test' }, text: 'x', attachments: [foreign] }),
    ).rejects.toThrow(/attachments\[0\]\.blobKey/);
    expect((await api.conversations.list()).items).toHaveLength(1);
  });

  t.test('subjectThreading continues the contact\'s conversation with the same normalized subject in the inbox', async ({ storage }) => {
    const { kit, ws, api, inbox } = await contextOn(storage);
    const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 't' });
    const send = (n: number, email: string, subject: string) =>
      kit.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: `s${n}`, from: { email }, subject, text: 'x', subjectThreading: { windowMs: 86_400_000 } });
    const a = await send(1, 'c@ctx.test', 'Invoice 42');
    const b = await send(2, 'c@ctx.test', 'SV: Re: invoice  42');
    const c = await send(3, 'other@ctx.test', 'Re: Invoice 42');
    if (a.status !== 'accepted' || b.status !== 'accepted' || c.status !== 'accepted') throw new Error('not accepted');
    expect(b.conversation.id).toBe(a.conversation.id);
    expect(c.conversation.id).not.toBe(a.conversation.id);
  });

  t.test('an adapter hears agent typing through its context (what a chat adapter forwards to the visitor)', async ({ storage }) => {
    const { ctx, ws, api, agent, inbox } = await contextOn(storage);
    const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'live' });
    const result = await ctx.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'p1', from: { email: 'c@ctx.test' }, text: 'hi' });
    if (result.status !== 'accepted') throw new Error(result.status);
    const heard: Array<[string, string, string]> = [];
    const unsubscribe = ctx.workspace(ws.id).presence.subscribe((c) => heard.push([c.conversationId, c.userId, c.state]));
    await api.asUser(agent.id).presence.typing(result.conversation.id);
    for (const deadline = Date.now() + 10_000; heard.length === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    expect(heard).toEqual([[result.conversation.id, agent.id, 'typing']]);
    unsubscribe();
  });
});
