// Background work survives storage outages: each timer-driven job logs (without the error's
// text, which may quote credentials), backs off and keeps running. Real memory store, wrapped.
import { describe, expect, it } from 'vitest';
import { createInboxKit, type Logger } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { flakyStorage } from './flaky-storage.js';
import { MONDAY_9_UTC, routingFixture } from './routing-setup.js';

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

describe('background jobs survive storage failures', () => {
  it('a failing snooze sweep logs, backs off and wakes the conversation once storage recovers', async () => {
    const base = memoryStorage();
    const clock = manualClock(MONDAY_9_UTC);
    // Another process snoozed the conversation and went away (its timers died with it).
    const other = createInboxKit({ storage: base, clock, channels: [createTestChannel()] });
    await other.start();
    const ws = await other.workspaces.create({ name: 'W' });
    const api = other.workspace(ws.id);
    const inbox = await api.inboxes.create({ name: 'I' });
    const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 't' });
    const result = await other.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'x', from: { email: 'c@c.test' }, text: 'hi' });
    if (result.status !== 'accepted') throw new Error('expected accepted');
    await api.conversations.snooze(result.conversation.id, { until: MONDAY_9_UTC + 2_000 });
    await other.stop();

    const flaky = flakyStorage(base);
    const { logger, lines } = recordingLogger();
    const kit = createInboxKit({ storage: flaky.storage, clock, logger, channels: [createTestChannel()] });
    flaky.failNext('conversations.listDueSnoozed', 4);
    await kit.start(); // the first sweep fails; start still resolves
    const status = async () => (await kit.workspace(ws.id).conversations.get(result.conversation.id)).status;
    for (const wait of [1_000, 2_000, 4_000]) await clock.advance(wait); // retries back off: 1 s, 2 s, 4 s
    expect(flaky.remaining('conversations.listDueSnoozed')).toBe(0);
    expect(await status()).toBe('snoozed'); // due since +2 s, but every sweep failed
    await clock.advance(7_999);
    expect(await status()).toBe('snoozed');
    await clock.advance(1); // the retry 8 s later succeeds
    expect(await status()).toBe('open');
    const failures = lines.filter((l) => l.includes('snooze sweep failed'));
    expect(failures).toHaveLength(4);
    expect(JSON.parse(failures[0]!)).toMatchObject({ level: 'error', error: 'Error', code: 'ECONNRESET', failures: 1 });
    expect(lines.join('\n')).not.toContain('hunter2');
    // Recovered: the sweep is back on its normal period and keeps running.
    expect(clock.pendingTimers()).toBeGreaterThan(0);
    await kit.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('routing wake-ups for working hours are restored on start, retried while storage fails', async () => {
    const f = await routingFixture();
    const { anna } = f.users;
    await f.ws.users.update(anna.id, { workingHours: { timeZone: 'Asia/Tokyo', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })) } });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id] }, strategy: 'round-robin', onlyAvailable: true });
    const conversation = await f.send();
    await f.kit.idle();
    await f.kit.stop(); // a restart: the in-process wake-up timer is gone

    const flaky = flakyStorage(f.storage);
    const { logger, lines } = recordingLogger();
    const clock = manualClock(f.clock.now());
    const kit = createInboxKit({ storage: flaky.storage, clock, logger, channels: [createTestChannel(), createTestChannel({ type: 'chat' })] });
    flaky.failNext('workspaces.list', 2);
    await kit.start();
    await kit.idle();
    await clock.advance(1_000);
    await kit.idle();
    await clock.advance(2_000); // second retry lists the workspaces and drains them
    await kit.idle();
    expect(flaky.remaining('workspaces.list')).toBe(0);
    const assignee = async () => (await kit.workspace(f.workspace.id).conversations.get(conversation.id)).assigneeId;
    expect(await assignee()).toBeNull();
    await clock.set(Date.UTC(2026, 0, 6, 0, 0)); // Anna's Tuesday starts in Tokyo
    await kit.idle();
    expect(await assignee()).toBe(anna.id);
    expect(lines.filter((l) => l.includes('restoring routing wake-ups failed'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('hunter2');
    await kit.stop();
    await f.storage.close();
  });

  it('a failing routing drain is retried with backoff instead of being lost', async () => {
    const f = await routingFixture();
    const { anna } = f.users;
    await f.ws.users.setAvailability(anna.id, 'away');
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id] }, strategy: 'round-robin', onlyAvailable: true });
    const conversation = await f.send();
    await f.kit.idle();
    const flaky = flakyStorage(f.storage);
    // The drain Anna's availability triggers reads the rules first: make those reads fail.
    const kit = createInboxKit({ storage: flaky.storage, clock: f.clock, channels: [createTestChannel(), createTestChannel({ type: 'chat' })] });
    await f.kit.stop();
    await kit.start();
    await kit.idle();
    flaky.failNext('records.list', 3);
    await kit.workspace(f.workspace.id).users.setAvailability(anna.id, 'available');
    await kit.idle();
    const assignee = async () => (await kit.workspace(f.workspace.id).conversations.get(conversation.id)).assigneeId;
    for (const wait of [1_000, 2_000, 4_000]) {
      expect(await assignee()).toBeNull();
      await f.clock.advance(wait);
      await kit.idle();
    }
    expect(flaky.remaining('records.list')).toBe(0);
    expect(await assignee()).toBe(anna.id);
    await kit.stop();
    await f.storage.close();
  });
});
