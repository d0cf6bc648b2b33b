import type { EventStore, StateStore } from '../storage/storage.js';

/**
 * Where a webhook's delivery stands, kept in the state store so every process (and a restarted
 * one) continues exactly there. Written in the same transaction as each attempt's log entry.
 */
export interface WebhookCursor {
  /** The last event `seq` done with: delivered, skipped (not subscribed) or given up. */
  seq: number;
  /** Failed attempts of the next matching event so far. */
  attempts: number;
  /** No attempt before this time (a retry's backoff), or `null`. */
  nextAttemptAt: number | null;
  /** Failed attempts in a row, across events, since the last success. */
  failures: number;
  /** When the current run of failures began, or `null` after a success. */
  failingSince: number | null;
  /** Delivery log entries written so far (the log ring's head). */
  logged: number;
}

/** The state key of a webhook's cursor. */
export const cursorKey = (webhookId: string) => `webhook:${webhookId}:cursor`;

/** A cursor starting after `seq`. */
export function freshCursor(seq: number, logged = 0): WebhookCursor {
  return { seq, attempts: 0, nextAttemptAt: null, failures: 0, failingSince: null, logged };
}

/** The cursor, or `null` when the webhook has none (deleted). */
export function readCursor(state: StateStore, workspaceId: string, webhookId: string, lock = false): Promise<WebhookCursor | null> {
  return state.get<WebhookCursor>(workspaceId, cursorKey(webhookId), { lock });
}

/**
 * The workspace's last event `seq` (0 when none), found with `read` alone: doubling probes, then
 * a binary search, about 2·log2(n) single-row reads. A new webhook starts there, so it gets
 * what is committed after it, not the workspace's history.
 */
export async function lastEventSeq(events: EventStore, workspaceId: string): Promise<number> {
  const exists = async (seq: number) => seq === 0 || (await events.read(workspaceId, { after: seq - 1, limit: 1 })).length > 0;
  let low = 0;
  let high = 1;
  while (await exists(high)) {
    low = high;
    high *= 2;
  }
  // `low` exists, `high` does not: seqs have no gaps, so the last one is between.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await exists(mid)) low = mid;
    else high = mid;
  }
  return low;
}
