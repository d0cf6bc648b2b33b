import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertCalls, mutated, propertyWorld } from './property-harness.js';

type World = Awaited<ReturnType<typeof propertyWorld>>;
/** One API call with a generated input. */
type Case = (world: World) => fc.Arbitrary<() => Promise<unknown>>;

const unique = () => fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${s}-${Math.random().toString(36).slice(2, 8)}`);

// Every create/update input of the workspace API, each from a valid input with hostile parts.
const cases: Record<string, Case> = {
  'workspaces.create': ({ kit }) => mutated({ name: 'W' }).map((input) => () => kit.workspaces.create(input as never)),
  'users.create': ({ ws }) =>
    unique().chain((u) => mutated({ name: 'U', email: `${u.replace(/\W/g, '')}@prop.test`, avatarUrl: 'https://a.test/x.png', meetingLink: 'https://m.test', role: 'agent', capacity: { default: 3 } }))
      .map((input) => () => ws.users.create(input as never)),
  'users.update': ({ ws, ids }) => mutated({ name: 'Ana', availability: 'away', workingHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '09:00', end: '17:00' }] } })
    .map((patch) => () => ws.users.update(ids.ana, patch as never)),
  'teams.create': ({ ws, ids }) => mutated({ name: 'T', memberIds: [ids.ana], parentTeamId: ids.team }).map((input) => () => ws.teams.create(input as never)),
  'teams.update': ({ ws, ids }) => mutated({ name: 'T2', memberIds: [ids.ana, ids.ben] }).map((patch) => () => ws.teams.update(ids.team, patch as never)),
  'inboxes.create': ({ ws, ids }) => mutated({ name: 'I', members: { users: [ids.ana], teams: [ids.team] } }).map((input) => () => ws.inboxes.create(input as never)),
  'inboxes.update': ({ ws, ids }) => mutated({ name: 'I2', members: { users: [ids.ana, ids.ben], teams: [ids.team] } }).map((patch) => () => ws.inboxes.update(ids.inbox, patch as never)),
  'channels.connect': ({ ws, ids }) => mutated({ inboxId: ids.inbox, type: 'test', name: 'c', config: { passwordRef: 'vault/x', canSend: true } })
    .map((input) => () => ws.channels.connect(input as never)),
  'channels.update': ({ ws, ids }) => mutated({ name: 'mail', config: { canSend: true } }).map((patch) => () => ws.channels.update(ids.channel, patch as never)),
  'routing.set': ({ ws, ids }) => mutated({ targets: { users: [ids.ana, ids.ben], teams: [ids.team] }, strategy: 'round-robin', onlyAvailable: true, capacity: 5 })
    .map((rule) => () => ws.routing.set(ids.channel, rule as never)),
  'filters.create': ({ ws, ids }) => mutated({ inboxId: ids.inbox, senders: ['x@spam.test'], domains: ['spam.test'], subjectPatterns: ['^win'], action: 'spam' })
    .map((input) => () => ws.filters.create(input as never)),
  'notifications.setPreferences': ({ ws, ids }) => mutated({ events: { 'conversation.created': false }, inboxes: { [ids.inbox]: { 'comment.mention': true } } })
    .map((prefs) => () => ws.notifications.setPreferences(ids.ana, prefs as never)),
  'contacts.create': ({ ws, ids }) => unique().chain((u) => mutated({ email: `${u.replace(/\W/g, '')}@c.test`, name: 'C', phone: '+47', visitorIds: [u], properties: { plan: 'pro' }, ownerId: ids.ana }))
    .map((input) => () => ws.contacts.create(input as never)),
  'contacts.update': ({ ws, ids }) => mutated({ name: 'C2', properties: { plan: null, seats: 3 }, visitorIds: ['v'], ownerId: ids.ben }).map((patch) => () => ws.contacts.update(ids.contact, patch as never)),
  'conversations.reply': ({ ws, ids }) => mutated({ authorId: ids.ana, text: 'hi', html: '<b>hi</b>', attachments: [{ filename: 'a.txt', content: 'aGk=' }] })
    .map((input) => () => ws.conversations.reply(ids.conversation, input as never)),
  'conversations.comment': ({ ws, ids }) => mutated({ authorId: ids.ana, text: `note @[${ids.ben}]` }).map((input) => () => ws.conversations.comment(ids.conversation, input as never)),
  'conversations.assign': ({ ws, ids }) => mutated({ userId: ids.ben, teamId: ids.team, by: ids.ana }).map((input) => () => ws.conversations.assign(ids.conversation, input as never)),
  'conversations.snooze': ({ ws, ids }) => mutated({ until: Date.UTC(2027, 0, 1), by: ids.ana }).map((input) => () => ws.conversations.snooze(ids.conversation, input as never)),
  'conversations.list': ({ ws, ids }) => mutated({ inboxId: ids.inbox, status: 'open', assignee: 'unassigned', limit: 10 }).map((q) => () => ws.conversations.list(q as never)),
  'conversations.tag': ({ ws, ids }) => mutated({ tagIds: [ids.tag], by: ids.ana }).map((input) => () => ws.conversations.tag(ids.conversation, input as never)),
  'tags.create': ({ ws }) => unique().chain((name) => mutated({ name, color: '#00aa00' })).map((input) => () => ws.tags.create(input as never)),
  'snippets.create': ({ ws, ids }) =>
    unique().chain((u) => mutated({ name: 'S', shortcut: `s${u.toLowerCase().replace(/[^a-z0-9]/g, '')}`, body: 'Hi {{contact.firstName}}', inboxId: ids.inbox }))
      .map((input) => () => ws.snippets.create(input as never)),
  'chatflows.create': ({ ws, ids }) => mutated({
    channelId: ids.chat, name: 'F', type: 'live-chat', priority: 1, profile: { userId: ids.ana },
    targeting: { include: [[{ on: 'url', op: 'contains', value: '/pricing' }]] }, welcomeMessage: 'Hi', triggers: [{ type: 'scroll', percent: 50 }],
  }).map((input) => () => ws.chatflows.create(input as never)),
};

// 10k hostile calls per API, on one growing world.
const RUNS = 10_000;

describe('workspace API create/update inputs under hostile values', () => {
  let world: World;
  beforeAll(async () => {
    world = await propertyWorld();
  });
  afterAll(() => world.stop());

  for (const [name, make] of Object.entries(cases)) {
    it(`${name}: typed errors only, and a failed call writes nothing (${RUNS} cases)`, async () => {
      await assertCalls(world, make(world), RUNS);
    }, 300_000);
  }
});
