import { describe, expect, it } from 'vitest';
import type { Notification } from '../runtime/host.js';
import type { Logger } from '../runtime/logger.js';
import { manualClock } from '../testing/manual-clock.js';
import { DEFAULT_NOTIFICATION_POLICY, DeliveryQueue, type NotificationPolicy } from './delivery-queue.js';

const note = (userId: string): Notification => ({ workspaceId: 'ws', userId, type: 'conversation.assigned', conversationId: 'conv', summary: 's' });

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const log = (level: string) => (message: string) => void lines.push([level, message]);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

/** A notifier whose calls stay pending until the test settles them. */
function controlledNotifier() {
  const calls: Array<{ n: Notification; resolve: () => void; reject: (e: Error) => void }> = [];
  const send = (n: Notification) => new Promise<void>((resolve, reject) => void calls.push({ n, resolve, reject }));
  return { calls, send };
}

function setup(send: (n: Notification) => Promise<void>, policy: Partial<NotificationPolicy> = {}) {
  const clock = manualClock();
  const { logger, lines } = recordingLogger();
  const queue = new DeliveryQueue(send, clock, logger, { ...DEFAULT_NOTIFICATION_POLICY, ...policy });
  return { clock, lines, queue };
}

describe('DeliveryQueue', () => {
  it('delivers and then reports idle', async () => {
    const delivered: string[] = [];
    const { queue } = setup(async (n) => void delivered.push(n.userId));
    queue.push(note('a'));
    queue.push(note('b'));
    await queue.idle();
    expect(delivered).toEqual(['a', 'b']);
    expect(queue.busy).toBe(false);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('smtp down'))],
    ['throws synchronously', () => { throw new Error('bug'); }],
  ])('retries a notifier that %s on the documented schedule, then gives up', async (_name, failing) => {
    let calls = 0;
    const { queue, clock, lines } = setup(() => (calls++, failing()));
    queue.push(note('a'));
    await queue.idle();
    expect(calls).toBe(1);
    await clock.advance(4_999);
    expect(calls).toBe(1);
    await clock.advance(1);
    await queue.idle();
    expect(calls).toBe(2);
    await clock.advance(60_000);
    await queue.idle();
    expect(calls).toBe(3);
    await clock.advance(10 * 60_000);
    expect(calls).toBe(3);
    expect(lines.map(([level]) => level)).toEqual(['warn', 'warn', 'error']);
  });

  it('counts a notifier that never answers as failed after the timeout', async () => {
    const notifier = controlledNotifier();
    const { queue, clock, lines } = setup(notifier.send, { retryDelaysMs: [1_000] });
    queue.push(note('a'));
    await clock.advance(9_999);
    expect(queue.busy).toBe(true);
    await clock.advance(1);
    await queue.idle();
    expect(lines).toEqual([['warn', 'notification failed; will retry']]);
    await clock.advance(1_000);
    expect(notifier.calls).toHaveLength(2);
    notifier.calls[1]!.resolve();
    await queue.idle();
    expect(lines).toHaveLength(1);
  });

  it('runs at most `concurrency` deliveries at once and drops the oldest beyond `maxQueued`', async () => {
    const notifier = controlledNotifier();
    const { queue, lines } = setup(notifier.send, { concurrency: 2, maxQueued: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) queue.push(note(id));
    expect(notifier.calls.map((c) => c.n.userId)).toEqual(['a', 'b']);
    // c was the oldest waiting when f arrived: dropped.
    expect(lines).toEqual([['warn', 'notification queue full; dropped the oldest']]);
    for (const call of notifier.calls) call.resolve();
    await new Promise((r) => setImmediate(r));
    expect(notifier.calls.map((c) => c.n.userId)).toEqual(['a', 'b', 'd', 'e']);
    for (const call of notifier.calls) call.resolve();
    await new Promise((r) => setImmediate(r));
    expect(notifier.calls.map((c) => c.n.userId)).toEqual(['a', 'b', 'd', 'e', 'f']);
    notifier.calls[4]!.resolve();
    await queue.idle();
  });

  it('stop() drops waiting notifications and cancels retries, also of attempts still running', async () => {
    const notifier = controlledNotifier();
    const { queue, clock } = setup(notifier.send, { concurrency: 1 });
    queue.push(note('a'));
    queue.push(note('b'));
    notifier.calls[0]!.reject(new Error('down')); // a fails before stop: its retry is scheduled
    await new Promise((r) => setImmediate(r));
    queue.push(note('c')); // waits behind b
    queue.stop();
    notifier.calls[1]!.reject(new Error('down')); // b fails after stop: no retry
    await queue.idle();
    await clock.advance(120_000);
    expect(notifier.calls.map((c) => c.n.userId)).toEqual(['a', 'b']);
    expect(clock.pendingTimers()).toBe(0);
    queue.push(note('d'));
    expect(notifier.calls.map((c) => c.n.userId)).toEqual(['a', 'b', 'd']);
  });
});
