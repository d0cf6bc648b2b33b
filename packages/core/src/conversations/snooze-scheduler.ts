import { backgroundJob, type BackgroundJob } from '../runtime/background-job.js';
import type { CancelTimer } from '../runtime/clock.js';
import { errorFields } from '../runtime/error-fields.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { changeStatus } from './status.js';

const SWEEP_MS = 60_000;

/**
 * Wakes snoozed conversations when their time comes: a timer per snooze made in this
 * process, plus a periodic sweep (after `start`) that catches snoozes made by other processes
 * or before a restart. Waking is idempotent, so several processes may race safely. A failing
 * sweep is logged and retried with backoff; a failed wake-up is picked up by a later sweep.
 */
export class SnoozeScheduler {
  private readonly timers = new Map<string, CancelTimer>();
  private readonly sweeper: BackgroundJob;

  constructor(private readonly runtime: KitRuntime) {
    this.sweeper = backgroundJob({ name: 'snooze sweep', clock: runtime.clock, logger: runtime.logger, everyMs: SWEEP_MS, run: () => this.sweep() });
  }

  /** Schedules the wake-up of one conversation. */
  schedule(workspaceId: string, conversationId: string, until: number): void {
    const key = `${workspaceId}/${conversationId}`;
    this.timers.get(key)?.();
    const cancel = this.runtime.clock.setTimer(async () => {
      this.timers.delete(key);
      await this.wake(workspaceId, conversationId);
    }, until - this.runtime.clock.now());
    this.timers.set(key, cancel);
  }

  /** Starts the periodic sweep (and sweeps once now). */
  start(): Promise<void> {
    return this.sweeper.start();
  }

  /** Cancels every timer. */
  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.sweeper.stop();
  }

  private async sweep(): Promise<void> {
    const due = await this.runtime.storage.conversations.listDueSnoozed(this.runtime.clock.now(), 500);
    for (const item of due) await this.wake(item.workspaceId, item.id);
  }

  private async wake(workspaceId: string, conversationId: string): Promise<void> {
    try {
      await new Scope(this.runtime, workspaceId, null).mutate(async (tx, events) => {
        const current = await tx.conversations.get(workspaceId, conversationId, { lock: true });
        const now = this.runtime.clock.now();
        if (!current || current.status !== 'snoozed' || (current.snoozedUntil ?? Infinity) > now) return;
        await tx.conversations.update(changeStatus(current, 'open', { now, by: { type: 'system', id: null } }, events));
      });
    } catch (error) {
      this.runtime.logger.error('waking a snoozed conversation failed', { workspaceId, conversationId, ...errorFields(error) });
    }
  }
}
