import { chatflowSchema, type Chatflow, type Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { byId, collectPages, idsOf } from '../helpers.js';
import { seedWorld, type World } from '../seed.js';

// What chatflows ask of a store (core's `chatflows/` relies on exactly this): chatflows are
// records listed by `channelId`, and every change writes a version token under the state key
// below in the same transaction, which `match` reads to know when to recompile.

const versionKey = (channelId: string) => `chatflows:version:${channelId}`;

/** A chat channel in the world's inbox. */
async function chatChannel(storage: Storage, world: World): Promise<string> {
  const channel = fixtures.channel(world.workspace, { inboxId: world.inbox.id, type: 'chat', name: 'acme.example.com', config: {} });
  await storage.records.put('channel', channel);
  return channel.id;
}

/** A chatflow using every nested shape a store must keep intact; validated by core's schema. */
function chatflow(world: World, channelId: string, overrides: Partial<Chatflow> = {}): Chatflow {
  return chatflowSchema.parse({
    id: fixtures.id('cf'),
    workspaceId: world.workspace.id,
    channelId,
    name: 'Pricing — ünïcode ✓',
    type: 'bot',
    enabled: true,
    priority: -3,
    targeting: {
      include: [
        [
          { on: 'url', op: 'matchesRegex', value: '^https://acme\\.example\\.com/(pricing|plans)/\\d+$' },
          { on: 'query', name: 'utm_source', op: 'present' },
        ],
        [{ on: 'visitor', property: 'contactProperty', name: 'plan', op: 'is', value: 'pro' }],
      ],
      exclude: [[{ on: 'visitor', property: 'device', op: 'is', value: 'mobile' }]],
    },
    triggers: [{ type: 'scroll', percent: 50 }, { type: 'exitIntent' }],
    welcomeMessage: 'Hi! "Quotes", \\backslashes\\ and\nnew lines',
    profile: { teamId: 'team_sales' },
    availability: {
      officeHours: { timeZone: 'Europe/Oslo', weekly: [{ day: 1, start: '09:00', end: '17:00' }], exceptions: [{ date: '2026-12-24', intervals: [] }] },
      awayMessage: null,
      typicalReplyTime: 'hours',
      collectEmailWhenAway: false,
    },
    bot: {
      steps: [
        { id: 'size', type: 'question', text: 'Team size?', validation: { type: 'number', min: 1, integer: true }, setContactProperty: 'teamSize', next: 'route' },
        { id: 'route', type: 'branch', branches: [{ when: [{ source: 'answer', stepId: 'size', op: 'gte', value: 50 }], next: 'sales' }], otherwise: 'done' },
        { id: 'sales', type: 'handoff', to: { teamId: 'team_sales' } },
        { id: 'done', type: 'end', text: null },
      ],
    },
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...overrides,
  });
}

export const chatflowsSuite = defineSuite('chatflows', (t) => {
  t.test('a chatflow round-trips exactly: nested targeting, bot steps, office hours, nulls, escapes and unicode', async ({ storage }) => {
    const world = await seedWorld(storage);
    const flow = chatflow(world, await chatChannel(storage, world));
    await storage.records.put('chatflow', flow);
    expect(await storage.records.get(world.workspace.id, 'chatflow', flow.id)).toEqual(flow);
  });

  t.test('the chatflows of a channel are listed by channelId in id order, across pages; delete removes one', async ({ storage }) => {
    const world = await seedWorld(storage);
    const [site, other] = [await chatChannel(storage, world), await chatChannel(storage, world)];
    const mine = Array.from({ length: 5 }, (_, i) => chatflow(world, site, { priority: i }));
    for (const flow of [...mine, chatflow(world, other), chatflow(world, other)]) await storage.records.put('chatflow', flow);
    const ws = world.workspace.id;
    const list = (cursor: string | null) => storage.records.list(ws, 'chatflow', { where: { channelId: site }, cursor, limit: 2 });
    expect(idsOf((await collectPages(list, 2)).items)).toEqual(idsOf([...mine].sort(byId)));
    expect(await storage.records.delete(ws, 'chatflow', mine[0]!.id)).toBe(true);
    expect(await storage.records.delete(ws, 'chatflow', mine[0]!.id)).toBe(false);
    expect(idsOf((await storage.records.list(ws, 'chatflow', { where: { channelId: site } })).items)).toEqual(idsOf(mine.slice(1).sort(byId)));
  });

  t.test('a change and its channel version commit together, or not at all', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const site = await chatChannel(storage, world);
    const flow = chatflow(world, site);
    await storage.transaction(async (tx) => {
      await tx.records.put('chatflow', flow);
      await tx.state.put(ws, versionKey(site), 'cfv_1');
    });
    const failed = storage.transaction(async (tx) => {
      await tx.records.put('chatflow', { ...flow, enabled: false });
      await tx.state.put(ws, versionKey(site), 'cfv_2');
      throw new Error('validation failed after the writes');
    });
    await expect(failed).rejects.toThrow('validation failed after the writes');
    expect(await storage.state.get(ws, versionKey(site))).toBe('cfv_1');
    expect(await storage.records.get(ws, 'chatflow', flow.id)).toEqual(flow);
  });

  t.test('the version read after a commit is the latest written, per channel and per workspace', async ({ storage }) => {
    const world = await seedWorld(storage);
    const elsewhere = await seedWorld(storage, 'Globex');
    const [a, b] = [await chatChannel(storage, world), await chatChannel(storage, world)];
    for (const version of ['cfv_1', 'cfv_2', 'cfv_3']) await storage.transaction((tx) => tx.state.put(world.workspace.id, versionKey(a), version));
    await storage.state.put(world.workspace.id, versionKey(b), 'cfv_b');
    expect(await storage.state.get(world.workspace.id, versionKey(a))).toBe('cfv_3');
    expect(await storage.state.get(world.workspace.id, versionKey(b))).toBe('cfv_b');
    expect(await storage.state.get(elsewhere.workspace.id, versionKey(a))).toBeNull();
  });
});
