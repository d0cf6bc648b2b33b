import { adapterContextOf } from '../../channels/adapter-context.js';
import type { ChannelAdapter, ChannelContext } from '../../channels/channel-adapter.js';
import type { Channel } from '../../domain/channel.js';
import type { InboxEvent } from '../../domain/events.js';
import type { Inbox } from '../../domain/inbox.js';
import type { IngestResult } from '../../ingest/ingest-result.js';
import { createInboxKit, type InboxKit } from '../../kit/create-inbox-kit.js';
import type { Logger } from '../../runtime/logger.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelConformanceDriver, ChannelTestContext, ConformanceInbound } from './driver.js';

/** Makes the adapter under test for one test. */
export type MakeAdapter<F> = (fixture: F) => ChannelAdapter | Promise<ChannelAdapter>;

/** Everything one conformance test works with; built fresh per test and disposed after it. */
export interface ConformanceEnv<F> {
  readonly driver: ChannelConformanceDriver<F>;
  readonly fixture: F;
  /** The adapter as `makeAdapter` returned it. */
  readonly adapter: ChannelAdapter;
  readonly storage: Storage;
  readonly kit: InboxKit;
  readonly workspaceId: string;
  readonly inbox: Inbox;
  /** An admin who writes the replies. */
  readonly authorId: string;
  /** Every log call, as JSON. */
  readonly logs: string[];
  /** Every event the kit emitted. */
  readonly events: InboxEvent[];
  /** Secret refs in the order they were resolved. */
  readonly resolutions: string[];
  /** Every result the adapter got from `context.ingest` (and each stored one of `context.ingestMany`), in order. */
  readonly ingests: IngestResult[];
  /** Errors the suite caught (scanned for secrets). */
  readonly errors: unknown[];
  /** Connects the driver's channel (or `config`) to the inbox. */
  connect(config?: unknown): Promise<Channel>;
  /** The hooks' view of the test; needs a connected channel. */
  context(channel: Channel): ChannelTestContext<F>;
  /** Pushes a message through the driver and waits for the adapter's next ingest. */
  deliver(channel: Channel, message: ConformanceInbound): Promise<IngestResult>;
  /** Polls `check` until it returns a value other than `undefined`; fails naming `what`. */
  waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T>;
  /** A channel context like the kit's, for driving `start`/`stop` directly. */
  channelContext(): ChannelContext;
  /** Stops the kit, cleans up the store and the fixture. */
  dispose(): Promise<void>;
}

function capturingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, fields: fields ?? {} }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** `context` with every result of `ingest`, and every stored result of `ingestMany`, appended to `ingests`. */
function recordingContext(context: ChannelContext, ingests: IngestResult[]): ChannelContext {
  return {
    ...context,
    ingest: async (message) => {
      const result = await context.ingest(message);
      ingests.push(result);
      return result;
    },
    ingestMany: async (messages) => {
      const results = await context.ingestMany(messages);
      // A failed message is what a throwing `ingest` would have been: nothing to record.
      for (const result of results) if (result.status !== 'failed') ingests.push(result);
      return results;
    },
  };
}

// The kit hands the adapter a context; this proxy records what its ingest doors answered.
function recordingAdapter(adapter: ChannelAdapter, ingests: IngestResult[]): ChannelAdapter {
  const start = adapter.start?.bind(adapter);
  return new Proxy(adapter, {
    get(target, property) {
      if (property === 'start' && start) return (context: ChannelContext) => start(recordingContext(context, ingests));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

let sequence = 0;

/** Builds a test's environment: fixture, adapter, store, kit (not started), workspace and inbox. */
export async function createEnv<F>(makeAdapter: MakeAdapter<F>, driver: ChannelConformanceDriver<F>): Promise<ConformanceEnv<F>> {
  const timeoutMs = driver.timeoutMs ?? 10_000;
  const fixture = (await driver.setup?.()) as F;
  const disposers: Array<() => Promise<void>> = [async () => driver.cleanup?.(fixture)];
  try {
    const adapter = await makeAdapter(fixture);
    const store = await driver.createStorage();
    disposers.unshift(store.cleanup ?? (() => store.storage.close()));
    const logs: string[] = [];
    const events: InboxEvent[] = [];
    const resolutions: string[] = [];
    const ingests: IngestResult[] = [];
    const errors: unknown[] = [];
    const logger = capturingLogger(logs);
    const resolveSecret = async (ref: string) => {
      resolutions.push(ref);
      const value = driver.secrets[ref];
      if (value === undefined) throw new Error(`unknown secret reference "${ref}"`);
      return value;
    };
    const kit = createInboxKit({
      storage: store.storage,
      channels: [recordingAdapter(adapter, ingests)],
      logger,
      fallbackEmailDomain: 'conformance.example.com',
      secrets: { resolve: resolveSecret },
    });
    disposers.unshift(() => kit.stop());
    kit.events.on('*', (event) => events.push(event));
    sequence += 1;
    const workspace = await kit.workspaces.create({ name: `Conformance ${sequence}` });
    const ws = kit.workspace(workspace.id);
    const author = await ws.users.create({ name: 'Ada Admin', email: `ada-${sequence}@conformance.example.com`, role: 'admin' });
    const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [author.id] } });

    const env: ConformanceEnv<F> = {
      driver,
      fixture,
      adapter,
      storage: store.storage,
      kit,
      workspaceId: workspace.id,
      inbox,
      authorId: author.id,
      logs,
      events,
      resolutions,
      ingests,
      errors,
      connect: (config = driver.config(fixture)) =>
        ws.channels.connect({ inboxId: inbox.id, type: adapter.type, name: 'conformance', config: config as Record<string, unknown> }),
      context: (channel) => ({ fixture, adapter, kit, workspaceId: workspace.id, inbox, channel }),
      async deliver(channel, message) {
        const before = ingests.length;
        await driver.deliver(env.context(channel), message);
        return env.waitFor(`the adapter to ingest message "${message.key}"`, async () => ingests[before]);
      },
      async waitFor(what, check) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const value = await check();
          if (value !== undefined) return value;
          if (Date.now() > deadline) throw new Error(`[channel conformance] timed out after ${timeoutMs} ms waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
      channelContext: () => {
        // The context the kit itself would hand the adapter, with ingests recorded.
        return recordingContext(adapterContextOf(kit, adapter.type), ingests);
      },
      async dispose() {
        for (const dispose of disposers.splice(0)) await dispose();
      },
    };
    return env;
  } catch (error) {
    for (const dispose of disposers.splice(0)) await dispose().catch(() => undefined);
    throw error;
  }
}
