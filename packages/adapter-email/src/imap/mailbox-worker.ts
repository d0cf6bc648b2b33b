import type { Channel, ChannelContext } from '@inboxkit/core';
import { ImapFlow } from 'imapflow';
import { describeError } from '../redact.js';
import { backoffDelay } from './backoff.js';
import { checkpointKey } from './checkpoint.js';
import type { ImapSettings, ImapTiming } from './imap-settings.js';
import { syncMailbox, type RawIngest } from './mailbox-sync.js';

/** What a mailbox worker needs from the kit. */
export type WorkerContext = Pick<ChannelContext, 'state' | 'leases' | 'clock' | 'logger' | 'resolveSecret'>;

/** One channel's mailbox being ingested. */
export interface MailboxWorker {
  /** The channel it serves. */
  readonly channelId: string;
  /** Whether this process holds the mailbox lease right now. */
  readonly owning: boolean;
  /** Stops after the batch in flight, logs out and releases the lease. Idempotent. */
  stop(): Promise<void>;
}

/** The global lease name of a channel's mailbox: one owner across every process on the store. */
export function mailboxLeaseName(channel: Channel, mailbox: string): string {
  return `email.imap:${channel.workspaceId}:${channel.id}:${mailbox}`;
}

/**
 * Starts ingesting one channel's mailbox: take the lease (retrying while another process
 * holds it), connect, sync above the checkpoint, then IDLE (or poll) for more; on any network
 * error or server restart reconnect with exponential backoff. Timers are real time (network
 * pacing); lease expiry uses the kit's clock.
 */
export function startMailboxWorker(deps: {
  channel: Channel;
  settings: ImapSettings;
  timing: ImapTiming;
  context: WorkerContext;
  holder: string;
  ingest: RawIngest;
}): MailboxWorker {
  const { channel, settings, timing, context, holder } = deps;
  const { logger } = context;
  const leaseName = mailboxLeaseName(channel, settings.mailbox);
  const fields = { channelId: channel.id, workspaceId: channel.workspaceId, mailbox: settings.mailbox };
  let stopped = false;
  let owning = false;
  let wake: (() => void) | null = null;

  /** Waits `ms`, or less when something wakes the worker (new mail, close, stop). */
  function sleep(ms: number): Promise<void> {
    if (stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (wake === done) wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      wake = done;
    });
  }

  async function holdLease(): Promise<boolean> {
    try {
      owning = await context.leases.acquire(leaseName, holder, timing.leaseTtlMs, context.clock.now());
    } catch (error) {
      logger.warn('email: mailbox lease check failed', { ...fields, error: describeError(error) });
      owning = false;
    }
    return owning;
  }

  async function session(onHealthy: () => void): Promise<void> {
    const password = await context.resolveSecret(settings.passwordRef);
    const imap = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: { user: settings.user, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    let closed = false;
    let changed = false;
    let failure: Error | null = null;
    imap.on('error', (error: Error) => (failure = error));
    imap.on('close', () => ((closed = true), wake?.()));
    imap.on('exists', () => ((changed = true), wake?.()));
    const renew = setInterval(() => {
      void holdLease().then((held) => {
        if (!held && !stopped) {
          logger.warn('email: mailbox lease lost, stopping ingestion here', fields);
          imap.close();
        }
      });
    }, Math.max(50, Math.floor(timing.leaseTtlMs / 3)));
    renew.unref?.();
    const live = () => !stopped && !closed && owning;
    try {
      await imap.connect();
      const lock = await imap.getMailboxLock(settings.mailbox);
      try {
        while (live()) {
          changed = false;
          await syncMailbox({
            client: imap,
            settings,
            state: context.state,
            workspaceId: channel.workspaceId,
            checkpointKey: checkpointKey(channel.id, settings.mailbox),
            batchSize: timing.batchSize,
            batchBytes: timing.batchBytes,
            ingest: deps.ingest,
            logger,
            aborted: () => !live(),
          });
          onHealthy();
          if (!live() || changed) continue;
          // IDLE when the server has it; either way the poll interval bounds the wait.
          if (imap.capabilities.has('IDLE')) void imap.idle().catch(() => undefined);
          await sleep(timing.pollIntervalMs);
        }
      } finally {
        if (!closed) lock.release();
      }
      if (closed && !stopped && owning) throw failure ?? new Error('IMAP connection closed');
    } catch (error) {
      throw new Error(describeError(error, [password]));
    } finally {
      clearInterval(renew);
      if (imap.usable) await imap.logout().catch(() => imap.close());
      else imap.close();
    }
  }

  const loop = (async () => {
    let attempt = 0;
    while (!stopped) {
      if (!(await holdLease())) {
        await sleep(Math.max(50, Math.floor(timing.leaseTtlMs / 2)));
        continue;
      }
      try {
        await session(() => (attempt = 0));
      } catch (error) {
        if (stopped) break;
        const delayMs = backoffDelay(attempt++, timing.backoff);
        logger.warn('email: IMAP connection failed, reconnecting', { ...fields, attempt, delayMs, error: describeError(error) });
        await sleep(delayMs);
      }
    }
  })();

  return {
    channelId: channel.id,
    get owning() {
      return owning;
    },
    async stop() {
      if (!stopped) {
        stopped = true;
        // Ends a sleep or IDLE wait; a batch in flight still completes before the loop ends.
        wake?.();
      }
      await loop;
      if (owning) {
        owning = false;
        await context.leases.release(leaseName, holder).catch((error: unknown) =>
          logger.warn('email: mailbox lease release failed', { ...fields, error: describeError(error) }),
        );
      }
    },
  };
}
