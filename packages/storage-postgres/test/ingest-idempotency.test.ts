import { createInboxKit, type InboundMessage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { afterEach, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { startChild, stopChild, type Child } from './helpers/processes.js';
import { describeOnServer } from './helpers/targets.js';

const PROCESSES = 4;
const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(stopChild));
});

describeOnServer('idempotent ingest across processes', (database) => {
  it(`${PROCESSES} processes ingesting the same message at once store exactly one message`, async () => {
    const { url, schema } = database();
    const storage = postgresStorage({ connectionString: url, schema });
    const kit = createInboxKit({ storage, channels: [createTestChannel()] });
    const workspace = await kit.workspaces.create({ name: 'Ingest race' });
    const ws = kit.workspace(workspace.id);
    const inbox = await ws.inboxes.create({ name: 'Support' });
    const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'Test', config: {} });
    const inbound: InboundMessage = {
      workspaceId: workspace.id,
      channelId: channel.id,
      externalId: '<race-1@mail.example.com>',
      from: { email: 'racer@example.com', name: 'Racer' },
      subject: 'Same message, four doors',
      text: 'Hello',
    };

    const ingesters = Array.from({ length: PROCESSES }, () => startChild('ingester.ts', [url, schema, JSON.stringify(inbound)]));
    children.push(...ingesters);
    await Promise.all(ingesters.map((child) => child.next('ready')));
    for (const child of ingesters) child.send('go');
    const results = await Promise.all(ingesters.map((child) => child.next('result')));

    expect(results.filter((r) => r.duplicate === false)).toHaveLength(1);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);

    const [stored] = results;
    expect((await storage.timeline.findByExternalId(workspace.id, channel.id, inbound.externalId))?.id).toBe(stored!.messageId);
    expect(await storage.conversations.count(workspace.id, {})).toBe(1);
    const contacts = await storage.contacts.list(workspace.id, { limit: 10 });
    expect(contacts.items.map((c) => c.email)).toEqual(['racer@example.com']);
    const timeline = await storage.timeline.list(workspace.id, String(stored!.conversationId), { limit: 10 });
    expect(timeline.items).toHaveLength(1);
    await storage.close();
  });
});
