import type { InboxEvent, Logger } from '@inboxkit/core';
import type { ChannelListener } from './notify-hub.js';
import { parseNotifyPayload } from '../stores/events.js';

/** How many events one catch-up read fetches. */
const BATCH = 500;
/** Wait before retrying a catch-up read that failed while LISTEN stayed up. */
const RETRY_MS = 1_000;

/** What the feed needs from the store. */
export interface FeedSource {
  /** LISTENs on the event log's channel (the store's shared `NotifyHub`). */
  listen(listener: Omit<ChannelListener, 'channel'>): Promise<() => Promise<void>>;
  logger: Logger;
  /** Events of a workspace after `after`, in seq order. */
  read(workspaceId: string, after: number, limit: number): Promise<InboxEvent[]>;
  /** Every workspace's last seq. */
  lastSeqs(): Promise<Map<string, number>>;
}

type Listener = (event: InboxEvent) => void;

/**
 * The cross-process event feed behind `storage.subscribe()`. NOTIFY is only a wake-up: the
 * feed keeps a delivered-up-to cursor per workspace and reads the log after it, so events
 * come in seq order, each once, and a dropped LISTEN connection loses nothing (on reconnect
 * every workspace whose last seq passed its cursor is caught up).
 *
 * Cursors start at each workspace's last seq when the feed starts (a workspace without events
 * then starts at 0), so subscribers get the events committed after `subscribe()` resolved.
 */
export class EventFeed {
  private readonly listeners = new Set<Listener>();
  private readonly cursors = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private pumping = false;
  private started: Promise<() => Promise<void>> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly source: FeedSource) {}

  async subscribe(listener: Listener): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    try {
      await (this.started ??= this.start());
    } catch (error) {
      this.listeners.delete(listener);
      this.started = null;
      throw error;
    }
    return async () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) await this.stop();
    };
  }

  /** Stops listening; called when the last subscriber leaves and on `close()`. */
  async stop(): Promise<void> {
    const started = this.started;
    this.started = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.cursors.clear();
    this.dirty.clear();
    if (started) await (await started.catch(() => async () => undefined))();
  }

  private start(): Promise<() => Promise<void>> {
    // Until the first snapshot of cursors exists, a notified workspace has no cursor to
    // compare with (0 would replay its whole history): hold those wake-ups back.
    let held: Set<string> | null = new Set();
    return this.source.listen({
      onNotification: (payload) => {
        const notice = parseNotifyPayload(payload);
        if (!notice) return;
        if (held) held.add(notice.workspaceId);
        else if (notice.seq > (this.cursors.get(notice.workspaceId) ?? 0)) this.wake([notice.workspaceId]);
      },
      onConnected: async () => {
        const seqs = await this.source.lastSeqs();
        if (held) {
          for (const [workspaceId, seq] of seqs) this.cursors.set(workspaceId, seq);
          const woken = [...held];
          held = null;
          this.wake(woken); // reads after the cursor: finds only what committed after the snapshot
          return;
        }
        // Reconnected: whatever was committed while we were away has no NOTIFY left.
        this.wake([...seqs].filter(([ws, seq]) => seq > (this.cursors.get(ws) ?? 0)).map(([ws]) => ws));
      },
      onError: (error) => this.source.logger.warn('[postgres] event feed connection failed; retrying', { error }),
    });
  }

  private wake(workspaceIds: string[]): void {
    for (const ws of workspaceIds) this.dirty.add(ws);
    void this.pump();
  }

  /** Catches up dirty workspaces one at a time, so each workspace's events stay in order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (const ws of this.dirty) {
        this.dirty.delete(ws);
        await this.catchUp(ws);
      }
    } catch (error) {
      this.source.logger.warn('[postgres] event feed read failed; retrying', { error });
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        void this.pump();
      }, RETRY_MS);
      this.retryTimer.unref();
    } finally {
      this.pumping = false;
    }
  }

  private async catchUp(workspaceId: string): Promise<void> {
    for (;;) {
      if (this.started === null) return;
      const after = this.cursors.get(workspaceId) ?? 0;
      let events: InboxEvent[];
      try {
        events = await this.source.read(workspaceId, after, BATCH);
      } catch (error) {
        this.dirty.add(workspaceId); // try this workspace again on retry
        throw error;
      }
      for (const event of events) {
        if (this.started === null) return;
        this.cursors.set(workspaceId, event.seq);
        this.deliver(event);
      }
      if (events.length < BATCH) return;
    }
  }

  private deliver(event: InboxEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One failing listener must not stop the others or the feed.
        this.source.logger.error('[postgres] event listener threw', { error, eventId: event.id });
      }
    }
  }
}
