// A separate process with its own kit that signals presence on the parent's conversation.
// Usage: presence-viewer.ts <databaseUrl> <schema> <workspaceId> <conversationId> <userId>
// On each stdin line `viewing` / `typing` / `leave` it sends that signal and says `sent`.
import { createInterface } from 'node:readline';
import { createInboxKit } from '@inboxkit/core';
import { postgresStorage } from '../../src/index.js';
import { fail, onStop, tell } from './child-io.js';

const [url, schema, workspaceId, conversationId, userId] = process.argv.slice(2) as [string, string, string, string, string];
const storage = postgresStorage({ connectionString: url, schema });
try {
  const kit = createInboxKit({ storage, fallbackEmailDomain: 'in.example.com' });
  await kit.start();
  const presence = kit.workspace(workspaceId).asUser(userId).presence;
  onStop(async () => {
    await kit.stop();
    await storage.close();
  });
  createInterface({ input: process.stdin }).on('line', (line) => {
    const action = line.trim();
    if (action !== 'viewing' && action !== 'typing' && action !== 'leave') return;
    presence[action](conversationId).then(() => tell({ type: 'sent', action }), fail);
  });
  tell({ type: 'ready', pid: process.pid });
} catch (error) {
  fail(error);
}
