import type { CancelTimer, Clock } from '../runtime/clock.js';
import { errorFields } from '../runtime/error-fields.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import type { StorageSignal } from '../storage/signals.js';
import {
  presenceSignalSchema,
  TYPING_TTL_MS,
  VIEWING_TTL_MS,
  type PresenceChange,
  type PresenceSignal,
  type PresentUser,
} from './presence-signal.js';

/** One user's presence in one conversation, and the timer that ends its current state. */
interface Entry {
  inboxId: string;
  viewingUntil: number;
  typingUntil: number;
  timer: CancelTimer | null;
}

type ChangeListener = (change: PresenceChange) => void;

const key = (workspaceId: string, conversationId: string) => `${workspaceId}\n${conversationId}`;

/**
 * The kit's view of who is present where: an in-memory map fed by presence signals. With a
 * store that has `signals`, every signal goes through the store and comes back through
 * `subscribeSignals` (to this process and all others), so all processes apply the same
 * signals in the same order; without, signals are applied here only (one process). Expiry
 * runs on the kit clock: a timer per entry announces `typing` ending and users going away.
 * Nothing here is ever stored.
 */
export class PresenceTracker {
  private readonly conversations = new Map<string, Map<string, Entry>>();
  private readonly listeners = new Set<ChangeListener>();
  private subscription: Promise<(() => Promise<void>) | null> | null = null;

  constructor(private readonly runtime: { storage: Storage; clock: Clock; logger: Logger }) {}

  private get shared(): boolean {
    const { storage } = this.runtime;
    return Boolean(storage.capabilities.signals && storage.signal && storage.subscribeSignals);
  }

  /** Starts listening to the store's signals (once; again after `stop`). */
  start(): Promise<void> {
    this.subscription ??= this.shared ? this.runtime.storage.subscribeSignals!((signal) => this.receive(signal)) : Promise.resolve(null);
    return this.subscription.then(
      () => undefined,
      (error: unknown) => {
        this.subscription = null;
        throw error;
      },
    );
  }

  /** Stops listening and forgets everyone (their timers too). */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    for (const entries of this.conversations.values()) for (const entry of entries.values()) entry.timer?.();
    this.conversations.clear();
    const unsubscribe = await subscription?.catch(() => null);
    await unsubscribe?.();
  }

  /** Sends a signal to every process (this one included). */
  async send(workspaceId: string, signal: PresenceSignal): Promise<void> {
    await this.start();
    if (this.shared) await this.runtime.storage.signal!({ workspaceId, payload: signal });
    else this.apply(workspaceId, signal);
  }

  /** Users present in a conversation now, ordered by user id. */
  present(workspaceId: string, conversationId: string): PresentUser[] {
    const now = this.runtime.clock.now();
    const users: PresentUser[] = [];
    for (const [userId, entry] of this.conversations.get(key(workspaceId, conversationId)) ?? []) {
      if (entry.typingUntil > now) users.push({ userId, state: 'typing', expiresAt: entry.typingUntil });
      else if (entry.viewingUntil > now) users.push({ userId, state: 'viewing', expiresAt: entry.viewingUntil });
    }
    return users.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  }

  /** Adds a listener of changes in every workspace; returns its removal. */
  onChange(listener: ChangeListener): () => void {
    // Wrapped so one function added twice is two subscriptions, each removed on its own.
    const wrapped: ChangeListener = (change) => listener(change);
    this.listeners.add(wrapped);
    return () => void this.listeners.delete(wrapped);
  }

  private receive({ workspaceId, payload }: StorageSignal): void {
    const parsed = presenceSignalSchema.safeParse(payload);
    if (parsed.success) this.apply(workspaceId, parsed.data);
  }

  private apply(workspaceId: string, signal: PresenceSignal): void {
    const k = key(workspaceId, signal.conversationId);
    const entries = this.conversations.get(k) ?? new Map<string, Entry>();
    this.conversations.set(k, entries);
    const entry = entries.get(signal.userId);
    const before = this.stateOf(entry);
    entry?.timer?.();
    if (signal.state === 'left') {
      entries.delete(signal.userId);
      if (entries.size === 0) this.conversations.delete(k);
    } else {
      const next: Entry = {
        inboxId: signal.inboxId,
        viewingUntil: Math.max(entry?.viewingUntil ?? 0, signal.at + VIEWING_TTL_MS),
        // `viewing` says "not typing (any more)": a sent reply ends the typing indicator at once.
        typingUntil: signal.state === 'typing' ? signal.at + TYPING_TTL_MS : 0,
        timer: null,
      };
      entries.set(signal.userId, next);
      this.schedule(workspaceId, signal.conversationId, signal.userId, next);
    }
    this.announce(workspaceId, signal.conversationId, signal.inboxId, signal.userId, before, this.stateOf(entries.get(signal.userId)));
  }

  /** Arms the entry's timer for its next lapse (typing → viewing, or viewing → gone). */
  private schedule(workspaceId: string, conversationId: string, userId: string, entry: Entry): void {
    const now = this.runtime.clock.now();
    const before = this.stateOf(entry);
    const lapse = entry.typingUntil > now ? entry.typingUntil : entry.viewingUntil;
    entry.timer = this.runtime.clock.setTimer(() => {
      const entries = this.conversations.get(key(workspaceId, conversationId));
      if (entries?.get(userId) !== entry) return; // replaced or left meanwhile
      const after = this.stateOf(entry);
      if (after === 'gone') {
        entries.delete(userId);
        if (entries.size === 0) this.conversations.delete(key(workspaceId, conversationId));
      } else this.schedule(workspaceId, conversationId, userId, entry);
      this.announce(workspaceId, conversationId, entry.inboxId, userId, before, after);
    }, Math.max(0, lapse - now));
  }

  private stateOf(entry: Entry | undefined): PresenceChange['state'] {
    const now = this.runtime.clock.now();
    if (!entry) return 'gone';
    if (entry.typingUntil > now) return 'typing';
    return entry.viewingUntil > now ? 'viewing' : 'gone';
  }

  private announce(workspaceId: string, conversationId: string, inboxId: string, userId: string, before: string, state: PresenceChange['state']): void {
    if (before === state) return;
    const change: PresenceChange = { workspaceId, conversationId, inboxId, userId, state, at: this.runtime.clock.now() };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.runtime.logger.error('presence listener threw', { workspaceId, conversationId, ...errorFields(error) });
      }
    }
  }
}
