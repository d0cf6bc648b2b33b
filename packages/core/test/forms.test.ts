import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  createInboxKit,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type ChannelAdapter,
  type ChannelContext,
  type CreateFormInput,
  type InboxKit,
  type WorkspaceApi,
} from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

/** A `forms` adapter stand-in that keeps the channel context (core cannot import adapter-forms). */
function formsStandIn(): ChannelAdapter & { context(): ChannelContext; connected: string[] } {
  let context: ChannelContext | null = null;
  const connected: string[] = [];
  return {
    specificationVersion: 'v1',
    type: 'forms',
    capabilities: { send: false, replyVia: 'email' },
    parseConfig: () => ({}),
    async start(ctx) {
      context = ctx;
    },
    async onConnect(channel) {
      connected.push(channel.id);
    },
    context: () => context!,
    connected,
  };
}

let kit: InboxKit;
let ws: WorkspaceApi;
let forms: ReturnType<typeof formsStandIn>;
let seed: Awaited<ReturnType<typeof seedForms>>;

async function seedForms() {
  const acme = await kit.workspaces.create({ name: 'Acme' });
  ws = kit.workspace(acme.id);
  const admin = await ws.users.create({ name: 'Ada', email: 'ada@acme.test', role: 'admin' });
  const kari = await ws.users.create({ name: 'Kari', email: 'kari@acme.test' });
  const sven = await ws.users.create({ name: 'Sven', email: 'sven@acme.test' });
  const support = await ws.inboxes.create({ name: 'Support', members: { users: [kari.id] } });
  const sales = await ws.inboxes.create({ name: 'Sales', members: { users: [sven.id] } });
  return { acme, admin, kari, sven, support, sales };
}

beforeEach(async () => {
  forms = formsStandIn();
  kit = createInboxKit({ storage: memoryStorage(), clock: manualClock(Date.UTC(2026, 10, 2, 9)), channels: [forms, createTestChannel({ type: 'email' })] });
  await kit.start();
  seed = await seedForms();
});
afterEach(() => kit.stop());

const contactForm = (inboxId = seed.support.id): CreateFormInput => ({
  inboxId,
  name: 'Contact us',
  fields: [
    { name: 'email', type: 'email', required: true },
    { name: 'name', label: 'Your name', type: 'text', contactProperty: 'name' },
    { name: 'topic', type: 'select', options: ['Billing', { value: 'tech', label: 'Technical' }] },
    { name: 'message', type: 'textarea', required: true, maxLength: 2000 },
  ],
  allowedOrigins: ['https://shop.example/', 'http://localhost:3000'],
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (error: unknown) => error);
}

