import type { BotStepResult } from '../chatflows/bots/engine.js';
import type { UserOrTeam } from '../chatflows/user-or-team.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { Message } from '../domain/timeline.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { Scope } from '../kit/scope.js';
import { routeConversation } from '../routing/route-conversation.js';
import type { BotSession, BotSessionStore, BotTransitionRecord } from '../storage/bot-store.js';
import type { StorageOperations } from '../storage/storage.js';
import { saveContactAnswers } from './contact-answers.js';
import type { BotTurn, BotTurnMessage } from './schemas.js';

/** The channel id of the `i`-th bot message of the turn whose first transition is `first`: unique, and found again for duplicates. */
export function botMessageExternalId(sessionId: string, first: number, i: number): string {
  return `bot:${sessionId}:${first}:${i}`;
}

/** Everything one turn writes besides the engine's result. */
export interface TurnContext {
  scope: Scope;
  tx: StorageOperations;
  bots: BotSessionStore;
  events: EventRecorder;
  conversation: Conversation;
  contact: Contact;
  /** The session as it was before this turn (for a start: the new session, not yet inserted). */
  session: BotSession;
  /** `null` for the start. */
  inputId: string | null;
  now: number;
}

const targetsOf = (to: UserOrTeam) => ('userId' in to ? { users: [to.userId] } : { teams: [to.teamId] });

/**
 * Persists one engine result in the caller's transaction: the bot messages (author `bot`), the
 * contact answers, the handoff (routing the conversation to the step's user or team, or by the
 * channel's rule), the session and its transitions, and the `bot.*` events.
 */
export async function applyTurn(ctx: TurnContext, result: BotStepResult): Promise<BotTurn> {
  const { scope, tx, bots, events, session, inputId, now } = ctx;
  const { workspaceId, runtime } = scope;
  const first = session.transitions;
  const messages: BotTurnMessage[] = result.messages.map((m) => ({ id: runtime.ids.next('itm'), ...m }));
  let conversation: Conversation = messages.length
    ? { ...ctx.conversation, messageCount: ctx.conversation.messageCount + messages.length, lastMessageAt: Math.max(ctx.conversation.lastMessageAt, now), updatedAt: now }
    : ctx.conversation;
  const contact = await saveContactAnswers(tx, events, runtime.logger, ctx.contact, result.actions, now);
  const handoff = result.actions.find((a) => a.type === 'handoff');
  if (handoff) {
    conversation = await routeConversation(scope, tx, events, conversation, contact, {
      ...(handoff.to ? { targets: targetsOf(handoff.to) } : {}),
      trigger: 'handoff',
    });
  }
  if (conversation !== ctx.conversation) await tx.conversations.update({ ...conversation, updatedAt: now });
  for (const [i, m] of messages.entries()) await tx.timeline.insert(botMessage(conversation, session, m, botMessageExternalId(session.id, first, i), now));

  const over = result.state.status !== 'waiting';
  const next: BotSession = {
    ...session,
    state: result.state,
    status: result.state.status,
    lastActivityAt: inputId === null ? session.lastActivityAt : now,
    endedAt: over ? (session.endedAt ?? now) : null,
    transitions: first + result.transitions.length,
  };
  if (inputId === null) await bots.insert(next);
  else await bots.update(next);
  const records: BotTransitionRecord[] = result.transitions.map((t, i) => ({
    ...t,
    workspaceId,
    sessionId: session.id,
    chatflowId: session.chatflowId,
    index: first + i,
    inputId,
  }));
  if (records.length) await bots.addTransitions(workspaceId, records);

  const ids = { sessionId: session.id, conversationId: conversation.id, chatflowId: session.chatflowId };
  events.record('bot.step', {
    ...ids,
    inputId,
    transitions: result.transitions.map(({ from, to, via }) => ({ from, to, via })),
    messageIds: messages.map((m) => m.id),
    status: next.status,
    stepId: next.state.stepId,
  });
  if (handoff) {
    events.record('bot.handoff', { ...ids, inboxId: conversation.inboxId, to: handoff.to, assigneeId: conversation.assigneeId, teamId: conversation.teamId });
  }
  if (result.actions.some((a) => a.type === 'end')) events.record('bot.completed', ids);
  return { session: next, messages, handedOff: !!handoff, completed: next.status === 'completed', conversation, duplicate: false };
}

function botMessage(conversation: Conversation, session: BotSession, m: BotTurnMessage, externalId: string, now: number): Message {
  return {
    kind: 'message',
    id: m.id,
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    direction: 'outgoing',
    author: { type: 'bot', id: session.chatflowId },
    text: m.text,
    visibleText: null,
    html: null,
    attachments: [],
    externalId,
    // The widget rebuilds quick replies from here when it reloads a transcript.
    metadata: { bot: { sessionId: session.id, stepId: m.stepId, quickReplies: m.quickReplies } },
    // Shown by the caller (the chat adapter) from the turn's result: nothing for the outbox to send.
    deliveryStatus: 'sent',
    deliveryError: null,
    createdAt: now,
  };
}
