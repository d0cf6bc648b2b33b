import type { InboxEvent } from '../domain/events.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { backoffDelay } from '../runtime/background-job.js';
import { putDelivery, type WebhookDelivery } from './delivery-log.js';
import type { SendOutcome } from './send-webhook.js';
import type { WebhookRecord } from './webhook.js';
import { cursorKey, freshCursor, readCursor, type WebhookCursor } from './webhook-cursor.js';

const MAX_ERROR = 1000;

/** What delivery does after an attempt was recorded. */
export type AfterAttempt =
  /** Go on with the next event. */
  | { next: 'continue' }
  /** Wait until `at`, then retry the same event. */
  | { next: 'retry'; at: number }
  /** Stop: the webhook was deleted, disabled, or another process moved its cursor. */
  | { next: 'stop' };

/** Equal jitter: 50–100 % of the backoff, so endpoints recovering from an outage are not hit in lockstep. */
const jittered = (delay: number) => Math.round(delay * (0.5 + Math.random() * 0.5));

/**
 * Records one attempt in ONE transaction: the cursor moves (past the event on success or when
 * it is given up; to a retry time otherwise), the log entry is written, and a webhook failing
 * for long enough is disabled with its `webhook.disabled` event. Nothing is written when the
 * cursor is no longer the one the attempt started from (another process delivered meanwhile).
 */
export function recordAttempt(
  runtime: KitRuntime,
  hook: WebhookRecord,
  from: WebhookCursor,
  event: InboxEvent,
  outcome: SendOutcome & { at: number },
): Promise<AfterAttempt> {
  const { workspaceId } = hook;
  const options = runtime.webhooks;
  return new Scope(runtime, workspaceId, null).mutate(async (tx, events): Promise<AfterAttempt> => {
    const current = await readCursor(tx.state, workspaceId, hook.id, true);
    const record = await tx.records.get(workspaceId, 'webhook', hook.id);
    if (!current || !record || current.seq !== from.seq || current.attempts !== from.attempts) return { next: 'stop' };
    const attempt = current.attempts + 1;
    const number = current.logged + 1;
    const error = outcome.error === null ? null : runtime.redactor.redact(outcome.error).slice(0, MAX_ERROR);
    let cursor: WebhookCursor;
    let after: AfterAttempt;
    if (outcome.ok) {
      cursor = freshCursor(event.seq, number);
      after = { next: 'continue' };
    } else {
      const failures = current.failures + 1;
      const failingSince = current.failingSince ?? outcome.at;
      const givenUp = attempt >= options.maxAttempts;
      const at = runtime.clock.now() + jittered(backoffDelay(attempt, options.retry));
      // A retry stays on this event: the cursor rests just before it (seqs have no gaps).
      cursor = givenUp
        ? { seq: event.seq, attempts: 0, nextAttemptAt: null, failures, failingSince, logged: number }
        : { seq: event.seq - 1, attempts: attempt, nextAttemptAt: at, failures, failingSince, logged: number };
      after = givenUp ? { next: 'continue' } : { next: 'retry', at };
      if (record.enabled && failures >= options.disableAfter.failures && outcome.at - failingSince >= options.disableAfter.ms) {
        await tx.records.put('webhook', { ...record, enabled: false, disabledReason: 'failing', updatedAt: runtime.clock.now() });
        events.record('webhook.disabled', { webhookId: hook.id, inboxId: record.inboxId, failures, failingSince, lastError: error ?? '' });
        after = { next: 'stop' };
      }
    }
    const delivery: WebhookDelivery = {
      number,
      webhookId: hook.id,
      eventId: event.id,
      eventType: event.type,
      seq: event.seq,
      attempt,
      status: outcome.ok ? 'succeeded' : cursor.attempts === 0 ? 'failed' : 'retrying',
      httpStatus: outcome.httpStatus,
      durationMs: outcome.durationMs,
      error,
      responseBody: outcome.responseBody === null ? null : runtime.redactor.redact(outcome.responseBody),
      at: outcome.at,
    };
    await tx.state.put(workspaceId, cursorKey(hook.id), cursor);
    await putDelivery(tx.state, workspaceId, delivery, options.deliveryLogSize);
    return record.enabled ? after : { next: 'stop' };
  });
}
