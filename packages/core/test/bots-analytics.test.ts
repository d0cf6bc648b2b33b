import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { botSetup, type BotSetup } from './bots-setup.js';

const MIN = 60_000;

let t: BotSetup;
beforeEach(async () => {
  t = await botSetup();
});
afterEach(() => t.kit.stop());

/** Runs the lead bot in a new visitor's conversation with these answers, one minute apart. */
async function visit(visitorId: string, answers: string[]) {
  const conversation = await t.open(visitorId);
  const start = await t.ws.bots.start({ conversationId: conversation.id, chatflowId: t.bot.id });
  for (const [i, text] of answers.entries()) {
    await t.clock.advance(MIN);
    await t.ws.bots.input({ conversationId: conversation.id, inputId: `${visitorId}-${i}`, text });
  }
  return start.session;
}

describe('ws.analytics.botPerformance', () => {
  it('counts what the runtime recorded: outcomes, durations, funnel and lazy abandonment', async () => {
    const from = t.clock.now();
    await visit('done', ['a@b.test', '2', 'nothing']); // completed after 3 min
    await visit('sales', ['c@d.test', 'many', '5', 'sales']); // re-asked once, handed off after 4 min
    await visit('gone', ['e@f.test']); // waits at "size" from here on
    const window = { from, to: t.clock.now() + 1 };

    const early = await t.ws.analytics.botPerformance(window);
    expect(early.items).toHaveLength(1);
    expect(early.items[0]).toMatchObject({ chatflowId: t.bot.id, sessions: 3, completed: 1, handedOff: 1, abandoned: 0, waiting: 1 });
    expect(early.items[0]!.duration).toEqual({ count: 2, avg: 3.5 * MIN, median: 3.5 * MIN, p90: 3.9 * MIN });

    await t.clock.advance(30 * MIN); // "gone" is idle for exactly the default timeout now
    const late = (await t.ws.analytics.botPerformance(window)).items[0]!;
    expect(late).toMatchObject({ abandoned: 1, waiting: 0 });
    expect(late.steps).toEqual([
      { stepId: 'bye', reached: 1, droppedOff: 0 },
      { stepId: 'email', reached: 3, droppedOff: 0 },
      { stepId: 'hello', reached: 3, droppedOff: 0 },
      { stepId: 'route', reached: 2, droppedOff: 0 },
      { stepId: 'size', reached: 3, droppedOff: 1 },
      { stepId: 'to-sales', reached: 1, droppedOff: 0 },
      { stepId: 'topic', reached: 2, droppedOff: 0 },
    ]);
    const patient = (await t.ws.analytics.botPerformance({ ...window, abandonAfterMinutes: 31 })).items[0]!;
    expect(patient).toMatchObject({ abandoned: 0, waiting: 1 });
    expect((await t.ws.analytics.botPerformance({ ...window, chatflowId: 'chf_other' })).items).toEqual([]);
  });

  it('shows agents the bots of their inboxes only', async () => {
    const from = t.clock.now();
    await visit('v', ['a@b.test']);
    const window = { from, to: t.clock.now() + 1 };
    expect((await t.ws.asUser(t.kari.id).analytics.botPerformance(window)).items).toHaveLength(1);
    expect((await t.ws.asUser(t.outsider.id).analytics.botPerformance(window)).items).toEqual([]);
    expect((await t.ws.analytics.botPerformance({ ...window, inboxId: 'inbox_elsewhere' })).items).toEqual([]);
    const other = await t.kit.workspaces.create({ name: 'Other' });
    expect((await t.kit.workspace(other.id).analytics.botPerformance(window)).items).toEqual([]);
  });

  it('rejects bad input naming the field', async () => {
    const now = t.clock.now();
    await expect(t.ws.analytics.botPerformance({ from: now, to: now })).rejects.toMatchObject({ code: 'VALIDATION', message: /to: must be after from/ });
    await expect(t.ws.analytics.botPerformance({ from: now, to: now + 1, abandonAfterMinutes: 0 })).rejects.toMatchObject({ code: 'VALIDATION', message: /abandonAfterMinutes/ });
  });

  it('is UNSUPPORTED on a store without bot sessions', async () => {
    const base = memoryStorage();
    const { bots: _bots, ...withoutBots } = base as Storage & { bots?: unknown };
    const plain = await botSetup({ ...withoutBots, analytics: { ...base.analytics!, botPerformance: undefined }, capabilities: { subscribe: false, analytics: true } } as Storage);
    await expect(plain.ws.analytics.botPerformance({ from: 0, to: 1 })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await plain.kit.stop();
  });
});
