import { randomToken, type Channel, type ChannelContext } from '@inboxkit/core';
import { describeError } from '../redact.js';
import type { ImapSettings, ImapTiming } from './imap-settings.js';
import type { RawIngest } from './mailbox-sync.js';
import { startMailboxWorker, type MailboxWorker } from './mailbox-worker.js';

/** One mailbox as seen from this process. */
export interface ImapMailboxStatus {
  /** The channel. */
  channelId: string;
  /** This process holds the mailbox lease and ingests it; `false` = standing by while another process does. */
  owning: boolean;
}

/** Runs one mailbox worker per connected email channel with IMAP settings. */
export interface ImapIngestion {
  /** Starts workers for every active channel and keeps the set current. Idempotent while started. */
  start(context: ChannelContext): Promise<void>;
  /** Stops every worker (each releases its lease). Idempotent. */
  stop(): Promise<void>;
  /** A channel was connected or reconfigured: (re)start its worker. */
  onConnect(channel: Channel): Promise<void>;
  /** A channel was disconnected: stop its worker. */
  onDisconnect(channel: Channel): Promise<void>;
  /** The mailboxes this process runs a worker for, and whether it holds each one's lease. */
  status(): ImapMailboxStatus[];
}

/** Builds the IMAP side of the email adapter. */
export function imapIngestion(deps: {
  timing: ImapTiming;
  /** The channel's IMAP settings, or `null` when it has none (send-only or webhook intake). */
  settingsOf: (channel: Channel) => ImapSettings | null;
  /** The raw intake for one channel. */
  ingestFor: (channel: Channel) => RawIngest;
}): ImapIngestion {
  let context: ChannelContext | null = null;
  let rescan: ReturnType<typeof setInterval> | null = null;
  // One holder id per start: a restarted kit is a new owner, and its old lease is released on stop.
  let holder = '';
  const workers = new Map<string, { worker: MailboxWorker; signature: string }>();
  let queue: Promise<void> = Promise.resolve();

  /** Serializes changes to the worker set (connects, rescans and stop may overlap). */
  function serial(task: () => Promise<void>): Promise<void> {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  }

  async function ensure(channel: Channel): Promise<void> {
    const settings = channel.status === 'active' ? deps.settingsOf(channel) : null;
    // The worker keeps its channel snapshot, so any config change (address too) restarts it.
    const signature = settings ? JSON.stringify([settings, channel.config, channel.inboxId]) : '';
    const current = workers.get(channel.id);
    if (current && current.signature === signature) return;
    if (current) {
      workers.delete(channel.id);
      await current.worker.stop();
    }
    if (!settings || !context) return;
    const worker = startMailboxWorker({ channel, settings, timing: deps.timing, context, holder, ingest: deps.ingestFor(channel) });
    workers.set(channel.id, { worker, signature });
  }

  async function syncChannels(): Promise<void> {
    if (!context) return;
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await context.listChannels({ cursor, limit: 100 });
      for (const channel of page.items) {
        seen.add(channel.id);
        await ensure(channel);
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const [id, { worker }] of [...workers]) {
      if (seen.has(id)) continue;
      workers.delete(id);
      await worker.stop();
    }
  }

  return {
    async start(ctx) {
      if (rescan) return;
      rescan = setInterval(() => {
        void serial(syncChannels).catch((error: unknown) =>
          ctx.logger.warn('email: channel rescan failed', { error: describeError(error) }),
        );
      }, deps.timing.channelRescanMs);
      rescan.unref?.();
      await serial(async () => {
        context = ctx;
        holder = `imap-${randomToken(12)}`;
      });
      await serial(syncChannels);
    },
    async stop() {
      if (rescan) clearInterval(rescan);
      rescan = null;
      await serial(async () => {
        context = null;
        const all = [...workers.values()].map((w) => w.worker);
        workers.clear();
        await Promise.all(all.map((w) => w.stop()));
      });
    },
    onConnect: (channel) => serial(() => ensure(channel)),
    onDisconnect: (channel) => serial(() => ensure({ ...channel, status: 'disconnected' })),
    status: () => [...workers.values()].map(({ worker }) => ({ channelId: worker.channelId, owning: worker.owning })),
  };
}
