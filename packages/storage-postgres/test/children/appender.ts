// A separate process that appends events to several workspaces, alternating plain appends and
// appends inside transactions, then exits. Event ids carry its tag.
// Usage: appender.ts <databaseUrl> <schema> <tag> <count> <workspaceId>...
import { postgresStorage } from '../../src/index.js';
import { fail, tell, waitForParent } from './child-io.js';

const [url, schema, tag, count, ...workspaces] = process.argv.slice(2) as [string, string, string, string, ...string[]];
const storage = postgresStorage({ connectionString: url, schema });
try {
  tell({ type: 'ready' });
  await waitForParent('go');
  for (let i = 0; i < Number(count); i++) {
    const workspaceId = workspaces[i % workspaces.length]!;
    const event = { id: `ev_${tag}_${i}`, type: 'workspace.created' as const, workspaceId, at: Date.now(), data: { name: tag } };
    if (i % 2 === 0) await storage.events.append(workspaceId, [event]);
    else await storage.transaction((tx) => tx.events.append(workspaceId, [event]));
  }
  await storage.close();
  tell({ type: 'done' });
} catch (error) {
  fail(error);
}
