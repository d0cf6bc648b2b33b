import type { InboxEvent } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import { createEventEmitter, type InboxEventEmitter } from './typed-emitter.js';

/** Hook run after events were committed (notifications, schedulers). Must not throw. */
export type CommitHook = (events: InboxEvent[]) => void;

/**
 * Emits committed events. Local commits are emitted right after commit; when the store has
 * a cross-process feed and the kit is started, events committed by *other* processes arrive
 * through it. Local events echoed by the feed are recognised by id and not emitted twice.
 */
export class EventBus {
  readonly emitter: InboxEventEmitter;
  private readonly publishOne: (event: InboxEvent) => void;
  private readonly hooks: CommitHook[] = [];
  private readonly localIds = new Set<string>();
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
  ) {
    const { emitter, publish } = createEventEmitter((error, event) =>
      logger.error('event listener threw', { type: event.type, eventId: event.id, error: String(error) }),
    );
    this.emitter = emitter;
    this.publishOne = publish;
  }

  /** Registers an after-commit hook for local commits. */
  onCommit(hook: CommitHook): void {
    this.hooks.push(hook);
  }

  /** Called before a commit with the ids it will append, so the feed echo can be skipped. */
  expect(ids: string[]): void {
    if (this.unsubscribe) for (const id of ids) this.localIds.add(id);
  }

  /** Called when a transaction failed: its ids will never be echoed. */
  forget(ids: string[]): void {
    for (const id of ids) this.localIds.delete(id);
  }

  /** Emits events this process just committed, then runs the commit hooks. */
  committed(events: InboxEvent[]): void {
    for (const event of events) this.publishOne(event);
    for (const hook of this.hooks) {
      try {
        hook(events);
      } catch (error) {
        this.logger.error('commit hook threw', { error: String(error) });
      }
    }
  }

  /** Starts receiving other processes' events through the store's feed, when it has one. */
  async start(): Promise<void> {
    if (this.unsubscribe || !this.storage.capabilities.subscribe || !this.storage.subscribe) return;
    this.unsubscribe = await this.storage.subscribe((event) => {
      if (this.localIds.delete(event.id)) return;
      this.publishOne(event);
    });
  }

  /** Stops the feed. */
  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    this.localIds.clear();
    await unsubscribe?.();
  }
}
