import type { AnyInboxEvent, InboxEvent } from '../domain/events.js';
import type { CommitHook } from '../events/event-bus.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { backgroundJob, backoffDelay, type Backoff } from '../runtime/background-job.js';
import type { CancelTimer } from '../runtime/clock.js';
import { errorFields } from '../runtime/error-fields.js';
import { drainQueue, requeueChatsOfAwayUser, type DrainTarget } from './drain-queue.js';

/** Keeps routing queues moving in the background. */
export interface RoutingAutomation {
  /** Register with `runtime.bus.onCommit`: reacts to committed events without delaying them. */
  readonly onCommit: CommitHook;
  /** True while drains or requeues run or wait. */
  readonly busy: boolean;
  /** Resolves once the drains started so far (and those they caused) are done; wake-up timers are not waited for. */
  idle(): Promise<void>;
  /**
   * Re-arms working-hours wake-ups lost with a restart: drains every workspace's queues once,
   * in the background (retried with backoff while storage fails). Resolves once queued.
   */
  start(): Promise<void>;
  /** Cancels wake-up and retry timers, also those drains still running would set (the kit stopping). Later events work normally. */
  stop(): void;
}

type Job = { kind: 'drain'; target: DrainTarget } | { kind: 'requeue'; userId: string };

/** Retry delays of a failing routing job; after `RETRY_ATTEMPTS` failures it waits for the next event. */
const RETRY: Backoff = { initialMs: 1_000, maxMs: 300_000 };
const RETRY_ATTEMPTS = 12;

/**
 * What a committed event means for the queues:
 * - a user became available, or changed working hours or capacity → drain their rules;
 * - a user went away → return their chats to the queue (rules with `requeueChatsOnAway`);
 * - an open conversation was closed or snoozed, taken from its assignee, marked spam (spam
 *   counts towards nobody's load) or moved out of an inbox → capacity freed in that inbox;
 * - a rule was set, or team or inbox membership changed → drain what they concern.
 * Drains assign only conversations that were waiting, whose events have no previous
 * assignee, so they never trigger themselves.
 */
export function jobsFor(event: AnyInboxEvent): Job[] {
  switch (event.type) {
    case 'user.availability.changed':
      return event.data.availability === 'available'
        ? [{ kind: 'drain', target: { userId: event.data.userId } }]
        : [{ kind: 'requeue', userId: event.data.userId }];
    case 'user.updated':
      return event.data.fields.some((f) => f === 'workingHours' || f === 'capacity') ? [{ kind: 'drain', target: { userId: event.data.userId } }] : [];
    case 'conversation.status.changed':
      return event.data.previousStatus === 'open' && event.data.status !== 'open' ? [{ kind: 'drain', target: { inboxId: event.data.inboxId } }] : [];
    case 'conversation.assigned':
      return event.data.previousAssigneeId !== null && event.data.assigneeId !== event.data.previousAssigneeId
        ? [{ kind: 'drain', target: { inboxId: event.data.inboxId } }]
        : [];
    case 'conversation.spam.marked':
      return [{ kind: 'drain', target: { inboxId: event.data.inboxId } }];
    case 'conversation.moved':
      return [{ kind: 'drain', target: { inboxId: event.data.fromInboxId } }];
    case 'routing.rule.set':
      return [{ kind: 'drain', target: { channelId: event.data.channelId } }];
    case 'team.updated':
    case 'team.deleted':
    case 'inbox.updated':
      return [{ kind: 'drain', target: {} }];
    default:
      return [];
  }
}

/**
 * Creates the routing automation of a kit. Jobs of a workspace run one after another (an
 * identical job already waiting is not queued twice). When routing leaves conversations
 * waiting because members are outside working hours, a wake-up is scheduled on the kit's
 * clock for when each starts again. Timers live in this process only: `start()` re-arms them
 * after a restart by draining every workspace once. A failing job is logged and retried with
 * backoff (`RETRY`), so a storage outage delays routing but never loses it.
 */
