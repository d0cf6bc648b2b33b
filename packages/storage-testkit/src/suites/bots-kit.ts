import { createInboxKit, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

const TRIALS = 5;

/** A kit on the store with a chat channel, a bot chatflow (question → handoff to the agent) and a visitor's conversation factory. */
async function botKitOn(storage: Storage) {
  const chat = createTestChannel({ type: 'chat' });
  const kit = createInboxKit({ storage, channels: [chat], clock: manualClock() });
  await kit.start();
  const ws = await kit.workspaces.create({ name: 'Bots' });
  const api = kit.workspace(ws.id);
  const agent = await api.users.create({ name: 'Agent', email: 'agent@bots.test' });
  const inbox = await api.inboxes.create({ name: 'Site', members: { users: [agent.id] } });
  const channel = await api.channels.connect({ inboxId: inbox.id, type: 'chat', name: 'site' });
  const bot = await api.chatflows.create({
    channelId: channel.id,
    name: 'Bot',
    type: 'bot',
    bot: {
      steps: [
        { id: 'ask', type: 'question', text: 'Your email?', validation: { type: 'email' }, setContactProperty: 'email', next: 'human' },
        { id: 'human', type: 'handoff', text: 'One moment.', to: { userId: agent.id } },
      ],
    },
  });
  let visitors = 0;
  const conversation = async () => {
    const n = visitors++;
    const result = await chat.push({ workspaceId: ws.id, channelId: channel.id, from: { visitorId: `v${n}` }, text: 'hi', origin: { kind: 'chatflow', id: bot.id } });
    return result.conversation!.id;
  };
  return { kit, api, agent, bot, conversation };
}

// The bot runtime through a real kit on the store: its one-transaction turns and the
// conversation row lock that serializes turns of one conversation, across connections.
export const botsKitSuite = defineSuite('bots kit', (t) => {
  t.test('concurrent starts of one conversation start one session (repeated trials)', async ({ storage, skip }) => {
    if (!storage.capabilities.bots) skip('store has no bots capability');
    const { kit, api, bot, conversation } = await botKitOn(storage);
    for (let trial = 0; trial < TRIALS; trial++) {
      const conversationId = await conversation();
      const turns = await Promise.all(Array.from({ length: 4 }, () => api.bots.start({ conversationId, chatflowId: bot.id })));
      expect(new Set(turns.map((x) => x.session.id)).size).toBe(1);
      expect(turns.filter((x) => !x.duplicate)).toHaveLength(1);
      const items = (await api.conversations.timeline(conversationId)).items;
      expect(items.filter((i) => i.kind === 'message' && i.author.type === 'bot')).toHaveLength(1);
    }
    await kit.stop();
  });

  t.test('concurrent deliveries of one input advance the bot once and hand off once (repeated trials)', async ({ storage, skip }) => {
    if (!storage.capabilities.bots) skip('store has no bots capability');
    const { kit, api, agent, bot, conversation } = await botKitOn(storage);
    for (let trial = 0; trial < TRIALS; trial++) {
      const conversationId = await conversation();
      await api.bots.start({ conversationId, chatflowId: bot.id });
      const turns = await Promise.all(Array.from({ length: 4 }, () => api.bots.input({ conversationId, inputId: 'msg-1', text: `v${trial}@bots.test` })));
      expect(turns.filter((x) => !x.duplicate)).toHaveLength(1);
      expect(turns.every((x) => x.handedOff)).toBe(true);
      const session = (await api.bots.session(conversationId))!;
      expect(session).toMatchObject({ status: 'handed-off', transitions: 3 });
      expect((await api.bots.transitions(session.id)).map((x) => x.index)).toEqual([0, 1, 2]);
      expect((await api.conversations.get(conversationId)).assigneeId).toBe(agent.id);
      const events = await api.events.read({ limit: 500 });
      expect(events.items.filter((e) => e.type === 'bot.handoff' && (e.data as { conversationId: string }).conversationId === conversationId)).toHaveLength(1);
    }
    await kit.stop();
  });
});
