import type { BotSessionStore, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { botSession, botTransitions } from '../bot-fixtures.js';
import { fixtures } from '../fixtures.js';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { expectConflict } from '../helpers.js';

/** The store's bot area (skips the test for stores without the capability). */
function botsOf({ storage, skip }: ConformanceContext): BotSessionStore {
  const bots = storage.capabilities.bots ? storage.bots : undefined;
  return bots ?? skip('store has no bots capability');
}

async function workspace(storage: Storage): Promise<string> {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  return ws.id;
}

export const botsSuite = defineSuite('bots', (t) => {
  t.test('insert then get returns the session; update replaces it; missing is null / false', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const session = botSession(ws, { state: { status: 'waiting', stepId: 'ask', answers: { email: 'a@b.test', seats: 3 }, properties: { seats: 3 } } });
    await bots.insert(session);
    expect(await bots.get(ws, session.id)).toEqual(session);
    const ended = { ...session, status: 'completed' as const, state: { ...session.state, status: 'completed' as const }, endedAt: session.startedAt + 5, transitions: 4 };
    expect(await bots.update(ended)).toBe(true);
    expect(await bots.get(ws, session.id)).toEqual(ended);
    expect(await bots.get(ws, 'bot_missing')).toBeNull();
    expect(await bots.update(botSession(ws))).toBe(false);
  });

  t.test('insert of an existing id throws CONFLICT', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const session = botSession(ws);
    await bots.insert(session);
    await expectConflict(bots.insert({ ...session, chatflowId: 'chf_other' }), 'inserting a session id twice');
    expect((await bots.get(ws, session.id))!.chatflowId).toBe(session.chatflowId);
  });

  t.test('latestForConversation is the greatest startedAt, then the greatest id', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const conversationId = fixtures.id('conv');
    expect(await bots.latestForConversation(ws, conversationId)).toBeNull();
    const later = botSession(ws, { conversationId, startedAt: 2000 });
    const earlier = botSession(ws, { conversationId, startedAt: 1000 });
    await bots.insert(later);
    await bots.insert(earlier);
    await bots.insert(botSession(ws, { startedAt: 9000 })); // another conversation
    expect((await bots.latestForConversation(ws, conversationId))!.id).toBe(later.id);
    const tie = botSession(ws, { conversationId, startedAt: 2000 }); // a later id at the same instant
    await bots.insert(tie);
    expect((await bots.latestForConversation(ws, conversationId))!.id).toBe(tie.id);
  });

  t.test('transitions list in index order; hasInput finds the inputs that moved a session', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const session = botSession(ws);
    await bots.insert(session);
    const start = botTransitions(session, [[null, 'hello', 'start'], ['hello', 'ask', 'next']]);
    const answer = botTransitions(session, [['ask', 'ask', 'reask', 'in:1']], { index: 2, at: session.startedAt + 10 });
    await bots.addTransitions(ws, answer);
    await bots.addTransitions(ws, start);
    expect(await bots.listTransitions(ws, session.id)).toEqual([...start, ...answer]);
    expect(await bots.hasInput(ws, session.id, 'in:1')).toBe(true);
    expect(await bots.hasInput(ws, session.id, 'in:2')).toBe(false);
    expect(await bots.listTransitions(ws, 'bot_missing')).toEqual([]);
    await bots.addTransitions(ws, []);
  });

  t.test('a transition index taken, or a session that does not exist, throws CONFLICT and adds nothing', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const session = botSession(ws);
    await bots.insert(session);
    await bots.addTransitions(ws, botTransitions(session, [[null, 'ask', 'start']]));
    await expectConflict(
      ctx.storage.transaction((tx) => tx.bots!.addTransitions(ws, botTransitions(session, [['ask', 'x', 'answer', 'in:9'], ['x', null, 'end', 'in:9']]))),
      'reusing index 0',
    );
    expect(await bots.hasInput(ws, session.id, 'in:9')).toBe(false);
    await expectConflict(bots.addTransitions(ws, botTransitions(botSession(ws), [[null, 'ask', 'start']])), 'a transition of a missing session');
    expect(await bots.listTransitions(ws, session.id)).toHaveLength(1);
  });

  t.test('a rolled-back transaction leaves no session, update or transition behind', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const kept = botSession(ws);
    await bots.insert(kept);
    const fresh = botSession(ws);
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.bots!.insert(fresh);
        await tx.bots!.update({ ...kept, transitions: 7 });
        await tx.bots!.addTransitions(ws, botTransitions(kept, [[null, 'ask', 'start', 'in:1']]));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await bots.get(ws, fresh.id)).toBeNull();
    expect(await bots.get(ws, kept.id)).toEqual(kept);
    expect(await bots.listTransitions(ws, kept.id)).toEqual([]);
    expect(await bots.hasInput(ws, kept.id, 'in:1')).toBe(false);
  });

  t.test('sessions and transitions stay in their workspace', async (ctx) => {
    const bots = botsOf(ctx);
    const a = await workspace(ctx.storage);
    const b = await workspace(ctx.storage);
    const session = botSession(a);
    await bots.insert(session);
    await bots.addTransitions(a, botTransitions(session, [[null, 'ask', 'start'], ['ask', 'ask', 'reask', 'in:1']]));
    expect(await bots.get(b, session.id)).toBeNull();
    expect(await bots.latestForConversation(b, session.conversationId)).toBeNull();
    expect(await bots.listTransitions(b, session.id)).toEqual([]);
    expect(await bots.hasInput(b, session.id, 'in:1')).toBe(false);
    expect(await bots.update({ ...session, workspaceId: b })).toBe(false);
    // A transition naming the session from another workspace has no session there.
    await expectConflict(bots.addTransitions(b, botTransitions({ ...session, workspaceId: b }, [['ask', null, 'end']], { index: 2 })), 'a cross-workspace transition');
    // The same id may exist in two workspaces.
    await bots.insert({ ...session, workspaceId: b, chatflowId: 'chf_b' });
    expect((await bots.get(a, session.id))!.chatflowId).toBe(session.chatflowId);
  });

  t.test('results are copies: changing them changes nothing stored', async (ctx) => {
    const bots = botsOf(ctx);
    const ws = await workspace(ctx.storage);
    const session = botSession(ws);
    await bots.insert(session);
    session.state.answers.x = 'mutated after insert';
    const read = (await bots.get(ws, session.id))!;
    expect(read.state.answers).toEqual({});
    read.state.answers.y = 'mutated after get';
    const transitions = botTransitions(read, [[null, 'ask', 'start']]);
    await bots.addTransitions(ws, transitions);
    transitions[0]!.to = 'mutated';
    (await bots.listTransitions(ws, session.id))[0]!.to = 'mutated too';
    expect((await bots.get(ws, session.id))!.state.answers).toEqual({});
    expect((await bots.listTransitions(ws, session.id))[0]!.to).toBe('ask');
  });
});
