import type { BotPerformance, BotPerformanceQuery, BotSession, BotSessionStore, BotTransitionRecord, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { botSession, botTransitions } from '../bot-fixtures.js';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite, type ConformanceContext } from '../harness.js';

const T = FIXTURE_TIME;
const MIN = 60_000;
const HOUR = 60 * MIN;

type Step = Parameters<typeof botTransitions>[1][number];

/**
 * The scenario, window [T, T+1h), abandoned = waiting with no input since T+30min or earlier:
 * chatflow A (inbox_a)
 *   s1 T+0      completed at +60s     hello → ask (re-asked) → bye → end
 *   s2 T+10min  handed off at +150s   hello → ask → human → handoff
 *   s3 T+20min  waiting at ask since T+20min: abandoned
 *   s4 T+50min  waiting at ask since T+55min: still waiting
 *   s7 T+59min  handed off after the window end (+300s): counted, it started inside
 *   s9 T+30min  waiting at email since exactly T+30min: abandoned (the bound is inclusive)
 *   out: one session started 1 ms before T, one at exactly T+1h, one in another workspace
 * chatflow B (inbox_b)
 *   s8 T+5min   completed at +30s     only → end
 */
async function seed(storage: Storage, bots: BotSessionStore) {
  const ws = fixtures.workspace();
  const other = fixtures.workspace();
  await storage.workspaces.insert(ws);
  await storage.workspaces.insert(other);
  const add = async (workspaceId: string, overrides: Partial<BotSession>, steps: Step[]) => {
    const ended = overrides.status && overrides.status !== 'waiting';
    const session = botSession(workspaceId, { chatflowId: 'chf_a', inboxId: 'inbox_a', lastActivityAt: overrides.startedAt, transitions: steps.length, ...overrides });
    const state = { ...session.state, status: session.status, stepId: ended ? null : session.state.stepId };
    await bots.insert({ ...session, state });
    const records: BotTransitionRecord[] = botTransitions(session, steps);
    await bots.addTransitions(workspaceId, records);
  };
  const opening: Step[] = [[null, 'hello', 'start'], ['hello', 'ask', 'next']];
  await add(ws.id, { startedAt: T, status: 'completed', endedAt: T + MIN }, [...opening, ['ask', 'ask', 'reask', 'i1'], ['ask', 'bye', 'answer', 'i2'], ['bye', null, 'end', 'i2']]);
  await add(ws.id, { startedAt: T + 10 * MIN, status: 'handed-off', endedAt: T + 10 * MIN + 150_000 }, [...opening, ['ask', 'human', 'answer', 'i1'], ['human', null, 'handoff', 'i1']]);
  await add(ws.id, { startedAt: T + 20 * MIN, state: { status: 'waiting', stepId: 'ask', answers: {}, properties: {} } }, opening);
  await add(ws.id, { startedAt: T + 50 * MIN, lastActivityAt: T + 55 * MIN, state: { status: 'waiting', stepId: 'ask', answers: {}, properties: {} } }, [...opening, ['ask', 'ask', 'reask', 'i1']]);
  await add(ws.id, { startedAt: T + 59 * MIN, status: 'handed-off', endedAt: T + 59 * MIN + 300_000 }, [[null, 'hello', 'start'], ['hello', 'human', 'next'], ['human', null, 'handoff']]);
  await add(ws.id, { startedAt: T + 30 * MIN, state: { status: 'waiting', stepId: 'email', answers: {}, properties: {} } }, [[null, 'hello', 'start'], ['hello', 'email', 'next']]);
  await add(ws.id, { startedAt: T - 1, status: 'completed', endedAt: T + MIN }, [[null, 'hello', 'start'], ['hello', null, 'end']]);
  await add(ws.id, { startedAt: T + HOUR, status: 'completed', endedAt: T + HOUR + MIN }, [[null, 'hello', 'start'], ['hello', null, 'end']]);
  await add(other.id, { startedAt: T + MIN, status: 'completed', endedAt: T + 2 * MIN }, [[null, 'hello', 'start'], ['hello', null, 'end']]);
  await add(ws.id, { chatflowId: 'chf_b', inboxId: 'inbox_b', startedAt: T + 5 * MIN, status: 'completed', endedAt: T + 5 * MIN + 30_000 }, [[null, 'only', 'start'], ['only', null, 'end']]);
  return ws.id;
}

const A: BotPerformance = {
  chatflowId: 'chf_a',
  sessions: 6,
  completed: 1,
  handedOff: 2,
  abandoned: 2,
  waiting: 1,
  // 60s, 150s, 300s: p90 at rank 1.8 = 150s + 0.8 × 150s.
  duration: { count: 3, avg: 170_000, median: 150_000, p90: 270_000 },
  steps: [
    { stepId: 'ask', reached: 4, droppedOff: 1 },
    { stepId: 'bye', reached: 1, droppedOff: 0 },
    { stepId: 'email', reached: 1, droppedOff: 1 },
    { stepId: 'hello', reached: 6, droppedOff: 0 },
    { stepId: 'human', reached: 2, droppedOff: 0 },
  ],
};
const B: BotPerformance = {
  chatflowId: 'chf_b',
  sessions: 1,
  completed: 1,
  handedOff: 0,
  abandoned: 0,
  waiting: 0,
  duration: { count: 1, avg: 30_000, median: 30_000, p90: 30_000 },
  steps: [{ stepId: 'only', reached: 1, droppedOff: 0 }],
};

const window = { from: T, to: T + HOUR, abandonedBefore: T + 30 * MIN };
const cases: Array<[title: string, query: BotPerformanceQuery, expected: BotPerformance[]]> = [
  ['per chatflow: outcomes, durations and the step funnel of the sessions started in the window', window, [A, B]],
  ['one chatflow', { ...window, chatflowId: 'chf_b' }, [B]],
  ['by inbox', { ...window, inboxIds: ['inbox_b'] }, [B]],
  ['an empty inbox list matches nothing', { ...window, inboxIds: [] }, []],
  // One minute less of patience: s9 (idle since exactly T+30min) is no longer abandoned.
  ['the abandonment bound is inclusive', { ...window, abandonedBefore: T + 30 * MIN - 1 }, [{ ...A, abandoned: 1, waiting: 2, steps: A.steps.map((s) => (s.stepId === 'email' ? { ...s, droppedOff: 0 } : s)) }, B]],
  ['a window without sessions is empty', { from: T + 2 * HOUR, to: T + 3 * HOUR, abandonedBefore: T }, []],
];

function analyticsOf({ storage, skip }: ConformanceContext) {
  const analytics = storage.capabilities.analytics && storage.capabilities.bots ? storage.analytics : undefined;
  const bots = storage.bots;
  if (!analytics?.botPerformance || !bots) return skip('store has no analytics + bots capabilities');
  return { bots, botPerformance: analytics.botPerformance.bind(analytics) };
}

export const analyticsBotsSuite = defineSuite('analytics: botPerformance', (t) => {
  for (const [title, query, expected] of cases) {
    t.test(title, async (ctx) => {
      const { bots, botPerformance } = analyticsOf(ctx);
      const ws = await seed(ctx.storage, bots);
      expect(await botPerformance(ws, query)).toEqual(expected);
    });
  }

  t.test('stores with both capabilities compute it', async ({ storage, skip }) => {
    if (!storage.capabilities.analytics || !storage.capabilities.bots) skip('store lacks analytics or bots');
    expect(storage.analytics?.botPerformance).toBeTypeOf('function');
  });
});
