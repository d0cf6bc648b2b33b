import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, startForms, storedCounts, validValues, type FormsHarness } from './setup.js';

let h: FormsHarness;
beforeEach(async () => {
  h = await startForms();
});
afterEach(() => h.stop());

const idOf = async (response: Response) => ((await response.json()) as { submissionId: string }).submissionId;

async function onlyConversation() {
  const { items } = await h.ws.conversations.list();
  expect(items).toHaveLength(1);
  const [message] = (await h.ws.conversations.timeline(items[0]!.id)).items;
  if (message?.kind !== 'message') throw new Error('expected a message');
  return { conversation: items[0]!, message };
}

describe('idempotency', () => {
  it('a client submissionId makes retries safe: one conversation, the same id, 200 for the retry', async () => {
    const token = await h.token();
    const body = { values: validValues(), submissionId: 'client-retry-42', token };
    const first = await postJson(h, body);
    const retry = await postJson(h, body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect([await idOf(first), await idOf(retry)]).toEqual(['client-retry-42', 'client-retry-42']);
    await onlyConversation();
  });

  it('without one, the id is derived from form, values and visitor within a window', async () => {
    const token = await h.token();
    const send = (values = validValues(), visitorId = 'v-1') => postJson(h, { values, visitorId, token });
    const first = await idOf(await send());
    h.clock.advance(1000);
    expect(await idOf(await send())).toBe(first);
    expect(await idOf(await send(validValues({ message: 'something else' })))).not.toBe(first);
    expect(await idOf(await send(validValues(), 'v-2'))).not.toBe(first);
    h.clock.advance(600_000); // the next window: the same answers again are a new submission
    expect(await idOf(await send())).not.toBe(first);
    expect((await h.ws.conversations.list()).items).toHaveLength(4);
  });

  it('concurrent retries of one submission store it once', async () => {
    const token = await h.token();
    const responses = await Promise.all(Array.from({ length: 8 }, () => postJson(h, { values: validValues(), submissionId: 'burst-0001', token })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    await onlyConversation();
    expect((await h.ws.events.read({ limit: 500 })).items.filter((e) => e.type === 'message.received')).toHaveLength(1);
  });
});

describe('effect', () => {
  it('the first message: readable text in the timeline plus structured metadata with page context', async () => {
    await postJson(h, {
      values: validValues({ products: ['chat', 'forms'], seats: 12, source: 'newsletter', message: 'Line one\nLine two' }),
      page: { url: 'https://shop.test/pricing?plan=pro', title: 'Pricing', referrer: 'https://search.test/?q=inbox' },
      visitorId: 'visitor-7',
      token: await h.token(),
    });
    const { message } = await onlyConversation();
    expect(message.text).toBe(
      [
        'Email: Nora@Customer.test',
        'Name: Nora Kunde',
        'Company: Kunde AS',
        'Topic: Technical',
        'Products: chat, forms',
        'Seats: 12',
        'I agree to be contacted: Yes',
        'Message:\nLine one\nLine two',
        'source: newsletter',
        '',
        'Sent from Pricing — https://shop.test/pricing?plan=pro',
      ].join('\n'),
    );
    expect(message.metadata).toMatchObject({
      form: { id: h.form.id, name: 'Contact us' },
      page: { url: 'https://shop.test/pricing?plan=pro', title: 'Pricing', referrer: 'https://search.test/?q=inbox' },
      visitorId: 'visitor-7',
    });
    const fields = message.metadata.fields as Array<{ name: string; value: unknown }>;
    expect(Object.fromEntries(fields.map((f) => [f.name, f.value]))).toEqual({
      email: 'Nora@Customer.test',
      name: 'Nora Kunde',
      company: 'Kunde AS',
      topic: 'tech',
      products: ['chat', 'forms'],
      seats: 12,
      consent: true,
      message: 'Line one\nLine two',
      source: 'newsletter',
      attachment: [],
    });
  });

  it('the largest form with the longest answers fits: metadata values are cut and marked, the text keeps them whole', async () => {
    const fields = Array.from({ length: 99 }, (_, i) => ({ name: `f${i}`, label: `${'Question '.repeat(20)}${i}`.slice(0, 200), type: 'textarea' as const, maxLength: 100_000 }));
    const big = await h.ws.forms.create({ inboxId: h.inboxId, name: 'Survey', fields: [{ name: 'email', type: 'email', required: true }, ...fields] });
    const values = Object.fromEntries([['email', 'a@b.test'], ...fields.map((f) => [f.name, 'é'.repeat(5000)])]);
    const response = await h.forms.handler(
      new Request(h.url(`/forms/${big.id}/submissions`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ values, token: await h.token(big.id) }) }),
    );
    expect(response.status).toBe(201);
    const { message } = await onlyConversation();
    expect(message.text.length).toBeGreaterThan(99 * 5000);
    const stored = message.metadata.fields as Array<{ name: string; value: string; truncated?: boolean }>;
    expect(stored[1]).toMatchObject({ name: 'f0', truncated: true });
    expect(stored[1]!.value).toBe('é'.repeat(200));
    expect(stored[0]).toEqual({ name: 'email', label: 'email', type: 'email', value: 'a@b.test' });
  });

  it('a native form post without page fields takes the page from Referer', async () => {
    const body = new URLSearchParams({ email: 'nora@customer.test', consent: 'on', message: 'hi', _token: await h.token() });
    await h.forms.handler(new Request(h.url(`/forms/${h.form.id}/submissions`), { method: 'POST', body, headers: { referer: 'https://shop.test/contact' } }));
    const { message } = await onlyConversation();
    expect(message.metadata.page).toEqual({ url: 'https://shop.test/contact', title: null, referrer: null });
  });

  it('creates the contact by email with name and mapped properties, and updates a known one', async () => {
    const known = await h.ws.contacts.create({ email: 'nora@customer.test', properties: { plan: 'free', company: 'Old AS' } });
    await postJson(h, { values: validValues(), visitorId: 'visitor-1', token: await h.token() });
    const contact = await h.ws.contacts.findByEmail('nora@customer.test');
    expect(contact).toMatchObject({ id: known.id, name: 'Nora Kunde', properties: { plan: 'free', company: 'Kunde AS' } });
    // A visitor id is not attached to a contact found by an email the submitter only claims.
    expect(contact?.visitorIds).toEqual([]);
    await postJson(h, { values: validValues({ email: 'new@customer.test', name: 'Ny Kunde', company: undefined }), visitorId: 'visitor-2', token: await h.token() });
    expect(await h.ws.contacts.findByEmail('new@customer.test')).toMatchObject({ name: 'Ny Kunde', visitorIds: ['visitor-2'], properties: {} });
    expect((await h.ws.contacts.list()).items).toHaveLength(2);
  });

  it('routes the new conversation by the forms channel rule', async () => {
    await h.ws.routing.set(h.form.channelId, { targets: { users: [h.agentId] }, strategy: 'round-robin' });
    await postJson(h, { values: validValues(), token: await h.token() });
    await h.kit.idle();
    const { conversation } = await onlyConversation();
    expect(conversation.assigneeId).toBe(h.agentId);
  });

  it('an agent reply goes to the contact by email: from the fallback address, then through the team email channel', async () => {
    await postJson(h, { values: validValues(), token: await h.token() });
    const { conversation } = await onlyConversation();
    // No email channel yet: the inbox's fallback address sends it.
    const early = await h.ws.conversations.reply(conversation.id, { authorId: h.agentId, text: 'Hi Nora' });
    expect(early).toMatchObject({ deliveryStatus: 'sent', channelId: h.form.channelId });
    const inbox = await h.ws.inboxes.get(h.inboxId);
    expect(h.email.sent[0]).toMatchObject({ channel: { type: 'email', config: { address: inbox.fallbackAddress } }, contact: { email: 'nora@customer.test' } });
    const mail = await h.ws.channels.connect({ inboxId: h.inboxId, type: 'email', name: 'support@acme.test' });
    const reply = await h.ws.conversations.reply(conversation.id, { authorId: h.agentId, text: 'Hi Nora, it ships today.' });
    expect(reply).toMatchObject({ deliveryStatus: 'sent', channelId: h.form.channelId });
    expect(h.email.sent).toHaveLength(2);
    expect(h.email.sent[1]).toMatchObject({ channel: { id: mail.id, type: 'email' }, contact: { email: 'nora@customer.test' }, message: { text: 'Hi Nora, it ships today.' } });
    const timeline = (await h.ws.conversations.timeline(conversation.id)).items.map((i) => i.kind === 'message' && i.direction);
    expect(timeline).toEqual(['incoming', 'outgoing', 'outgoing']);
  });

  it('a disconnected forms channel refuses submissions with 503 and stores nothing', async () => {
    const token = await h.token();
    await h.ws.channels.disconnect(h.form.channelId);
    const before = await storedCounts(h);
    const response = await postJson(h, { values: validValues(), token });
    expect(response.status).toBe(503);
    await expect(h.forms.issueToken(h.form.id)).rejects.toMatchObject({ code: 'CHANNEL' });
    expect(await storedCounts(h)).toEqual(before);
  });
});
