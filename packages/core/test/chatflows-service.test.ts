import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInboxKit, ForbiddenError, NotFoundError, ValidationError, type CreateChatflowInput, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

// Monday 2026-01-05 09:30 in Oslo (UTC+1).
const MONDAY_MORNING = Date.UTC(2026, 0, 5, 8, 30);

/**
 * The chatflows API of one "process": its own kit (so its own compiled-rules cache) on a
 * shared store, counting how often it lists chatflows.
 */
function processOn(storage: Storage, clock: ReturnType<typeof manualClock>, workspaceId: string) {
  const reads = { chatflowLists: 0 };
  const records = {
    ...storage.records,
    list: ((...args: Parameters<Storage['records']['list']>) => {
      if (args[1] === 'chatflow') reads.chatflowLists++;
      return storage.records.list(...args);
    }) as Storage['records']['list'],
  };
  const counted: Storage = { ...storage, records };
  const kit = createInboxKit({ storage: counted, clock, channels: [createTestChannel({ type: 'chat' }), createTestChannel({ type: 'email' })] });
  const ws = kit.workspace(workspaceId);
  const as = (actorId: string | null) => (actorId ? ws.asUser(actorId) : ws).chatflows;
  return { reads, api: as(null), as };
}

async function setup() {
  const storage = memoryStorage();
  const clock = manualClock(MONDAY_MORNING);
  const kit = createInboxKit({ storage, clock, channels: [createTestChannel({ type: 'chat' }), createTestChannel({ type: 'email' })] });
  const { id } = await kit.workspaces.create({ name: 'Acme' });
  const ws = kit.workspace(id);
  const kari = await ws.users.create({ name: 'Kari', email: 'kari@acme.test', avatarUrl: 'https://cdn.acme.test/kari.png', meetingLink: 'https://meet.acme.test/kari' });
  const sales = await ws.teams.create({ name: 'Sales', memberIds: [kari.id] });
  const support = await ws.inboxes.create({ name: 'Support', members: { users: [kari.id] } });
  const other = await ws.inboxes.create({ name: 'Other' });
  const site = await ws.channels.connect({ inboxId: support.id, type: 'chat', name: 'acme.com' });
  const mail = await ws.channels.connect({ inboxId: support.id, type: 'email', name: 'support@acme.test' });
  const hidden = await ws.channels.connect({ inboxId: other.id, type: 'chat', name: 'other.com' });
  return { storage, clock, ws, kari, sales, site, mail, hidden, ...processOn(storage, clock, id), other: () => processOn(storage, clock, id) };
}

type Setup = Awaited<ReturnType<typeof setup>>;
let t: Setup;
beforeEach(async () => {
  t = await setup();
});

const pricing = (): CreateChatflowInput => ({
  channelId: t.site.id,
  name: 'Pricing',
  type: 'live-chat',
  targeting: { include: [[{ on: 'url', op: 'startsWith', value: '/pricing' }]] },
  triggers: [{ type: 'timeOnPage', seconds: 10 }],
  profile: { userId: t.kari.id },
});

async function failure(promise: Promise<unknown>) {
  return promise.then(() => null, (error: unknown) => error);
}