/** The issues of a VALIDATION error, as `path: message` lines. */
async function issues(promise: Promise<unknown>): Promise<string[]> {
  const error = await failure(promise);
  expect(ValidationError.isInstance(error), String(error)).toBe(true);
  return (error as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
}

describe('ws.forms CRUD', () => {
  it('creates a form on the inbox forms channel (connected on first use), normalizing options and origins', async () => {
    const form = await ws.forms.create(contactForm());
    const channel = await ws.channels.get(form.channelId);
    expect(channel).toMatchObject({ type: 'forms', inboxId: seed.support.id, status: 'active' });
    expect(forms.connected).toEqual([channel.id]);
    expect(form.fields[2]!.options).toEqual([{ value: 'Billing', label: 'Billing' }, { value: 'tech', label: 'Technical' }]);
    expect(form.allowedOrigins).toEqual(['https://shop.example', 'http://localhost:3000']);
    expect(form.fields[0]).toMatchObject({ required: true });
    expect(form.fields[1]).toMatchObject({ required: false });

    const second = await ws.forms.create({ ...contactForm(), name: 'Demo request' });
    expect(second.channelId).toBe(form.channelId); // reused, not a second channel
    expect(forms.connected).toHaveLength(1);
    expect((await ws.channels.list({ inboxId: seed.support.id })).items).toHaveLength(1);

    expect(await ws.forms.get(form.id)).toEqual(form);
    expect((await ws.forms.list()).items.map((f) => f.id)).toEqual([form.id, second.id]);
    const types = (await ws.events.read()).items.map((e) => e.type).filter((t) => t.startsWith('form.') || t === 'channel.connected');
    expect(types).toEqual(['channel.connected', 'form.created', 'form.created']);
  });

  it('updates settings whole and re-validates; deletes with an event', async () => {
    const form = await ws.forms.create(contactForm());
    const updated = await ws.forms.update(form.id, { name: 'Contact', allowedOrigins: ['*'] });
    expect(updated).toMatchObject({ name: 'Contact', allowedOrigins: ['*'], fields: form.fields });
    expect(await issues(ws.forms.update(form.id, { fields: [{ name: 'note', type: 'text' }] }))).toEqual([
      'fields: a form needs an email field (replies go out by email)',
    ]);
    expect((await ws.forms.get(form.id)).name).toBe('Contact');
    await ws.forms.delete(form.id);
    expect(NotFoundError.isInstance(await failure(ws.forms.get(form.id)))).toBe(true);
    expect(NotFoundError.isInstance(await failure(ws.forms.delete(form.id)))).toBe(true);
    const events = (await ws.events.read()).items.filter((e) => e.type.startsWith('form.'));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['form.created', { formId: form.id, inboxId: seed.support.id, channelId: form.channelId }],
      ['form.updated', { formId: form.id, inboxId: seed.support.id, fields: ['name', 'allowedOrigins'] }],
      ['form.deleted', { formId: form.id, inboxId: seed.support.id }],
    ]);
    expect(await forms.context().forms.find(form.id)).toBeNull();
  });

  it('deleting an inbox deletes its forms in the same change', async () => {
    const form = await ws.forms.create(contactForm());
    const kept = await ws.forms.create(contactForm(seed.sales.id));
    await ws.channels.disconnect(form.channelId);
    await ws.inboxes.delete(seed.support.id);
    expect(NotFoundError.isInstance(await failure(ws.forms.get(form.id)))).toBe(true);
    expect(await forms.context().forms.find(form.id)).toBeNull();
    expect((await ws.forms.list()).items.map((f) => f.id)).toEqual([kept.id]);
    const tail = (await ws.events.read()).items.slice(-2).map((e) => e.type);
    expect(tail).toEqual(['form.deleted', 'inbox.deleted']);
  });

  it('validates fields when saved, naming each bad field', async () => {
    const bad = (fields: CreateFormInput['fields']) => issues(ws.forms.create({ ...contactForm(), fields }));
    const email = { name: 'email', type: 'email', required: true } as const;
    expect(await bad([email, { name: 'Email', type: 'text' }])).toEqual(['fields[1].name: field name "Email" is used twice']);
    expect(await bad([email, { name: '_token', type: 'text' }])).toEqual([
      'fields[1].name: a field name starts with a letter and has only letters, digits and _ (at most 64)',
    ]);
    expect(await bad([email, { name: 'plan', type: 'select' }])).toEqual(['fields[1].options: a select field needs options']);
    expect(await bad([email, { name: 'note', type: 'text', options: ['a'] }])).toEqual(['fields[1].options: only select fields have options']);
    expect(await bad([email, { name: 'tags', type: 'multi-select', options: ['a', 'a'] }])).toEqual(['fields[1].options: option values must be unique']);
    expect(await bad([email, { name: 'ok', type: 'checkbox', maxLength: 3 }])).toEqual(['fields[1].maxLength: a checkbox field has no maxLength']);
    expect(await bad([email, { name: 'cv', type: 'text', maxBytes: 3 }])).toEqual(['fields[1].maxBytes: only file fields have maxBytes']);
    expect(await bad([email, { name: 'who', type: 'number', contactProperty: 'name' }])).toEqual(['fields[1].contactProperty: contact name needs a text or hidden field']);
    expect(await bad([email, { name: 'a', type: 'text', contactProperty: 'plan' }, { name: 'b', type: 'text', contactProperty: 'plan' }])).toEqual([
      'fields[2].contactProperty: contact property "plan" is mapped twice',
    ]);
    // Names that exist on Object.prototype are plain names, not lookups.
    expect(await bad([email, { name: 'constructor', type: 'number', contactProperty: 'toString' }, { name: 'b', type: 'text', contactProperty: 'toString' }])).toEqual([
      'fields[2].contactProperty: contact property "toString" is mapped twice',
    ]);
    expect(await bad([{ name: 'email', type: 'email' }])).toEqual(['fields[0].required: the contact email field must be required']);
    expect(await bad([{ name: 'note', type: 'text' }])).toEqual(['fields: a form needs an email field (replies go out by email)']);
    expect(await bad([email, { name: 'x', type: 'colour' as 'text' }])).toHaveLength(1);
    expect(await issues(ws.forms.create({ ...contactForm(), allowedOrigins: ['https://shop.example/path', 'javascript:alert(1)'] }))).toEqual([
      'allowedOrigins[0]: "https://shop.example/path" is not an origin like https://shop.example',
      'allowedOrigins[1]: "javascript:alert(1)" is not an origin like https://shop.example',
    ]);
    expect((await ws.forms.list()).items).toEqual([]);
    expect((await ws.channels.list()).items).toEqual([]); // nothing connected by a failed create
  });

  it('needs an existing inbox, and a forms channel of that inbox when one is named', async () => {
    expect(await issues(ws.forms.create(contactForm('inbox_nope')))).toEqual(['inboxId: unknown inbox "inbox_nope"']);
    const mail = await ws.channels.connect({ inboxId: seed.support.id, type: 'email', name: 'support@acme.test' });
    expect(await issues(ws.forms.create({ ...contactForm(), channelId: mail.id }))).toEqual([`channelId: channel "${mail.id}" is not an active forms channel`]);
    const salesForms = await ws.channels.connect({ inboxId: seed.sales.id, type: 'forms', name: 'Sales forms' });
    expect(await issues(ws.forms.create({ ...contactForm(), channelId: salesForms.id }))).toEqual([
      `channelId: unknown channel "${salesForms.id}" in inbox "${seed.support.id}"`,
    ]);
    const form = await ws.forms.create({ ...contactForm(seed.sales.id), channelId: salesForms.id });
    expect(form.channelId).toBe(salesForms.id);
  });

  it('refuses to create forms when the kit has no forms adapter', async () => {
    const bare = createInboxKit({ storage: memoryStorage(), channels: [createTestChannel()] });
    const other = bare.workspace((await bare.workspaces.create({ name: 'Bare' })).id);
    const inbox = await other.inboxes.create({ name: 'Support' });
    expect(await issues(other.forms.create(contactForm(inbox.id)))).toEqual([
      'inboxId: no forms adapter is registered with the kit (add formsChannel() to channels)',
    ]);
  });
});

