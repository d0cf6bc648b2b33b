import { describe, expect, it } from 'vitest';
import { ChannelError, InboxKitError, ValidationError, createInboxKit } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { emailChannel } from './email-channel.js';

const config = {
  address: 'Support@Acme.test',
  imap: { host: 'imap.acme.test', port: 993, user: 'support', passwordRef: 'imap-support' },
  smtp: { host: 'smtp.acme.test', port: 465, secure: true, user: 'support', passwordRef: 'smtp-support' },
};

describe('emailChannel', () => {
  it('rejects bad options when the factory is called, naming the field', () => {
    expect(() => emailChannel({ limits: { attachmentBytes: -1 } })).toThrow(/limits\.attachmentBytes/);
    expect(() => emailChannel({ bogus: true } as never)).toThrow(/bogus/);
    try {
      emailChannel({ outbound: { transport: {} } as never });
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
    }
  });

  it('validates channel config: address lower-cased, secure defaults to true, inline passwords refused', () => {
    const email = emailChannel();
    expect(email.type).toBe('email');
    expect(email.parseConfig(config)).toMatchObject({ address: 'support@acme.test', imap: { secure: true } });
    expect(() => email.parseConfig({ ...config, address: 'nope' })).toThrow(/address/);
    expect(() => email.parseConfig({ ...config, imap: { ...config.imap, port: 70000 } })).toThrow(/imap\.port/);
    expect(() => email.parseConfig({ ...config, smtp: { ...config.smtp, password: 'x' } })).toThrow(/smtp\.password/);
  });

  it('ingestRaw before kit.start() is a CHANNEL error', async () => {
    const email = emailChannel();
    await expect(email.ingestRaw('Subject: hi\r\n\r\nbody', { channelId: 'ch_x' })).rejects.toSatisfy(ChannelError.isInstance);
  });

  it('ingests raw mail into a channel of a started kit', async () => {
    const email = emailChannel();
    const kit = createInboxKit({ storage: memoryStorage(), channels: [email] });
    await kit.start();
    const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
    const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [], teams: [] } });
    const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'email', name: 'support', config });
    const raw = 'From: Ann <ann@example.com>\r\nTo: support@acme.test\r\nSubject: Help\r\nMessage-ID: <m1@example.com>\r\n\r\nMy printer is on fire.\r\n';
    const result = await email.ingestRaw(Buffer.from(raw), { channelId: channel.id });
    expect(result.status).toBe('accepted');
    await expect(email.ingestRaw(raw, { channelId: 'ch_missing' })).rejects.toSatisfy((e) => InboxKitError.isInstance(e) && e.code === 'NOT_FOUND');
    await kit.stop();
  });
});
