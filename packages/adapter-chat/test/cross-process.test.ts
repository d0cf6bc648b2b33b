import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresStorage } from '@inboxkit/storage-postgres';
import { createInboxKit } from '@inboxkit/core';
import { chatChannel } from '../src/index.js';
import { newVisitorId, openVisitor, startChat } from './harness.js';

const DATABASE_URL = process.env.DATABASE_URL;
const reason = 'skipped: DATABASE_URL is not set (two processes need a real PostgreSQL server to share)';
const schema = `chat_xp_${randomBytes(4).toString('hex')}`;

// Two kits on two connection pools to one real PostgreSQL: what two processes see. The
// LISTEN/NOTIFY feed is the only path from the agent's kit to the visitor's socket.
(DATABASE_URL ? describe : describe.skip)(`chat across processes${DATABASE_URL ? '' : `: ${reason}`}`, () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('an agent reply written by another process reaches the visitor socket, once', async () => {
    const visitorStore = postgresStorage({ connectionString: DATABASE_URL!, schema });
    await visitorStore.migrate();
    const chatProcess = await startChat({ storage: visitorStore });
    const agentStore = postgresStorage({ connectionString: DATABASE_URL!, schema });
    const agentKit = createInboxKit({ storage: agentStore, channels: [chatChannel()], fallbackEmailDomain: 'in.example.com' });
    await agentKit.start();
    try {
      const visitor = await openVisitor(chatProcess.wsUrl);
      visitor.send({ type: 'hello', visitorId: newVisitorId() });
      visitor.send({ type: 'message', clientId: 'c1', text: 'Anyone in the other process?' });
      await visitor.next('message', (m) => m.clientId === 'c1');

      const ws = agentKit.workspace(chatProcess.workspaceId);
      const conversation = (await ws.conversations.list({ inboxId: chatProcess.inboxId })).items[0]!;
      expect(conversation.assigneeId).toBe(chatProcess.agentId);
      const reply = await ws.conversations.reply(conversation.id, { authorId: chatProcess.agentId, text: 'Yes, from process B' });
      expect(reply.deliveryStatus).toBe('sent');
      expect(await visitor.next('message', (m) => m.direction === 'outgoing', 10_000)).toMatchObject({ id: reply.id, text: 'Yes, from process B' });
      await new Promise((r) => setTimeout(r, 200));
      expect(visitor.messages().filter((m) => m.id === reply.id)).toHaveLength(1);
      await visitor.close();
    } finally {
      await agentKit.stop();
      await chatProcess.stop();
      await agentStore.close();
      await visitorStore.close();
    }
  });
});
