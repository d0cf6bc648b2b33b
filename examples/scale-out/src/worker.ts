// One process of the deployment: its own kit and connection pool on the shared PostgreSQL.
// Started by `cluster.ts` with `fork`; reports every event it sees (its own commits and, via
// the store's LISTEN/NOTIFY feed, everyone else's) and runs the parent's commands.
import { createInboxKit, type InboundMessage } from '@inboxkit/core';
import { postgresStorage } from '@inboxkit/storage-postgres';
import type { WorkerCommand, WorkerReport } from './protocol.js';
import { webChannel } from './web-channel.js';

const report = (message: WorkerReport): void => void process.send!(message);
const { DATABASE_URL, INBOXKIT_SCHEMA } = process.env;
if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');

const storage = postgresStorage({ connectionString: DATABASE_URL, schema: INBOXKIT_SCHEMA ?? 'inboxkit' });
const kit = createInboxKit({ storage, channels: [webChannel()], fallbackEmailDomain: 'in.example.com' });
kit.events.on('*', (event) => report({ type: 'event', id: event.id, seq: event.seq, eventType: event.type, workspaceId: event.workspaceId, data: event.data as Record<string, unknown> }));
await storage.migrate(); // every process may migrate at boot: an advisory lock makes the others wait, then find nothing to do
await kit.start(); // also subscribes to the cross-process event feed

async function ingestAll(messages: InboundMessage[], concurrency: number) {
  let next = 0;
  const lane = async () => {
    while (next < messages.length) {
      const message = messages[next++]!;
      const result = await kit.ingest(message);
      report({ type: 'ingested', externalId: message.externalId, status: result.status, duplicate: result.duplicate, conversationId: result.conversation?.id ?? null });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function run(command: WorkerCommand): Promise<void> {
  switch (command.cmd) {
    case 'ingest':
      await ingestAll(command.messages, command.concurrency);
      return report({ type: 'ingest-done' });
    case 'reply': {
      const reply = await kit.workspace(command.workspaceId).conversations.reply(command.conversationId, { authorId: command.authorId, text: command.text });
      return report({ type: 'replied', messageId: reply.id, deliveryStatus: reply.deliveryStatus ?? 'unknown' });
    }
    case 'stop':
      await kit.stop();
      await storage.close();
      process.disconnect();
  }
}

process.on('message', (command: WorkerCommand) => {
  run(command).catch((error: unknown) => report({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
report({ type: 'ready' });
