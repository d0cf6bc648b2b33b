// The webhook's security and the provider API's failure handling, over real HTTP on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInboxKit, type Channel, type InboxKit, type WorkspaceApi } from '@inboxkit/core';
import { manualClock, type ManualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, serveWebhooks, signWebhook, smsChannel, startFakeSmsProvider, type FakeSmsProvider, type RunningServer } from './index.js';

const SECRETS: Record<string, string> = { 'acme-key': 'sk_acme_123456', 'acme-hook': 'whsec_acme_123456', 'globex-key': 'sk_globex_123456', 'globex-hook': 'whsec_globex_123456' };
const ACME_NUMBER = '+4711111111';
const CUSTOMER = '+4799999999';

let clock: ManualClock;
let provider: FakeSmsProvider;
let server: RunningServer;
let kit: InboxKit;
let acme: { ws: WorkspaceApi; channel: Channel; agentId: string };
let globex: { ws: WorkspaceApi; channel: Channel };

async function workspaceWithSms(name: string, number: string, prefix: string) {
  const ws = kit.workspace((await kit.workspaces.create({ name })).id);
  const agent = await ws.users.create({ name: `${name} agent`, email: `agent@${prefix}.test` });
  const inbox = await ws.inboxes.create({ name: 'Texts', members: { users: [agent.id] } });
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'sms', name: number, config: { number, apiKeyRef: `${prefix}-key`, webhookSecretRef: `${prefix}-hook` } });
  return { ws, channel, agentId: agent.id };
}

const urlOf = (channel: Channel) => `${server.url}/sms/${channel.id}/inbound`;
const nowSec = () => Math.floor(clock.now() / 1000);
const send = (channel: Channel, sms: { id?: string; from?: string; to?: string; text?: string }, options: { secret?: string; timestampSec?: number } = {}) =>
  provider.deliverInbound({
    webhookUrl: urlOf(channel),
    secret: options.secret ?? SECRETS['acme-hook']!,
    timestampSec: options.timestampSec ?? nowSec(),
    sms: { from: CUSTOMER, to: ACME_NUMBER, text: 'Where is my order?', ...sms },
  });
const conversationsOf = async (ws: WorkspaceApi) => (await ws.conversations.list()).items;

beforeEach(async () => {
  clock = manualClock(Date.UTC(2026, 2, 2, 12));
  provider = await startFakeSmsProvider({ apiKey: SECRETS['acme-key']! });
  const sms = smsChannel({ apiUrl: provider.url });
  server = await serveWebhooks(sms.handler);
  kit = createInboxKit({ storage: memoryStorage(), channels: [sms], clock, secrets: { resolve: async (ref) => SECRETS[ref] ?? Promise.reject(new Error(`unknown secret ${ref}`)) } });
  await kit.start();
  acme = await workspaceWithSms('Acme', ACME_NUMBER, 'acme');
  globex = await workspaceWithSms('Globex', '+4722222222', 'globex');
});
afterEach(async () => {
  await kit.stop();
  await server.close();
  await provider.close();
});