describe('ws.forms permissions and tenancy', () => {
  it('agents read forms of their inboxes only; changing them needs an admin; hidden forms are NOT_FOUND', async () => {
    const support = await ws.forms.create(contactForm());
    const sales = await ws.forms.create(contactForm(seed.sales.id));
    const kari = ws.asUser(seed.kari.id);
    expect(await kari.forms.get(support.id)).toEqual(support);
    expect((await kari.forms.list()).items.map((f) => f.id)).toEqual([support.id]);
    for (const call of [() => kari.forms.get(sales.id), () => kari.forms.update(sales.id, { name: 'x' }), () => kari.forms.delete(sales.id), () => kari.forms.spamCount(sales.id)]) {
      expect(NotFoundError.isInstance(await failure(call()))).toBe(true);
    }
    expect(NotFoundError.isInstance(await failure(kari.forms.create(contactForm(seed.sales.id))))).toBe(true);
    for (const call of [() => kari.forms.create(contactForm()), () => kari.forms.update(support.id, { name: 'x' }), () => kari.forms.delete(support.id)]) {
      expect(ForbiddenError.isInstance(await failure(call()))).toBe(true);
    }
    expect(await ws.forms.get(support.id)).toEqual(support);
    const admin = ws.asUser(seed.admin.id);
    expect((await admin.forms.update(sales.id, { name: 'Sales form' })).name).toBe('Sales form');
  });

  it('agent form pages are full: hidden inboxes are filtered in the store, not after paging', async () => {
    const sales = await ws.forms.create(contactForm(seed.sales.id));
    const support = await ws.forms.create(contactForm());
    const kari = ws.asUser(seed.kari.id);
    expect(await kari.forms.list({ limit: 1 })).toEqual({ items: [support], nextCursor: null });
    expect((await kari.forms.list({ inboxId: seed.sales.id })).items).toEqual([]);
    expect((await ws.forms.list({ limit: 1 })).items).toEqual([sales]);
  });

  it('a form is invisible from another workspace, and form ids resolve to their own workspace', async () => {
    const form = await ws.forms.create(contactForm());
    const other = kit.workspace((await kit.workspaces.create({ name: 'Globex' })).id);
    expect(NotFoundError.isInstance(await failure(other.forms.get(form.id)))).toBe(true);
    expect(NotFoundError.isInstance(await failure(other.forms.update(form.id, { name: 'stolen' })))).toBe(true);
    expect(NotFoundError.isInstance(await failure(other.forms.delete(form.id)))).toBe(true);
    expect((await other.forms.list()).items).toEqual([]);
    expect(await forms.context().forms.find(form.id)).toEqual(form);
    expect(await forms.context().forms.find(form.id.toUpperCase())).toBeNull();
    expect(await forms.context().forms.find('form_nope')).toBeNull();
  });

  it('a form id is unique across workspaces (the public URL carries only the id)', async () => {
    // A host id generator that repeats ids across workspaces must not let a form shadow another.
    const storage = memoryStorage();
    const fixed = { next: (prefix: string) => (prefix === 'form' ? 'form_same' : `${prefix}_${Math.random().toString(36).slice(2)}`) };
    const twin = createInboxKit({ storage, ids: fixed, channels: [formsStandIn()] });
    const a = twin.workspace((await twin.workspaces.create({ name: 'A' })).id);
    const b = twin.workspace((await twin.workspaces.create({ name: 'B' })).id);
    await a.forms.create(contactForm((await a.inboxes.create({ name: 'A' })).id));
    const error = await failure(b.forms.create(contactForm((await b.inboxes.create({ name: 'B' })).id)));
    expect(ConflictError.isInstance(error)).toBe(true);
    expect((await b.forms.list()).items).toEqual([]);
  });
});

