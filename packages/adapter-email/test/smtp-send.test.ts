import { ChannelError, type Message, type SendRequest } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel, type EmailChannelOptions } from '../src/index.js';
import { makeKit, seedWorkspace, type LogLine } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.js';

const smtpPassword = 'smtp-Secret-2718';

describe('SMTP sending against a real SMTP peer', () => {
  let peer: SmtpPeer;

  beforeAll(async () => {
    peer = await startSmtpPeer({ users: { support: smtpPassword } });
  });
  afterAll(async () => {
    await peer?.close();
  });

  async function setup(options: EmailChannelOptions = {}, smtp: Record<string, unknown> | null = {}) {
    const logs: LogLine[] = [];
    const email = emailChannel(options);
    const kit = makeKit(memoryStorage(), email, { 'smtp-support': smtpPassword, 'smtp-wrong': 'Not-The-Password-1' }, logs);
    await kit.start();
    const seeded = await seedWorkspace(kit);
    const config: Record<string, unknown> = { address: 'support@acme.test' };
    if (smtp) config.smtp = { host: peer.host, port: peer.port, secure: false, user: 'support', passwordRef: 'smtp-support', ...smtp };
    const channel = await seeded.ws.channels.connect({ inboxId: seeded.inbox.id, type: 'email', name: 'support@acme.test', config });
    const first = customerMail({ messageId: `first-${Math.random().toString(36).slice(2)}@customer.test`, subject: 'Broken toaster' });
    const result = await email.ingestRaw(first, { channelId: channel.id });
    if (result.status !== 'accepted') throw new Error('inbound mail was not accepted');
    return { ...seeded, kit, email, logs, channel, conversation: result.conversation, inboundId: result.message.externalId! };
  }

  it('sends the reply from the inbox address with the agent name, reply token, Message-ID and threading headers', async () => {
    const { kit, ws, agent, conversation, inboundId } = await setup();
    const before = peer.received.length;
    const sent = await ws.conversations.reply(conversation.id, {
      authorId: agent.id,
      text: 'We are sending a new toaster.',
      html: '<p>We are sending a <b>new</b> toaster.</p>',
      attachments: [{ filename: 'label.txt', contentType: 'text/plain', content: new TextEncoder().encode('RETURN-LABEL-123') }],
    });
    expect(sent.deliveryStatus).toBe('sent');
    const [mail] = (await peer.waitFor(before + 1)).slice(before);
    const parsed = mail!.parsed;
    expect(mail!.user).toBe('support');
    expect(mail!.envelope.to).toEqual(['ola@customer.test']);
    expect(parsed.from!.value[0]).toEqual({ name: 'Kari Nordmann', address: 'support@acme.test' });
    const fresh = await ws.conversations.get(conversation.id);
    expect(parsed.replyTo!.value[0]!.address).toBe(`support+${fresh.id}.${fresh.replyToken}@acme.test`);
    expect(parsed.subject).toBe('Re: Broken toaster');
    expect(parsed.messageId).toBe(sent.externalId);
    expect(parsed.inReplyTo).toBe(`<${inboundId.replace(/^<|>$/g, '')}>`);
    expect(parsed.references).toEqual(`<${inboundId.replace(/^<|>$/g, '')}>`);
    expect(parsed.text!.trim()).toBe('We are sending a new toaster.');
    expect(parsed.html).toContain('<b>new</b>');
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['label.txt', 'RETURN-LABEL-123']]);

    // The second reply chains both earlier messages in References and answers the latest.
    const second = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Tracking number follows.' });
    const [next] = (await peer.waitFor(before + 2)).slice(before + 1);
    expect(next!.parsed.inReplyTo).toBe(sent.externalId);
    expect(next!.parsed.references).toEqual([`<${inboundId.replace(/^<|>$/g, '')}>`, sent.externalId]);
    expect(next!.parsed.messageId).toBe(second.externalId);
    expect(second.externalId).not.toBe(sent.externalId);
    await kit.stop();
  });

  it('a re-send of the same message carries the same Message-ID: the externalId the kit allocated', async () => {
    const { kit, email, ws, agent, conversation } = await setup();
    const sent = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Once.' });
    const request = await sendRequestFor(ws, conversation.id, sent);
    expect(sent.externalId).toBe(`<${request.externalId}>`);
    const before = peer.received.length;
    const again = await email.doSend!(request);
    expect(again.externalId).toBe(sent.externalId);
    const other = await email.doSend!({ ...request, externalId: 'pre-allocated-1@acme.test' });
    expect(other.externalId).toBe('<pre-allocated-1@acme.test>');
    const got = (await peer.waitFor(before + 2)).slice(before).map((m) => m.parsed.messageId);
    expect(got).toEqual([sent.externalId, '<pre-allocated-1@acme.test>']);
    await kit.stop();
  });

  it('records failed with the SMTP error: 4xx retryable, 5xx not, secrets redacted', async () => {
    const { kit, email, ws, agent, conversation, logs } = await setup();
    peer.refuseNext(1, 451, 'Greylisted, try again');
    const temporary = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Try 1' });
    expect(temporary.deliveryStatus).toBe('failed');
    expect(temporary.deliveryError).toMatch(/451/);
    const request = await sendRequestFor(ws, conversation.id, temporary);
    peer.refuseNext(1, 451);
    const retryable = await email.doSend!(request).catch((e: unknown) => e);
    expect(ChannelError.isInstance(retryable) && retryable.retryable).toBe(true);
    peer.refuseNext(1, 550, 'No such user');
    const permanent = await email.doSend!(request).catch((e: unknown) => e);
    expect(ChannelError.isInstance(permanent)).toBe(true);
    expect((permanent as ChannelError).retryable).toBe(false);
    expect((permanent as ChannelError).message).toMatch(/550/);
    await kit.stop();
    expect(JSON.stringify(logs)).not.toContain(smtpPassword);
  });

  it('a wrong SMTP password fails the delivery without retry and without leaking the password', async () => {
    const { kit, email, ws, agent, conversation, channel } = await setup({}, { passwordRef: 'smtp-wrong' });
    const failed = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Hello' });
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toMatch(/535/);
    expect(failed.deliveryError).not.toContain('Not-The-Password-1');
    const error = await email.doSend!(await sendRequestFor(ws, conversation.id, failed)).catch((e: unknown) => e);
    expect((error as ChannelError).retryable).toBe(false);
    expect(channel.config).not.toHaveProperty('smtp.password');
    await kit.stop();
  });

  it('an unreachable SMTP server is a retryable failure', async () => {
    const { kit, email, ws, conversation, agent } = await setup({}, { port: 1 });
    const failed = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Hello' });
    expect(failed.deliveryStatus).toBe('failed');
    const error = await email.doSend!(await sendRequestFor(ws, conversation.id, failed)).catch((e: unknown) => e);
    expect(ChannelError.isInstance(error) && error.retryable).toBe(true);
    await kit.stop();
  });

  it("channels without smtp send over the host's outbound transport, which is never closed", async () => {
    const real = nodemailer.createTransport({ host: peer.host, port: peer.port, secure: false, auth: { user: 'support', pass: smtpPassword } });
    let closed = 0;
    const transport = { sendMail: (mail: Record<string, unknown>) => real.sendMail(mail), close: () => void closed++ };
    const { kit, ws, agent, conversation } = await setup({ outbound: { transport } }, null);
    const before = peer.received.length;
    const sent = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Via the host transport' });
    expect(sent.deliveryStatus).toBe('sent');
    const [mail] = (await peer.waitFor(before + 1)).slice(before);
    expect(mail!.parsed.from!.value[0]!.address).toBe('support@acme.test');
    await kit.stop();
    expect(closed).toBe(0);
    real.close();
  });

  it('a channel with neither smtp nor an outbound transport fails with a clear CHANNEL error', async () => {
    const { kit, ws, agent, conversation } = await setup({}, null);
    const failed = await ws.conversations.reply(conversation.id, { authorId: agent.id, text: 'Hello' });
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toMatch(/no smtp settings/);
    await kit.stop();
  });
});

/** Rebuilds the request the kit handed `doSend`, to call it again directly. */
async function sendRequestFor(ws: ReturnType<ReturnType<typeof makeKit>['workspace']>, conversationId: string, message: Message): Promise<SendRequest> {
  const conversation = await ws.conversations.get(conversationId);
  const channel = await ws.channels.get(conversation.channelId);
  const inbox = await ws.inboxes.get(conversation.inboxId);
  const contact = await ws.contacts.get(conversation.contactId);
  const author = message.author.id ? await ws.users.get(message.author.id) : null;
  const timeline = await ws.conversations.timeline(conversationId, { limit: 100 });
  const references = timeline.items.filter((i): i is Message => i.kind === 'message' && i.externalId !== null && i.id !== message.id);
  return {
    channel,
    inbox,
    // What the kit allocated before the first attempt (stored bare, sent in angle brackets).
    externalId: message.externalId!.replace(/^<|>$/g, ''),
    conversation,
    contact,
    message,
    author,
    references,
    resolveSecret: async (ref) => ({ 'smtp-support': smtpPassword, 'smtp-wrong': 'Not-The-Password-1' })[ref] ?? '',
    readBlob: async () => null,
  };
}
