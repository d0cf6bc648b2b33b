import type { BotSession, BotTransitionRecord } from '@inboxkit/core';
import { FIXTURE_TIME, fixtures } from './fixtures.js';

/** A waiting bot session of `workspaceId` (every field can be overridden). */
export function botSession(workspaceId: string, overrides: Partial<BotSession> = {}): BotSession {
  const status = overrides.status ?? 'waiting';
  return {
    id: fixtures.id('bot'),
    workspaceId,
    conversationId: fixtures.id('conv'),
    chatflowId: 'chf_bot',
    channelId: 'chan_chat',
    inboxId: 'inbox_site',
    status,
    state: { status, stepId: 'ask', answers: {}, properties: {} },
    startedAt: FIXTURE_TIME,
    lastActivityAt: FIXTURE_TIME,
    endedAt: null,
    transitions: 0,
    ...overrides,
  };
}

/** The transitions of `session` made of `[from, to, via, inputId?]` steps, from `index` on, all at `at`. */
export function botTransitions(
  session: BotSession,
  steps: Array<[from: string | null, to: string | null, via: BotTransitionRecord['via'], inputId?: string]>,
  options: { index?: number; at?: number } = {},
): BotTransitionRecord[] {
  return steps.map(([from, to, via, inputId], i) => ({
    workspaceId: session.workspaceId,
    sessionId: session.id,
    chatflowId: session.chatflowId,
    index: (options.index ?? 0) + i,
    at: options.at ?? session.startedAt,
    from,
    to,
    via,
    inputId: inputId ?? null,
  }));
}
