import type { CancelTimer, Clock } from '../runtime/clock.js';
import type { Notification } from '../runtime/host.js';
import { errorFields } from '../runtime/error-fields.js';
import type { Logger } from '../runtime/logger.js';

/**
 * How notifications are delivered to the host's `Notifier`. Delivery is at-least-once: an
 * attempt that timed out may still have reached the user when it is retried.
 */
export interface NotificationPolicy {
  /** Attempts per notification, the first included. Default `3`. */
  maxAttempts: number;
  /** Wait before the n-th retry, in ms; the last value repeats. Default `[5_000, 60_000]`. */
  retryDelaysMs: number[];
  /** An attempt still running after this long counts as failed. Default `10_000`. */
  timeoutMs: number;
  /** Deliveries running at once. Default `4`. */
  concurrency: number;
  /** Notifications waiting for a slot; when full, the oldest is dropped (and logged). Default `10_000`. */
  maxQueued: number;
}

/** The documented default policy. */
export const DEFAULT_NOTIFICATION_POLICY: Readonly<NotificationPolicy> = Object.freeze({
  maxAttempts: 3,
  retryDelaysMs: [5_000, 60_000],
  timeoutMs: 10_000,
  concurrency: 4,
  maxQueued: 10_000,
});

interface Job {
  notification: Notification;
  attempt: number;
}

function ids(n: Notification) {
  return { workspaceId: n.workspaceId, userId: n.userId, type: n.type, conversationId: n.conversationId };
}

/** Resolves or rejects like `promise`, or rejects after `ms` of `clock` time. */
function withTimeout(promise: Promise<void>, ms: number, clock: Clock): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancel = clock.setTimer(() => reject(new Error(`no answer after ${ms} ms`)), ms);
    promise.then(
      () => (cancel(), resolve()),
      (error: unknown) => (cancel(), reject(error)),
    );
  });
}

/**
 * A bounded queue in front of the notifier: limited concurrency, a timeout per attempt,
 * retries on the kit's clock, and a cap on what waits. Nothing here ever throws to the caller,
 * so a broken notifier cannot break the state change that caused the notification.
 */
export class DeliveryQueue {
  private readonly waiting: Job[] = [];
  private readonly retries = new Set<CancelTimer>();
  private readonly idleWaiters: Array<() => void> = [];
  private running = 0;
  /** Bumped by `stop()`: attempts started before it do not retry. */
  private generation = 0;

  constructor(
    private readonly send: (notification: Notification) => Promise<void>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: NotificationPolicy,
  ) {}

  /** Queues a notification for delivery. */
  push(notification: Notification, attempt = 1): void {
    if (this.waiting.length >= this.policy.maxQueued) {
      const dropped = this.waiting.shift()!;
      this.logger.warn('notification queue full; dropped the oldest', ids(dropped.notification));
    }
    this.waiting.push({ notification, attempt });
    this.pump();
  }

  /** True while deliveries run or wait for a slot (scheduled retries do not count). */
  get busy(): boolean {
    return this.running > 0 || this.waiting.length > 0;
  }

  /** Resolves once nothing runs or waits. Retries still scheduled on the clock are not waited for. */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /**
   * Drops waiting notifications and cancels retries, scheduled or yet to be (the kit stopping).
   * Running attempts finish. Notifications pushed afterwards are delivered normally.
   */
  stop(): void {
    this.generation++;
    this.waiting.length = 0;
    for (const cancel of this.retries) cancel();
    this.retries.clear();
  }

  private pump(): void {
    while (this.running < this.policy.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.attempt(job).finally(() => {
        this.running--;
        this.pump();
        if (!this.busy) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  /** Calls the notifier now; a synchronous throw becomes a rejection like any other failure. */
  private call(notification: Notification): Promise<void> {
    try {
      return this.send(notification);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async attempt(job: Job): Promise<void> {
    const generation = this.generation;
    try {
      await withTimeout(this.call(job.notification), this.policy.timeoutMs, this.clock);
    } catch (error) {
      const fields = { ...ids(job.notification), attempt: job.attempt, ...errorFields(error) };
      if (job.attempt >= this.policy.maxAttempts || generation !== this.generation) {
        this.logger.error('notification failed; giving up', fields);
        return;
      }
      const delays = this.policy.retryDelaysMs;
      const delay = delays[Math.min(job.attempt - 1, delays.length - 1)] ?? 0;
      this.logger.warn('notification failed; will retry', { ...fields, retryInMs: delay });
      const cancel = this.clock.setTimer(() => {
        this.retries.delete(cancel);
        this.push(job.notification, job.attempt + 1);
      }, delay);
      this.retries.add(cancel);
    }
  }
}
