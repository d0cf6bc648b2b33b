// A started kit with webhooks on a memory store, a manual clock at real time (receivers check
// the signature timestamp against Date.now()) and a real HTTP receiver.
import { createInboxKit, type InboxKit, type Logger, type Storage, type WebhookOptions, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, createWebhookReceiver, manualClock, type ManualClock, type WebhookReceiver } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

export const ENCRYPTION_KEY = 'test-key-0123456789-0123456789-0123456789';

/** Quick retries so tests advance the clock by seconds; a timeout long enough for a loaded machine. */
export const FAST: WebhookOptions = {
  encryptionKey: ENCRYPTION_KEY,
  retry: { initialMs: 1_000, maxMs: 4_000 },
  timeoutMs: 1_000,
  disableAfter: { failures: 1_000, ms: 0 },
};

export interface WebhookHarness {
  kit: InboxKit;
  clock: ManualClock;
  storage: Storage;
  receiver: WebhookReceiver;
  lines: string[];
  ws: WorkspaceApi;
  /** Makes `count` contacts (one `contact.created` event each). */
  contacts(count: number, from?: number): Promise<void>;
  /** Advances the clock by `ms` and waits for the deliveries it made due. */
  advance(ms: number): Promise<void>;
  /** Advances by the longest retry delay until `done()` (at most 20 times). */
  settle(done: () => boolean | Promise<boolean>): Promise<void>;
  stop(): Promise<void>;
}

export async function webhookHarness(options: WebhookOptions = FAST): Promise<WebhookHarness> {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const clock = manualClock(Date.now());
  const storage = memoryStorage();
  const kit = createInboxKit({ storage, clock, logger, channels: [createTestChannel()], fallbackEmailDomain: 'in.example.com', webhooks: options });
  await kit.start();
  const receiver = await createWebhookReceiver();
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
  const advance = async (ms: number) => {
    await clock.advance(ms);
    await kit.idle();
  };
  return {
    kit,
    clock,
    storage,
    receiver,
    lines,
    ws,
    async contacts(count, from = 0) {
      for (let i = from; i < from + count; i++) await ws.contacts.create({ email: `c${i}@acme.test` });
      await kit.idle();
    },
    advance,
    async settle(done) {
      for (let i = 0; i < 20 && !(await done()); i++) await advance(4_000);
    },
    async stop() {
      await kit.stop();
      await receiver.stop();
    },
  };
}
