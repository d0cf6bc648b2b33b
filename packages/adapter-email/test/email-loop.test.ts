import { memoryStorage } from '@inboxkit/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../src/index.js';
import { dovecotAvailable, startDovecot, type Dovecot } from './dovecot.js';
import { eventually, fastImap, incomingMessages, makeKit, seedWorkspace, type LogLine } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.js';

const imapPassword = 'imap-Secret-1618';
const smtpPassword = 'smtp-Secret-1414';

describe.skipIf(!dovecotAvailable)('the full email loop: Dovecot in, SMTP out, the customer answers', () => {
  let dovecot: Dovecot;
  let peer: SmtpPeer;

  beforeAll(async () => {
    [dovecot, peer] = await Promise.all([startDovecot(), startSmtpPeer({ users: { support: smtpPassword } })]);
    await dovecot.addUser('loop', imapPassword);
  });
  afterAll(async () => {
    await Promise.all([dovecot?.close(), peer?.close()]);
  });

  it('customer mail → conversation → agent reply on the wire → customer reply in the same conversation', async () => {
    const logs: LogLine[] = [];
    const kit = makeKit(memoryStorage(), emailChannel({ imap: fastImap }), { 'imap-loop': imapPassword, 'smtp-loop': smtpPassword }, logs);
    await kit.start();
    const { ws, workspace, agent, inbox } = await seedWorkspace(kit);
    await ws.channels.connect({
      inboxId: inbox.id,
      type: 'email',
      name: 'support@acme.test',
      config: {
        address: 'support@acme.test',
        imap: { host: dovecot.host, port: dovecot.port, secure: false, user: 'loop', passwordRef: 'imap-loop' },
        smtp: { host: peer.host, port: peer.port, secure: false, user: 'support', passwordRef: 'smtp-loop' },
      },
    });

    await dovecot.append('loop', customerMail({ messageId: 'order-42@customer.test', subject: 'Where is order 42?', text: 'It has been two weeks.' }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1, 10_000, 'the customer mail');
    const [conversation] = (await ws.conversations.list({})).items;
    expect(conversation!.subject).toBe('Where is order 42?');

    const reply = await ws.conversations.reply(conversation!.id, { authorId: agent.id, text: 'It ships tomorrow.', html: '<p>It ships <em>tomorrow</em>.</p>' });
    expect(reply.deliveryStatus).toBe('sent');
    const [wire] = await peer.waitFor(1);
    const sent = wire!.parsed;
    expect(sent.from!.text).toBe('"Kari Nordmann" <support@acme.test>');
    expect(wire!.envelope.to).toEqual(['ola@customer.test']);
    expect(sent.replyTo!.value[0]!.address).toMatch(new RegExp(`^support\\+${conversation!.id}\\.[^@]+@acme\\.test$`));
    expect(sent.messageId).toBe(reply.externalId);
    expect(sent.inReplyTo).toBe('<order-42@customer.test>');
    expect(sent.references).toBe('<order-42@customer.test>');
    expect(sent.subject).toBe('Re: Where is order 42?');

    // The customer's client answers with the standard headers…
    await dovecot.append(
      'loop',
      customerMail({
        messageId: 'order-42-reply@customer.test',
        subject: sent.subject,
        inReplyTo: sent.messageId,
        references: ['<order-42@customer.test>', sent.messageId!],
        text: 'Great, thanks!\r\n\r\nOn Tue, Jan 6, 2026 at 10:00 AM Kari Nordmann <support@acme.test> wrote:\r\n> It ships tomorrow.',
      }),
    );
    // …and a second client drops them, but writes to the Reply-To address with the token.
    await dovecot.append(
      'loop',
      customerMail({ messageId: 'order-42-token@customer.test', to: sent.replyTo!.text, subject: 'one more thing', text: 'Gift wrap please.' }),
    );
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 3, 10_000, 'the customer replies');
    const messages = await incomingMessages(kit, workspace.id);
    expect(new Set(messages.map((m) => m.conversationId))).toEqual(new Set([conversation!.id]));
    const timeline = await ws.conversations.timeline(conversation!.id, {});
    const answer = timeline.items.find((i) => i.kind === 'message' && i.externalId === '<order-42-reply@customer.test>');
    expect(answer && answer.kind === 'message' && answer.visibleText).toBe('Great, thanks!');
    await kit.stop();
    expect(JSON.stringify(logs)).not.toContain(imapPassword);
    expect(JSON.stringify(logs)).not.toContain(smtpPassword);
  });
});
