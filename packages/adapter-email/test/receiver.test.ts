import { memoryStorage } from '@inboxkit/storage-memory';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { emailChannel } from '../src/index.js';
import { eventually, incomingMessages, makeKit, seedWorkspace } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';
import { rawSmtp } from './raw-smtp.js';

async function setup(maxSize = 64 * 1024) {
  const email = emailChannel();
  const kit = makeKit(memoryStorage(), email, {}, []);
  await kit.start();
  const seeded = await seedWorkspace(kit);
  const receiver = await email.receiver({ port: 0, maxSize });
  const sender = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  const dispose = async () => {
    sender.close();
    await receiver.close();
    await kit.stop();
  };
  return { ...seeded, kit, email, receiver, sender, dispose };
}

describe('inbound SMTP receiver for fallback addresses (real SMTP over TCP)', () => {
  it('mail to an inbox fallback address lands in that inbox', async () => {
    const { kit, ws, workspace, inbox, sender, dispose } = await setup();
    await sender.sendMail({ envelope: { from: 'ola@customer.test', to: [inbox.fallbackAddress] }, raw: customerMail({ messageId: 'rx-1@customer.test', to: inbox.fallbackAddress, subject: 'Via fallback' }) });
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1);
    const [conversation] = (await ws.conversations.list({})).items;
    expect(conversation!.inboxId).toBe(inbox.id);
    expect(conversation!.subject).toBe('Via fallback');
    // The same message delivered again (an MTA retry) stays one message.
    await sender.sendMail({ envelope: { from: 'ola@customer.test', to: [inbox.fallbackAddress.toUpperCase()] }, raw: customerMail({ messageId: 'rx-1@customer.test', to: inbox.fallbackAddress }) });
    expect(await incomingMessages(kit, workspace.id)).toHaveLength(1);
    await dispose();
  });

  it('refuses unknown recipients at RCPT with 550 and accepts the known ones of the same message', async () => {
    const { kit, workspace, inbox, sender, dispose } = await setup();
    const refused = await sender
      .sendMail({ envelope: { from: 'ola@customer.test', to: ['nobody@in.inboxkit.test'] }, raw: customerMail({ messageId: 'rx-2@customer.test' }) })
      .catch((e: unknown) => e as { responseCode?: number; rejected?: string[] });
    expect(refused).toMatchObject({ responseCode: 550 });
    const mixed = await sender.sendMail({
      envelope: { from: 'ola@customer.test', to: ['nobody@in.inboxkit.test', inbox.fallbackAddress] },
      raw: customerMail({ messageId: 'rx-3@customer.test' }),
    });
    expect(mixed.rejected).toEqual(['nobody@in.inboxkit.test']);
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1);
    await dispose();
  });

  it('enforces the size limit: declared SIZE refused at MAIL FROM, undeclared oversize refused after DATA, nothing stored', async () => {
    const { kit, workspace, inbox, receiver, dispose } = await setup(2_000);
    const smtp = await rawSmtp(receiver.port);
    expect(await smtp.command('EHLO client.test')).toMatch(/^250 /);
    expect(await smtp.command('MAIL FROM:<ola@customer.test> SIZE=5000')).toMatch(/^552 /);
    expect(await smtp.command('MAIL FROM:<ola@customer.test>')).toMatch(/^250 /);
    expect(await smtp.command(`RCPT TO:<${inbox.fallbackAddress}>`)).toMatch(/^250 /);
    expect(await smtp.command('DATA')).toMatch(/^354 /);
    expect(await smtp.data(customerMail({ messageId: 'rx-big@customer.test', text: 'x'.repeat(5_000) }))).toMatch(/^552 /);
    // The session is still usable: a small message right after goes through.
    expect(await smtp.command('MAIL FROM:<ola@customer.test>')).toMatch(/^250 /);
    expect(await smtp.command(`RCPT TO:<${inbox.fallbackAddress}>`)).toMatch(/^250 /);
    expect(await smtp.command('DATA')).toMatch(/^354 /);
    expect(await smtp.data(customerMail({ messageId: 'rx-small@customer.test' }))).toMatch(/^250 /);
    smtp.close();
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1);
    expect((await incomingMessages(kit, workspace.id)).map((m) => m.externalId)).toEqual(['<rx-small@customer.test>']);
    await dispose();
  });

  it('defers mail with 451 while the kit is stopped, so the sending MTA retries', async () => {
    const { kit, inbox, receiver, dispose } = await setup();
    await kit.stop();
    const smtp = await rawSmtp(receiver.port);
    await smtp.command('EHLO client.test');
    await smtp.command('MAIL FROM:<ola@customer.test>');
    expect(await smtp.command(`RCPT TO:<${inbox.fallbackAddress}>`)).toMatch(/^451 /);
    smtp.close();
    await dispose();
  });

  it('rejects bad receiver options with VALIDATION naming the field', async () => {
    const email = emailChannel();
    await expect(email.receiver({ port: -1 })).rejects.toThrow(/port/);
    await expect(email.receiver({ port: 0, maxSize: 0 })).rejects.toThrow(/maxSize/);
  });
});
