// A separate process running its own InboxKit on the shared database; on "go" it ingests one
// inbound message and reports the result. Usage: ingester.ts <databaseUrl> <schema> <inboundJson>
import { createInboxKit, type InboundMessage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { postgresStorage } from '../../src/index.js';
import { fail, tell, waitForParent } from './child-io.js';

const [url, schema, inbound] = process.argv.slice(2) as [string, string, string];
const storage = postgresStorage({ connectionString: url, schema });
const kit = createInboxKit({ storage, channels: [createTestChannel()] });
try {
  tell({ type: 'ready' });
  await waitForParent('go');
  const result = await kit.ingest(JSON.parse(inbound) as InboundMessage);
  tell({
    type: 'result',
    status: result.status,
    duplicate: result.duplicate,
    created: result.created,
    messageId: result.message?.id ?? null,
    conversationId: result.conversation?.id ?? null,
  });
  await storage.close();
} catch (error) {
  fail(error);
}
