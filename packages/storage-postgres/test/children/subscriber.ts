// A separate process that subscribes to the event feed and reports every event it gets.
// Usage: subscriber.ts <databaseUrl> <schema>
import { postgresStorage } from '../../src/index.js';
import { fail, onStop, tell } from './child-io.js';

const [url, schema] = process.argv.slice(2) as [string, string];
const storage = postgresStorage({ connectionString: url, schema });
try {
  // receivedAt: epoch ms with sub-ms precision, comparable across processes of one machine.
  await storage.subscribe((event) =>
    tell({ type: 'event', workspaceId: event.workspaceId, seq: event.seq, id: event.id, receivedAt: performance.timeOrigin + performance.now() }),
  );
  onStop(() => storage.close());
  tell({ type: 'ready', pid: process.pid });
} catch (error) {
  fail(error);
}
