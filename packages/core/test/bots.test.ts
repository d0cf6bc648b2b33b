import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInboxKit, type ChannelAdapter, type ChannelContext, type Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { botSetup, type BotSetup } from './bots-setup.js';

let t: BotSetup;
beforeEach(async () => {
  t = await botSetup();
});
afterEach(() => t.kit.stop());

describe('ws.bots', () => {
  it('runs message → question on start, stores bot messages and records the start', async () => {
    const conversation = await t.open();
    expect(conversation.assigneeId).toBeNull(); // the bot holds it: no routing at ingest
    const turn = await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    expect(turn.messages.map((m) => [m.stepId, m.text])).toEqual([
      ['hello', 'Hi! I am the Acme bot.'],
      ['email', 'What is your email?'],
    ]);
    expect(turn.session).toMatchObject({ status: 'waiting', transitions: 2, state: { stepId: 'email' } });
    const timeline = await t.ws.conversations.timeline(conversation.id);
    const botItems = timeline.items.filter((i) => i.kind === 'message' && i.author.type === 'bot');
    expect(botItems.map((i) => i.id)).toEqual(turn.messages.map((m) => m.id));
    expect(botItems[0]).toMatchObject({ direction: 'outgoing', author: { type: 'bot', id: t.bot.id }, deliveryStatus: 'sent' });
    await t.kit.idle();
    expect(t.events.filter((e) => e.type.startsWith('bot.')).map((e) => e.type)).toEqual(['bot.session.started', 'bot.step']);
    expect(t.chat.sent).toEqual([]); // bot messages are shown by the adapter, never sent through the outbox
  });

  it('re-asks after an invalid answer, saves valid answers on the contact, and ends', async () => {
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    const bad = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm1', text: 'not an email' });
    expect(bad.messages.map((m) => m.stepId)).toEqual(['email', 'email']);
    expect(bad.session.state.stepId).toBe('email');
    await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm2', text: 'Visitor@Example.COM' });
    const seats = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm3', text: '12' });
    expect(seats.messages[0]).toMatchObject({ stepId: 'topic', quickReplies: ['Sales', 'Billing', 'Nothing'] });
    const contact = await t.ws.contacts.get(conversation.contactId);
    expect(contact).toMatchObject({ email: 'visitor@example.com', properties: { seats: 12 } });
    const end = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm4', text: 'nothing' });
    expect(end).toMatchObject({ completed: true, handedOff: false, session: { status: 'completed' } });
    expect(end.messages.map((m) => m.text)).toEqual(['Bye!']);
    expect(end.conversation.assigneeId).toBeNull();
    const vias = (await t.ws.bots.transitions(end.session.id)).map((tr) => `${tr.from}>${tr.to}:${tr.via}`);
    expect(vias).toEqual([
      'null>hello:start',
      'hello>email:next',
      'email>email:reask',
      'email>size:answer',
      'size>topic:answer',
      'topic>route:answer',
      'route>bye:branch',
      'bye>null:end',
    ]);
    // Over: further input changes nothing.
    const after = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm5', text: 'hello?' });
    expect(after).toMatchObject({ messages: [], duplicate: false, session: { status: 'completed', transitions: 8 } });
  });

  it('does not take an email another contact has: the bot moves on, the contact keeps its own', async () => {
    await t.ws.contacts.create({ email: 'taken@acme.test', name: 'Someone else' });
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    const turn = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm1', text: 'Taken@acme.test' });
    expect(turn.session.state).toMatchObject({ stepId: 'size', answers: { email: 'taken@acme.test' } });
    expect((await t.ws.contacts.get(conversation.contactId)).email).toBeNull();
    await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm2', text: '4' });
    await t.kit.idle();
    const updates = t.events.filter((e) => e.type === 'contact.updated' && (e.data as { contactId: string }).contactId === conversation.contactId);
    expect(updates.map((e) => (e.data as { fields: string[] }).fields)).toEqual([['properties']]);
  });

  it('hands off to the step’s team (live chat, routed) and records bot.handoff', async () => {
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    for (const [i, text] of ['a@b.test', '3', 'Sales'].entries()) await t.ws.bots.input({ conversationId: conversation.id, inputId: `m${i}`, text });
    const stored = (await t.ws.conversations.get(conversation.id))!;
    expect(stored).toMatchObject({ assigneeId: t.kari.id, teamId: t.sales.id });
    await t.kit.idle();
    const handoff = t.events.find((e) => e.type === 'bot.handoff');
    expect(handoff?.data).toMatchObject({ to: { teamId: t.sales.id }, assigneeId: t.kari.id, teamId: t.sales.id });
  });

  it('hands off to the step’s user even when the channel rule names someone else', async () => {
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    let turn;
    for (const [i, text] of ['a@b.test', '3', 'billing'].entries()) turn = await t.ws.bots.input({ conversationId: conversation.id, inputId: `m${i}`, text });
    expect(turn).toMatchObject({ handedOff: true, completed: false, conversation: { assigneeId: t.ola.id }, session: { status: 'handed-off' } });
    expect(turn!.messages.map((m) => m.text)).toEqual(['Ola will help.']);
  });

  it('is idempotent by inputId: a retried message does not advance twice and replays the same messages', async () => {
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    const first = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm1', text: 'a@b.test' });
    const again = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm1', text: 'a@b.test' });
    expect(again.duplicate).toBe(true);
    expect(again.messages).toEqual(first.messages);
    expect(again.session).toEqual(first.session);
    const restart = await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    expect(restart).toMatchObject({ duplicate: true, session: { id: first.session.id } });
    expect(restart.messages.map((m) => m.stepId)).toEqual(['hello', 'email']);
    const timeline = await t.ws.conversations.timeline(conversation.id);
    expect(timeline.items.filter((i) => i.kind === 'message' && i.author.type === 'bot')).toHaveLength(3);
  });

  it('serializes concurrent inputs of one conversation: each id advances once', async () => {
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    const turns = await Promise.all([1, 2, 3].map(() => t.ws.bots.input({ conversationId: conversation.id, inputId: 'same', text: 'a@b.test' })));
    expect(turns.filter((x) => !x.duplicate)).toHaveLength(1);
    expect((await t.ws.bots.session(conversation.id))!.state.stepId).toBe('size');
  });

  it('starts a new session when the visitor re-enters a finished bot', async () => {
    const conversation = await t.open();
    const first = await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    for (const [i, text] of ['a@b.test', '3', 'nothing'].entries()) await t.ws.bots.input({ conversationId: conversation.id, inputId: `m${i}`, text });
    await t.clock.advance(1000);
    const second = await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    expect(second.duplicate).toBe(false);
    expect(second.session.id).not.toBe(first.session.id);
    expect((await t.ws.bots.session(conversation.id))!.id).toBe(second.session.id);
  });

  it('rejects chatflows that are not bots of the conversation’s channel', async () => {
    const conversation = await t.open();
    const live = await t.ws.chatflows.create({ channelId: t.site.id, name: 'Live', type: 'live-chat' });
    await expect(t.ws.bots.start({ conversationId: conversation.id, chatflowId: live.id })).rejects.toMatchObject({ code: 'VALIDATION', message: /chatflowId.*not a bot/ });
    await expect(t.ws.bots.start({ conversationId: conversation.id, chatflowId: 'chf_nope' })).rejects.toMatchObject({ code: 'VALIDATION', message: /chatflowId/ });
    await expect(t.ws.bots.input({ conversationId: conversation.id, inputId: 'x', text: 'hi' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.ws.bots.input({ conversationId: conversation.id, inputId: '', text: 'hi' })).rejects.toMatchObject({ code: 'VALIDATION', message: /inputId/ });
    const typo = { conversationId: conversation.id, chatflowID: t.bot.id } as unknown as Parameters<typeof t.ws.bots.start>[0];
    await expect(t.ws.bots.start(typo)).rejects.toMatchObject({ code: 'VALIDATION', message: /chatflow/i });
  });

  it('keeps workspaces apart and agents to their inboxes', async () => {
    const conversation = await t.open();
    const other = await t.kit.workspaces.create({ name: 'Other' });
    const ows = t.kit.workspace(other.id);
    await expect(ows.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.ws.asUser(t.outsider.id).bots.start({ conversationId: conversation.id, chatflowId: t.bot.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const turn = await t.ws.asUser(t.kari.id).bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    await expect(ows.bots.transitions(turn.session.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ows.bots.session(conversation.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('hands off through routing when the bot was deleted mid-session', async () => {
    const conversation = await t.open();
    await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
    await t.ws.chatflows.delete(t.bot.id);
    const turn = await t.ws.bots.input({ conversationId: conversation.id, inputId: 'm1', text: 'a@b.test' });
    expect(turn).toMatchObject({ handedOff: true, conversation: { assigneeId: t.kari.id } });
  });

  it('throws UNSUPPORTED on a store without bot sessions', async () => {
    const base = memoryStorage();
    const { bots: _bots, ...withoutBots } = base as Storage & { bots?: unknown };
    const plain = await botSetup({ ...withoutBots, capabilities: { subscribe: false } } as Storage);
    const conversation = await plain.open();
    await expect(plain.ws.bots.start({ conversationId: conversation.id, chatflowId: plain.bot.id })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await plain.kit.stop();
  });

  it('is reachable by channel adapters through their context', async () => {
    const conversation = await t.open();
    let context: ChannelContext | null = null;
    const spy: ChannelAdapter = {
      specificationVersion: 'v1',
      type: 'spy',
      capabilities: { send: false },
      parseConfig: (config) => config as Record<string, unknown>,
      async start(c) {
        context = c;
      },
    };
    const second = createInboxKit({ storage: t.storage, clock: t.clock, channels: [spy] });
    await second.start();
    const bots = (context as ChannelContext | null)!.bots;
    const started = await bots.start({ workspaceId: t.workspaceId, conversationId: conversation.id, chatflowId: t.bot.id });
    const turn = await bots.input({ workspaceId: t.workspaceId, conversationId: conversation.id, inputId: 'm1', text: 'a@b.test' });
    expect(turn.session.id).toBe(started.session.id);
    expect(turn.messages.map((m) => m.text)).toEqual(['How many seats?']);
    await expect(bots.input({ workspaceId: 'ws_other', conversationId: conversation.id, inputId: 'm2', text: '1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await second.stop();
  });
});
