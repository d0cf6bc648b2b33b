import { describe, expect, it } from 'vitest';
import { ChannelError, createInboxKit, type ChannelAdapter, type Logger } from '@inboxkit/core';
import { manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

const PASSWORD = 'pa55-w0rd/with:chars';

// A channel that quotes its credentials in its error, as careless SMTP/HTTP clients do.
const leakyChannel: ChannelAdapter = {
  specificationVersion: 'v1',
  type: 'leaky',
  capabilities: { send: true },
  parseConfig: (config) => config as Record<string, unknown>,
  async doSend(request) {
    const password = await request.resolveSecret(String(request.channel.config.passwordRef));
    throw new ChannelError('leaky', `login failed for smtp://support:${encodeURIComponent(password)}@smtp.acme.test (password "${password}")`);
  },
};

describe('resolved secrets never leave the kit', () => {
  it('are redacted from deliveryError, the event log and the logs', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m, f) => lines.push(m + JSON.stringify(f)), info: (m, f) => lines.push(m + JSON.stringify(f)),
      warn: (m, f) => lines.push(m + JSON.stringify(f)), error: (m, f) => lines.push(m + JSON.stringify(f)),
    };
    const storage = memoryStorage();
    const kit = createInboxKit({
      storage, channels: [leakyChannel], clock: manualClock(), logger, fallbackEmailDomain: 'in.acme.test',
      secrets: { resolve: async (ref) => (ref === 'vault/smtp' ? PASSWORD : 'unknown') },
    });
    const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
    const agent = await ws.users.create({ name: 'Agent', email: 'agent@acme.test' });
    const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
    const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'leaky', name: 'leaky', config: { passwordRef: 'vault/smtp' } });
    const inbound = await kit.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'm1', from: { email: 'c@acme.test' }, text: 'hi' });
    const reply = await ws.conversations.reply(inbound.conversation!.id, { authorId: agent.id, text: 'hello' });

    expect(reply.deliveryStatus).toBe('failed');
    expect(reply.deliveryError).toContain('login failed');
    expect(reply.deliveryError).toContain('[redacted]');
    const stored = JSON.stringify(await ws.conversations.timeline(inbound.conversation!.id));
    const log = JSON.stringify(await ws.events.read({ limit: 1000 }));
    for (const text of [reply.deliveryError!, stored, log, lines.join('\n')]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
    expect(lines.some((l) => l.includes('delivery failed'))).toBe(true);
    await kit.stop();
  });
});
