import { createInboxKit, type BotDefinitionInput, type InboxEvent, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

const START = Date.UTC(2026, 10, 2, 9, 0, 0);

/** Greets, asks for an email (saved on the contact) and a topic, then routes sales to a team and ends otherwise. */
export const leadBot = (salesTeamId: string, olaId: string): BotDefinitionInput => ({
  steps: [
    { id: 'hello', type: 'message', text: 'Hi! I am the Acme bot.', next: 'email' },
    { id: 'email', type: 'question', text: 'What is your email?', validation: { type: 'email' }, setContactProperty: 'email', next: 'size' },
    { id: 'size', type: 'question', text: 'How many seats?', validation: { type: 'number', min: 1, integer: true }, setContactProperty: 'seats', next: 'topic' },
    {
      id: 'topic',
      type: 'question',
      text: 'What is it about?',
      validation: { type: 'options', options: [{ label: 'Sales' }, { label: 'Billing' }, { label: 'Nothing' }] },
      next: 'route',
    },
    {
      id: 'route',
      type: 'branch',
      branches: [
        { when: [{ source: 'answer', stepId: 'topic', op: 'is', value: 'Sales' }], next: 'to-sales' },
        { when: [{ source: 'answer', stepId: 'topic', op: 'is', value: 'Billing' }], next: 'to-ola' },
      ],
      otherwise: 'bye',
    },
    { id: 'to-sales', type: 'handoff', text: 'Connecting you with sales.', to: { teamId: salesTeamId } },
    { id: 'to-ola', type: 'handoff', text: 'Ola will help.', to: { userId: olaId } },
    { id: 'bye', type: 'end', text: 'Bye!' },
  ],
});

/** A started kit with a chat channel, a lead bot chatflow and a routing rule to Kari. */
export async function botSetup(storage: Storage = memoryStorage()) {
  const clock = manualClock(START);
  const chat = createTestChannel({ type: 'chat' });
  const kit = createInboxKit({ storage, clock, channels: [chat] });
  await kit.start();
  const events: InboxEvent[] = [];
  kit.events.on('*', (e) => events.push(e));
  const { id } = await kit.workspaces.create({ name: 'Acme' });
  const ws = kit.workspace(id);
  const kari = await ws.users.create({ name: 'Kari', email: 'kari@acme.test' });
  const ola = await ws.users.create({ name: 'Ola', email: 'ola@acme.test' });
  const outsider = await ws.users.create({ name: 'Out', email: 'out@acme.test' });
  const sales = await ws.teams.create({ name: 'Sales', memberIds: [kari.id] });
  const inbox = await ws.inboxes.create({ name: 'Site', members: { users: [kari.id, ola.id] } });
  const site = await ws.channels.connect({ inboxId: inbox.id, type: 'chat', name: 'acme.com' });
  const bot = await ws.chatflows.create({ channelId: site.id, name: 'Leads', type: 'bot', bot: leadBot(sales.id, ola.id) });
  await ws.routing.set(site.id, { targets: { users: [kari.id] }, strategy: 'round-robin' });
  /** A visitor opens the bot: their first message creates the conversation (not routed while the bot runs). */
  const open = async (visitorId = 'v1') => {
    const result = await chat.push({ workspaceId: id, channelId: site.id, from: { visitorId }, text: 'hello', origin: { kind: 'chatflow', id: bot.id } });
    return result.conversation!;
  };
  return { kit, storage, clock, events, ws, workspaceId: id, kari, ola, outsider, sales, inbox, site, bot, chat, open };
}

/** What `botSetup` returns. */
export type BotSetup = Awaited<ReturnType<typeof botSetup>>;