describe('spam counters', () => {
  it('count concurrently without losing any, per reason, and go with the form', async () => {
    const form = await ws.forms.create(contactForm());
    const reasons = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'honeypot' : 'too-fast'));
    await Promise.all(reasons.map((reason) => forms.context().forms.countSpam(seed.acme.id, form.id, reason)));
    expect(await ws.forms.spamCount(form.id)).toEqual({ total: 30, byReason: { honeypot: 10, 'too-fast': 20 } });
    expect(await ws.asUser(seed.kari.id).forms.spamCount(form.id)).toEqual({ total: 30, byReason: { honeypot: 10, 'too-fast': 20 } });
    await ws.forms.delete(form.id);
    expect(NotFoundError.isInstance(await failure(ws.forms.spamCount(form.id)))).toBe(true);
  });
});

describe('ingest with contact properties', () => {
  it('sets the sender properties on a new contact and merges them into a known one', async () => {
    const channel = await ws.channels.connect({ inboxId: seed.support.id, type: 'email', name: 'mail' });
    const push = (externalId: string, properties: Record<string, unknown>) =>
      kit.ingest({ workspaceId: seed.acme.id, channelId: channel.id, externalId, from: { email: 'Nora@Customer.test', name: 'Nora', properties }, text: 'hi' });
    await push('m1', { company: 'Customer AS', plan: 'free' });
    const first = await ws.contacts.findByEmail('nora@customer.test');
    expect(first).toMatchObject({ name: 'Nora', properties: { company: 'Customer AS', plan: 'free' } });
    await push('m2', { plan: 'pro' });
    expect((await ws.contacts.findByEmail('nora@customer.test'))?.properties).toEqual({ company: 'Customer AS', plan: 'pro' });
    await push('m3', { plan: 'pro' }); // nothing new: no contact.updated
    const updates = (await ws.events.read()).items.filter((e) => e.type === 'contact.updated');
    expect(updates.map((e) => e.data)).toEqual([{ contactId: first!.id, fields: ['properties'] }]);
  });
});

describe('replies to form conversations', () => {
  it('go out from the inbox fallback address when the inbox has no email channel, through one fallback channel', async () => {
    const email = createTestChannel({ type: 'email' });
    const own = createInboxKit({ storage: memoryStorage(), channels: [formsStandIn(), email], fallbackEmailDomain: 'in.acme.test' });
    await own.start();
    try {
      const space = own.workspace((await own.workspaces.create({ name: 'Acme' })).id);
      const kari = await space.users.create({ name: 'Kari', email: 'kari@acme.test' });
      const support = await space.inboxes.create({ name: 'Support', members: { users: [kari.id] } });
      const web = await space.channels.connect({ inboxId: support.id, type: 'forms', name: 'Contact form' });
      const result = await own.ingest({ workspaceId: space.id, channelId: web.id, externalId: 'sub-1', from: { email: 'nora@customer.test' }, text: 'Order 42?' });
      const conversationId = result.conversation!.id;
      const first = await space.conversations.reply(conversationId, { authorId: kari.id, text: 'Ships today' });
      const second = await space.conversations.reply(conversationId, { authorId: kari.id, text: 'Tracking: 123' });
      await own.idle();
      expect([first.deliveryStatus, second.deliveryStatus]).toEqual(['sent', 'sent']);
      expect(email.sent.map((request) => request.channel.config.address)).toEqual([support.fallbackAddress, support.fallbackAddress]);
      const channels = await space.channels.list({ inboxId: support.id });
      expect(channels.items.filter((channel) => channel.type === 'email')).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });
});
