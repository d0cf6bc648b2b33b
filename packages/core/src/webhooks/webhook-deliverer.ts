import type { Page } from '../domain/common.js';
import type { InboxEvent } from '../domain/events.js';
import type { KitRuntime } from '../kit/runtime.js';
import { backgroundJob } from '../runtime/background-job.js';
import type { CancelTimer } from '../runtime/clock.js';
import { errorFields } from '../runtime/error-fields.js';
import { holdLease } from '../runtime/held-lease.js';
import { recordAttempt } from './record-attempt.js';
import { sendWebhook } from './send-webhook.js';
import { webhookWants, type WebhookRecord } from './webhook.js';
import { cursorKey, readCursor, type WebhookCursor } from './webhook-cursor.js';
import { sealContext } from './webhook-secret.js';

/** Events read from the log per step. */
const BATCH = 100;
/**
 * How long the per-workspace delivery lease lasts without renewal; it is renewed every third of
 * this while delivery runs, so a crashed deliverer's workspaces are taken over within this long.
 */
export const WEBHOOK_LEASE_MS = 30_000;

/** The background delivery of every workspace's webhooks. Internal. */
export interface WebhookDeliverer {
  /** Listens for committed events and starts the periodic sweep (which delivers what a restart left). */
  start(): Promise<void>;
  /** Stops listening and cancels timers; resolves when attempts in flight are recorded. */
  stop(): Promise<void>;
  /** True while a workspace's delivery runs. */
  readonly busy: boolean;
  /** Resolves when no delivery runs; scheduled retries are not waited for. */
  idle(): Promise<void>;
}

/**
 * Creates the deliverer. Per workspace, one process at a time delivers (the lease
 * `webhooks:<workspaceId>`); each webhook's events go out one after another in `seq` order from
 * its cursor, webhooks of a workspace side by side. A committed event (local, or another
 * process's through the store feed) wakes its workspace; retries wake it on the kit's clock; the
 * sweep wakes every workspace with enabled webhooks every `sweepMs`.
 */
export function createWebhookDeliverer(runtime: KitRuntime): WebhookDeliverer {
  const { storage, clock, logger } = runtime;
  const runs = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const timers = new Map<string, { at: number; cancel: CancelTimer }>();
  /**
   * Workspaces that may have enabled webhooks: those the last sweep found, plus those with a
   * `webhook.*` event since it began. Events of other workspaces cost nothing (no storage call).
   */
  let withWebhooks = new Set<string>();
  /** Workspaces with a `webhook.*` event since the running sweep began. */
  const touched = new Set<string>();
  let started = false;

  const sweep = backgroundJob({
    name: 'webhook sweep',
    clock,
    logger,
    everyMs: runtime.webhooks.sweepMs,
    async run() {
      touched.clear();
      const found = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: Page<WebhookRecord> = await storage.records.listAll('webhook', { where: { enabled: true }, cursor, limit: 500 });
        for (const hook of page.items) found.add(hook.workspaceId);
        cursor = page.nextCursor;
      } while (cursor);
      // A webhook created while the pages were read may be missing from them: keep what events said.
      withWebhooks = new Set([...found, ...touched]);
      for (const workspaceId of found) wake(workspaceId);
    },
  });

  function retryAt(workspaceId: string, at: number): void {
    const existing = timers.get(workspaceId);
    if (!started || (existing && existing.at <= at)) return;
    existing?.cancel();
    const cancel = clock.setTimer(() => {
      timers.delete(workspaceId);
      wake(workspaceId);
    }, at - clock.now());
    timers.set(workspaceId, { at, cancel });
  }

  /** Moves the cursor past events the webhook does not want, unless another process moved it. */
  async function skipTo(hook: WebhookRecord, from: WebhookCursor, seq: number): Promise<boolean> {
    return storage.transaction(async (tx) => {
      const current = await readCursor(tx.state, hook.workspaceId, hook.id, true);
      if (!current || current.seq !== from.seq || current.attempts !== from.attempts) return false;
      await tx.state.put(hook.workspaceId, cursorKey(hook.id), { ...current, seq });
      return true;
    });
  }

  async function drain(hook: WebhookRecord): Promise<void> {
    const secret = runtime.sealer.open(hook.sealedSecret, sealContext(hook.workspaceId, hook.id));
    runtime.redactor.add(secret);
    while (started) {
      const cursor = await readCursor(storage.state, hook.workspaceId, hook.id);
      if (!cursor) return; // deleted meanwhile
      if (cursor.nextAttemptAt !== null && cursor.nextAttemptAt > clock.now()) return retryAt(hook.workspaceId, cursor.nextAttemptAt);
      const batch = await storage.events.read(hook.workspaceId, { after: cursor.seq, limit: BATCH });
      const event = batch.find((e) => webhookWants(hook, e));
      if (!event) {
        if (batch.length === 0 || !(await skipTo(hook, cursor, batch.at(-1)!.seq))) return;
        continue;
      }
      const at = clock.now();
      const outcome = await sendWebhook({ url: hook.url, secret, event, now: at, timeoutMs: runtime.webhooks.timeoutMs });
      const after = await recordAttempt(runtime, hook, cursor, event, { ...outcome, at });
      if (after.next === 'retry') return retryAt(hook.workspaceId, after.at);
      if (after.next === 'stop') return;
    }
  }

  async function deliver(workspaceId: string): Promise<void> {
    const lease = await holdLease(runtime, `webhooks:${workspaceId}`, WEBHOOK_LEASE_MS, { workspaceId });
    if (!lease) return; // another process delivers; the events that woke us wake it too
    try {
      const hooks = (await storage.records.list(workspaceId, 'webhook', { where: { enabled: true } })).items;
      const results = await Promise.allSettled(hooks.map(drain));
      for (const [i, result] of results.entries()) {
        if (result.status === 'rejected') {
          logger.error('webhook delivery failed; retrying at the next sweep', { workspaceId, webhookId: hooks[i]!.id, ...errorFields(result.reason) });
        }
      }
    } finally {
      await lease.release();
    }
  }

  function wake(workspaceId: string): void {
    if (!started || !withWebhooks.has(workspaceId)) return;
    if (runs.has(workspaceId)) {
      again.add(workspaceId); // events committed while it runs may be past what it read
      return;
    }
    const run = deliver(workspaceId)
      .catch((error: unknown) => logger.error('webhook delivery failed; retrying at the next sweep', { workspaceId, ...errorFields(error) }))
      .finally(() => {
        runs.delete(workspaceId);
        if (again.delete(workspaceId)) wake(workspaceId);
      });
    runs.set(workspaceId, run);
  }

  async function idle(): Promise<void> {
    while (runs.size > 0) await Promise.all(runs.values());
  }

  const onEvent = (event: InboxEvent) => {
    if (event.type.startsWith('webhook.')) {
      withWebhooks.add(event.workspaceId);
      touched.add(event.workspaceId);
    }
    wake(event.workspaceId);
  };

  return {
    async start() {
      if (started) return;
      started = true;
      runtime.bus.emitter.on('*', onEvent);
      await sweep.start();
    },
    async stop() {
      if (!started) return;
      started = false;
      runtime.bus.emitter.off('*', onEvent);
      sweep.stop();
      for (const { cancel } of timers.values()) cancel();
      timers.clear();
      again.clear();
      await idle();
    },
    get busy() {
      return runs.size > 0;
    },
    idle,
  };
}
