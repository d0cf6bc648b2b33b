// docs/getting-started.md's program, run as written (on the in-memory store) and checked.
import { afterEach, expect, it, vi } from 'vitest';
import { runPrinting } from './print-capture.js';

afterEach(() => vi.unstubAllEnvs());

it('the getting-started walk-through prints what the page says it does', async () => {
  vi.stubEnv('DATABASE_URL', ''); // the in-memory path; the PostgreSQL path is the storage suites' job
  const lines = await runPrinting(() => import('./getting-started.js'));
  expect(lines).toEqual([
    'created: true duplicate on redelivery: true',
    'assigned to Kari',
    'reply sent → channel got 1 message(s)',
    'events: workspace.created, user.created, inbox.created, channel.connected, routing.rule.set, contact.created, conversation.created, conversation.assigned, message.received, message.sent, conversation.followed, message.delivery.changed, conversation.status.changed',
    'error code: NOT_FOUND',
  ]);
});