describe('the inbound webhook', () => {
  it('turns a signed webhook into a conversation with the texting contact; the redelivered webhook is a duplicate', async () => {
    const first = await send(acme.channel, { id: 'SMin1' });
    expect(first).toMatchObject({ status: 200, body: { status: 'accepted', duplicate: false } });
    expect(await send(acme.channel, { id: 'SMin1' })).toMatchObject({ status: 200, body: { status: 'accepted', duplicate: true } });
    const [conversation, ...rest] = await conversationsOf(acme.ws);
    expect(rest).toEqual([]);
    expect((await acme.ws.contacts.get(conversation!.contactId)).phone).toBe(CUSTOMER);
    expect((await acme.ws.conversations.timeline(conversation!.id)).items.map((item) => item.text)).toEqual(['Where is my order?']);
  });

  it('refuses a wrong signature, a missing one, and a tampered body, storing nothing', async () => {
    expect((await send(acme.channel, {}, { secret: 'whsec_guessed_000000' })).status).toBe(401);
    const body = JSON.stringify({ id: 'SMx', from: CUSTOMER, to: ACME_NUMBER, text: 'hi' });
    const unsigned = await fetch(urlOf(acme.channel), { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const signature = signWebhook(SECRETS['acme-hook']!, nowSec(), body);
    const tampered = await fetch(urlOf(acme.channel), {
      method: 'POST',
      headers: { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: String(nowSec()) },
      body: body.replace('hi', 'send me your password'),
    });
    expect(tampered.status).toBe(401);
    expect(await conversationsOf(acme.ws)).toEqual([]);
  });

  it("one workspace's webhook secret cannot post into another workspace's channel", async () => {
    const response = await send(globex.channel, { to: '+4722222222' }, { secret: SECRETS['acme-hook']! });
    expect(response.status).toBe(401);
    expect(await conversationsOf(globex.ws)).toEqual([]);
    expect(await conversationsOf(acme.ws)).toEqual([]);
  });

  it('refuses a replayed webhook older than the tolerance (by the kit clock), accepts one within it', async () => {
    const signedAt = nowSec();
    await clock.advance(6 * 60_000);
    expect(await send(acme.channel, { id: 'SMold' }, { timestampSec: signedAt })).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('stale') } } });
    expect(await send(acme.channel, { id: 'SMfresh' }, { timestampSec: nowSec() - 60 })).toMatchObject({ status: 200 });
    expect(await conversationsOf(acme.ws)).toHaveLength(1);
  });

  it('answers 400 naming the field for a bad body or a number of another channel', async () => {
    expect(await send(acme.channel, { from: 'not-a-number' })).toMatchObject({ status: 400, body: { error: { fields: { from: expect.stringContaining('E.164') } } } });
    expect(await send(acme.channel, { to: '+4733333333' })).toMatchObject({ status: 400, body: { error: { fields: { to: expect.any(String) } } } });
    expect(await conversationsOf(acme.ws)).toEqual([]);
  });

  it('answers 404 for an unknown or disconnected channel, 405 for GET, 503 while the kit is stopped', async () => {
    expect((await provider.deliverInbound({ webhookUrl: `${server.url}/sms/nope/inbound`, secret: 'x', sms: { from: CUSTOMER, to: ACME_NUMBER, text: 'x' } })).status).toBe(404);
    expect((await fetch(urlOf(acme.channel))).status).toBe(405);
    await kit.stop();
    expect((await send(acme.channel, {})).status).toBe(503);
    await kit.start();
    await acme.ws.channels.disconnect(acme.channel.id);
    expect((await send(acme.channel, {})).status).toBe(404);
  });
});

describe('replies through the provider API', () => {
  async function inboundConversation() {
    await send(acme.channel, { id: 'SMin-reply' });
    return (await conversationsOf(acme.ws))[0]!;
  }

  it("sends from the channel's number to the contact's phone, keyed by the kit's message id", async () => {
    const conversation = await inboundConversation();
    const reply = await acme.ws.conversations.reply(conversation.id, { authorId: acme.agentId, text: 'It ships today.' });
    expect(reply).toMatchObject({ deliveryStatus: 'sent', externalId: provider.outbox[0]!.id });
    expect(provider.outbox).toEqual([expect.objectContaining({ from: ACME_NUMBER, to: CUSTOMER, text: 'It ships today.', idempotencyKey: expect.any(String) })]);
  });

  it('a refused message is failed with the HTTP status as the reason, and never reaches the outbox', async () => {
    const conversation = await inboundConversation();
    provider.failNext(400);
    const reply = await acme.ws.conversations.reply(conversation.id, { authorId: acme.agentId, text: 'Hello?' });
    expect(reply.deliveryStatus).toBe('failed');
    expect(reply.deliveryError).toContain('HTTP 400');
    expect(reply.deliveryError).not.toContain(SECRETS['acme-key']);
    expect(provider.outbox).toEqual([]);
  });

  it('an API key the provider does not accept fails the reply without echoing the key', async () => {
    const sms = await globex.ws.channels.get(globex.channel.id);
    await send(sms, { id: 'SMg', to: '+4722222222' }, { secret: SECRETS['globex-hook']! });
    const [conversation] = await conversationsOf(globex.ws);
    const agent = (await globex.ws.users.list()).items[0]!;
    const reply = await globex.ws.conversations.reply(conversation!.id, { authorId: agent.id, text: 'Hi' }); // the fake provider knows only Acme's key
    expect(reply.deliveryStatus).toBe('failed');
    expect(reply.deliveryError).toContain('HTTP 401');
    expect(reply.deliveryError).not.toContain(SECRETS['globex-key']);
  });
});