export function createRoutingAutomation(runtime: KitRuntime): RoutingAutomation {
  const chains = new Map<string, Promise<void>>();
  const queued = new Set<string>();
  const running = new Set<Promise<void>>();
  const wakeUps = new Map<string, { at: number; cancel: CancelTimer }>();
  const retries = new Set<CancelTimer>();
  const restore = backgroundJob({
    name: 'restoring routing wake-ups',
    clock: runtime.clock,
    logger: runtime.logger,
    everyMs: RETRY.maxMs,
    once: true,
    async run() {
      let cursor: string | null = null;
      do {
        const page = await runtime.storage.workspaces.list({ cursor, limit: 500 });
        for (const workspace of page.items) enqueue(workspace.id, { kind: 'drain', target: {} });
        cursor = page.nextCursor;
      } while (cursor);
    },
  });
  /** Bumped by `stop()`: drains started before it arm no wake-ups. */
  let generation = 0;

  function wakeAt(workspaceId: string, userId: string, at: number): void {
    const key = `${workspaceId}/${userId}`;
    const existing = wakeUps.get(key);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const cancel = runtime.clock.setTimer(() => {
      wakeUps.delete(key);
      enqueue(workspaceId, { kind: 'drain', target: { userId } });
    }, at - runtime.clock.now());
    wakeUps.set(key, { at, cancel });
  }

  async function run(workspaceId: string, job: Job): Promise<void> {
    const started = generation;
    const scope = new Scope(runtime, workspaceId, null);
    if (job.kind === 'requeue') {
      await requeueChatsOfAwayUser(scope, job.userId);
      return;
    }
    const result = await drainQueue(scope, job.target);
    if (started === generation) for (const [userId, at] of result.resumeAt) wakeAt(workspaceId, userId, at);
  }

  function retryLater(workspaceId: string, job: Job, failures: number, error: unknown): void {
    const fields = { workspaceId, job: job.kind, failures, ...errorFields(error) };
    if (failures >= RETRY_ATTEMPTS) {
      runtime.logger.error('routing queue job failed; giving up until the next change', fields);
      return;
    }
    const delay = backoffDelay(failures, RETRY);
    runtime.logger.error('routing queue job failed; retrying', { ...fields, retryInMs: delay });
    const started = generation;
    const cancel = runtime.clock.setTimer(() => {
      retries.delete(cancel);
      if (started === generation) enqueue(workspaceId, job, failures);
    }, delay);
    retries.add(cancel);
  }

  function enqueue(workspaceId: string, job: Job, failures = 0): void {
    const key = `${workspaceId}/${JSON.stringify(job)}`;
    if (queued.has(key)) return;
    queued.add(key);
    const task = (chains.get(workspaceId) ?? Promise.resolve())
      .then(() => {
        queued.delete(key);
        return run(workspaceId, job);
      })
      .catch((error: unknown) => retryLater(workspaceId, job, failures + 1, error));
    chains.set(workspaceId, task);
    running.add(task);
    void task.finally(() => {
      running.delete(task);
      if (chains.get(workspaceId) === task) chains.delete(workspaceId);
    });
  }

  function onEvent(event: InboxEvent): void {
    if (event.type === 'routing.unassigned') {
      for (const skipped of (event as InboxEvent<'routing.unassigned'>).data.skipped) {
        if (skipped.availableAt !== null) wakeAt(event.workspaceId, skipped.userId, skipped.availableAt);
      }
    }
    for (const job of jobsFor(event as AnyInboxEvent)) enqueue(event.workspaceId, job);
  }

  return {
    onCommit: (events) => {
      for (const event of events) onEvent(event);
    },
    get busy() {
      return running.size > 0;
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
    start: () => restore.start(),
    stop() {
      generation++;
      restore.stop();
      for (const { cancel } of wakeUps.values()) cancel();
      wakeUps.clear();
      for (const cancel of retries) cancel();
      retries.clear();
    },
  };
}