describe('chatflow CRUD', () => {
  it('creates with defaults, reads, lists by channel, updates and deletes — each change an event', async () => {
    const created = await t.api.create(pricing());
    expect(created).toMatchObject({ channelId: t.site.id, enabled: true, priority: 0, welcomeMessage: null, bot: null, targeting: { exclude: [] } });
    await t.api.create({ ...pricing(), channelId: t.hidden.id, name: 'Elsewhere' });
    expect(await t.api.get(created.id)).toEqual(created);
    expect((await t.api.list({ channelId: t.site.id })).items.map((c) => c.id)).toEqual([created.id]);
    const updated = await t.api.update(created.id, { welcomeMessage: 'Questions about plans?', enabled: false });
    expect(updated).toMatchObject({ welcomeMessage: 'Questions about plans?', enabled: false, name: 'Pricing', triggers: created.triggers });
    await t.api.delete(created.id);
    expect(NotFoundError.isInstance(await failure(t.api.get(created.id)))).toBe(true);
    const events = (await t.ws.events.read()).items.filter((e) => e.type.startsWith('chatflow.'));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['chatflow.created', { chatflowId: created.id, channelId: t.site.id }],
      ['chatflow.created', expect.objectContaining({ channelId: t.hidden.id })],
      ['chatflow.updated', { chatflowId: created.id, channelId: t.site.id, fields: ['enabled', 'welcomeMessage'] }],
      ['chatflow.deleted', { chatflowId: created.id, channelId: t.site.id }],
    ]);
  });

  it.each([
    ['an unknown profile user', () => ({ ...pricing(), profile: { userId: 'usr_gone' } }), 'profile.userId', 'unknown user "usr_gone"'],
    ['an unknown profile team', () => ({ ...pricing(), profile: { teamId: 'team_gone' } }), 'profile.teamId', 'unknown team "team_gone"'],
    [
      'an unsafe pattern in the second condition',
      () => ({ ...pricing(), targeting: { include: [[{ on: 'url', op: 'contains', value: '/a' }, { on: 'url', op: 'matchesRegex', value: '(a+)+$' }]] } }),
      'targeting.include[0][1].value',
      'backtrack exponentially',
    ],
    ['an empty group', () => ({ ...pricing(), targeting: { include: [[]] } }), 'targeting.include[0]', 'at least one condition'],
    ['a bot type without a bot', () => ({ ...pricing(), type: 'bot' }), 'bot', 'needs a bot definition'],
    [
      'a bot handing off to an unknown team',
      () => ({ ...pricing(), type: 'bot', bot: { steps: [{ id: 'hi', type: 'message', text: 'Hi', next: 'h' }, { id: 'h', type: 'handoff', to: { teamId: 'team_gone' } }] } }),
      'bot.steps[1].to.teamId',
      'unknown team',
    ],
    ['an email channel', () => ({ ...pricing(), channelId: t.mail.id }), 'channelId', 'chatflows need a chat channel'],
  ] as const)('refuses %s with VALIDATION at the field', async (_case, input, path, message) => {
    const error = await failure(t.api.create(input() as CreateChatflowInput));
    expect(ValidationError.isInstance(error) && error.issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('refuses an unknown channel as NOT_FOUND and re-validates a patch against the whole chatflow', async () => {
    expect(NotFoundError.isInstance(await failure(t.api.create({ ...pricing(), channelId: 'ch_gone' })))).toBe(true);
    const created = await t.api.create(pricing());
    const error = await failure(t.api.update(created.id, { type: 'bot' }));
    expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path)).toEqual(['bot']);
    expect(NotFoundError.isInstance(await failure(t.api.update('cf_gone', { name: 'x' })))).toBe(true);
  });

  it('reorders a channel: first listed wins, every chatflow exactly once', async () => {
    const [a, b, c] = [await t.api.create({ ...pricing(), name: 'A' }), await t.api.create({ ...pricing(), name: 'B' }), await t.api.create({ ...pricing(), name: 'C' })];
    expect((await t.api.match({ channelId: t.site.id, url: 'https://acme.com/pricing' })).chatflow?.name).toBe('A');
    const ordered = await t.api.reorder(t.site.id, [c.id, a.id, b.id]);
    expect(ordered.map((f) => [f.name, f.priority])).toEqual([['C', 2], ['A', 1], ['B', 0]]);
    expect((await t.api.match({ channelId: t.site.id, url: 'https://acme.com/pricing' })).chatflow?.name).toBe('C');
    for (const ids of [[c.id, a.id], [c.id, a.id, b.id, b.id], [c.id, a.id, b.id, 'cf_x']]) {
      const error = await failure(t.api.reorder(t.site.id, ids));
      expect(ValidationError.isInstance(error) && error.issues[0]?.path).toBe('ids');
    }
  });

  it('lets only admins change chatflows, and hides chatflows of inboxes an agent cannot see', async () => {
    const visible = await t.api.create(pricing());
    const hidden = await t.api.create({ ...pricing(), channelId: t.hidden.id });
    const agent = t.as(t.kari.id);
    expect(ForbiddenError.isInstance(await failure(agent.create(pricing())))).toBe(true);
    expect(ForbiddenError.isInstance(await failure(agent.delete(visible.id)))).toBe(true);
    expect((await agent.get(visible.id)).id).toBe(visible.id);
    expect(NotFoundError.isInstance(await failure(agent.get(hidden.id)))).toBe(true);
    expect((await agent.list()).items.map((c) => c.id)).toEqual([visible.id]);
    // Filtered before paging: one item per page, no cursor past the last visible one.
    const more = await t.api.create(pricing());
    const first = await agent.list({ limit: 1 });
    expect(first.items.map((c) => c.id)).toEqual([visible.id]);
    expect(await agent.list({ limit: 1, cursor: first.nextCursor })).toMatchObject({ items: [{ id: more.id }], nextCursor: null });
    expect(await agent.list({ channelId: t.hidden.id })).toEqual({ items: [], nextCursor: null });
  });
});

