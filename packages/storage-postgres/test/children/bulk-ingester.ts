// A separate process running its own InboxKit on the shared database; on "go" it ingests
// `count` new conversations (externalIds `<prefix>-<n>`, one sender each, 10 at a time) built
// from a template, then reports how many it ingested.
// Usage: bulk-ingester.ts <databaseUrl> <schema> <templateJson> <prefix> <count>
import { createInboxKit, type InboundMessage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { postgresStorage } from '../../src/index.js';
import { fail, tell, waitForParent } from './child-io.js';

const [url, schema, template, prefix, count] = process.argv.slice(2) as [string, string, string, string, string];
const storage = postgresStorage({ connectionString: url, schema });
const kit = createInboxKit({ storage, channels: [createTestChannel()] });
try {
  const base = JSON.parse(template) as InboundMessage;
  const numbers = Array.from({ length: Number(count) }, (_, n) => n);
  tell({ type: 'ready' });
  await waitForParent('go');
  for (let start = 0; start < numbers.length; start += 10) {
    await Promise.all(
      numbers.slice(start, start + 10).map((n) =>
        kit.ingest({ ...base, externalId: `${prefix}-${n}`, from: { email: `${prefix}-${n}@customers.example.com` } }),
      ),
    );
  }
  tell({ type: 'done', ingested: numbers.length });
  await kit.stop();
  await storage.close();
} catch (error) {
  fail(error);
}