describe('chatflows.match', () => {
  it('returns the chatflow, its triggers, the resolved profile, availability by the kit clock and the explanation', async () => {
    const created = await t.api.create({
      ...pricing(),
      availability: {
        officeHours: { timeZone: 'Europe/Oslo', weekly: [{ day: 1, start: '09:00', end: '11:00' }, { day: 1, start: '13:00', end: '17:00' }] },
        awayMessage: 'Back soon',
        collectEmailWhenAway: true,
      },
    });
    const match = () => t.api.match({ channelId: t.site.id, url: 'https://ACME.com/pricing/team?utm=x' });
    const open = await match();
    expect(open).toMatchObject({
      chatflow: { id: created.id },
      triggers: [{ type: 'timeOnPage', seconds: 10 }],
      profile: { type: 'user', userId: t.kari.id, name: 'Kari', avatarUrl: 'https://cdn.acme.test/kari.png', meetingLink: 'https://meet.acme.test/kari' },
      availability: { open: true, awayMessage: null, collectEmail: false },
      explanation: { outcome: 'matched', winner: { chatflowId: created.id, group: 0 } },
    });
    await t.clock.advance(2 * 3600_000); // 11:30 in Oslo: lunch
    expect((await match()).availability).toEqual({ open: false, nextOpenAt: Date.UTC(2026, 0, 5, 12, 0), awayMessage: 'Back soon', collectEmail: true, typicalReplyTime: null });
    await t.api.update(created.id, { profile: { teamId: t.sales.id } });
    expect((await match()).profile).toEqual({ type: 'team', teamId: t.sales.id, name: 'Sales' });
  });

  it('resolves the contact from a given contact, the visitor id or a verified email', async () => {
    await t.api.create({ ...pricing(), name: 'Pro customers', priority: 1, targeting: { include: [[{ on: 'visitor', property: 'contactProperty', name: 'plan', op: 'is', value: 'pro' }]] } });
    await t.api.create({ ...pricing(), name: 'Everyone else', targeting: {} });
    await t.ws.contacts.create({ email: 'ann@acme.test', visitorIds: ['v-1'], properties: { plan: 'pro' } });
    const nameFor = async (visitor: object) => (await t.api.match({ channelId: t.site.id, url: 'https://acme.com/', visitor })).chatflow?.name;
    expect(await nameFor({})).toBe('Everyone else');
    expect(await nameFor({ visitorId: 'v-1' })).toBe('Pro customers');
    expect(await nameFor({ visitorId: 'v-unknown', email: 'ANN@acme.test' })).toBe('Pro customers');
    expect(await nameFor({ visitorId: 'v-1', contact: null })).toBe('Everyone else');
    expect(await nameFor({ contact: { email: null, name: null, phone: null, properties: { plan: 'pro' } } })).toBe('Pro customers');
  });

  it('compiles once per change, and sees changes made by another process sharing the store', async () => {
    const created = await t.api.create(pricing());
    const page = { channelId: t.site.id, url: 'https://acme.com/pricing' };
    for (let i = 0; i < 5; i++) await t.api.match(page);
    expect(t.reads.chatflowLists).toBe(1);
    const other = t.other();
    await other.api.update(created.id, { enabled: false });
    expect((await t.api.match(page)).chatflow).toBeNull();
    expect(t.reads.chatflowLists).toBe(2);
    await other.api.delete(created.id);
    await other.api.create({ ...pricing(), name: 'New' });
    expect((await t.api.match(page)).chatflow?.name).toBe('New');
  });

  it('hands out copies: changing a match result does not change later matches', async () => {
    await t.api.create(pricing());
    const page = { channelId: t.site.id, url: 'https://acme.com/pricing' };
    const first = await t.api.match(page);
    first.chatflow!.name = 'Mutated';
    first.triggers.push({ type: 'exitIntent' });
    expect(await t.api.match(page)).toMatchObject({ chatflow: { name: 'Pricing' }, triggers: [{ type: 'timeOnPage', seconds: 10 }] });
  });

  it('refuses unknown and non-chat channels, never throws for any URL or visitor text', async () => {
    expect(NotFoundError.isInstance(await failure(t.api.match({ channelId: 'ch_gone', url: 'https://acme.com/' })))).toBe(true);
    expect(ValidationError.isInstance(await failure(t.api.match({ channelId: t.mail.id, url: 'https://acme.com/' })))).toBe(true);
    await t.api.create({ ...pricing(), targeting: { include: [[{ on: 'visitor', property: 'contact', op: 'known' }, { on: 'url', op: 'matchesRegex', value: '^https://[^/]+/p' }]] } });
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), text), text, text, fc.option(text), async (url, language, userAgent, visitorId) => {
        const visitor = { language, userAgent, ...(visitorId ? { visitorId } : {}) };
        const result = await t.api.match({ channelId: t.site.id, url, visitor });
        expect(await t.api.match({ channelId: t.site.id, url, visitor })).toEqual(result);
      }),
      { numRuns: 150 },
    );
  });
});
