import { startBot, stepBot, type BotStepResult } from '../chatflows/bots/engine.js';
import type { Chatflow } from '../chatflows/chatflow.js';
import { parseInput } from '../errors/parse.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { BotSession, BotSessionStore, BotTransitionRecord } from '../storage/bot-store.js';
import type { StorageOperations } from '../storage/storage.js';
import { applyTurn } from './apply-turn.js';
import { replayTurn } from './replay-turn.js';
import { botSessionInput, startBotSessionInput, type BotSessionInput, type BotTurn, type StartBotSessionInput } from './schemas.js';

/**
 * Bot sessions of a workspace (`ws.bots`): the runtime that drives a bot chatflow's steps in a
 * conversation. Each call is ONE transaction: session state, step transitions, bot messages
 * (author `bot`), contact answers, the handoff's routing and the `bot.*` events commit together.
 * Needs a store with capability `bots` (`UNSUPPORTED` otherwise).
 */
export interface BotsApi {
  /**
   * Starts the chatflow's bot in the conversation and runs it to its first question (or handoff,
   * or end). The chatflow must be a `bot` chatflow of the conversation's channel (`VALIDATION`,
   * field `chatflowId`, otherwise). While a session of the conversation waits, returns that one
   * with `duplicate: true` (a retried start does not start twice); once it is over, starts a new one.
   */
  start(input: StartBotSessionInput): Promise<BotTurn>;
  /**
   * Feeds a visitor message to the conversation's waiting bot: a valid answer moves it on, an
   * invalid one is re-asked. Idempotent by `inputId`. When the session is over (handed off,
   * completed) nothing happens and the turn has no messages. `NOT_FOUND` when the conversation
   * never had a bot session.
   */
  input(input: BotSessionInput): Promise<BotTurn>;
  /** The conversation's newest bot session, or `null`. */
  session(conversationId: string): Promise<BotSession | null>;
  /** The step transitions of a session, in order (what bot analytics counts). `NOT_FOUND` for an unknown session. */
  transitions(sessionId: string): Promise<BotTransitionRecord[]>;
}

function requireBots(scope: Scope, ops: StorageOperations): BotSessionStore {
  if (!scope.runtime.storage.capabilities.bots || !ops.bots) {
    throw new UnsupportedError(`storage "${scope.runtime.storage.name}" has no bot sessions (capability "bots")`);
  }
  return ops.bots;
}

/** Opens the conversation for a turn: locked (turns of one conversation run one at a time) and visible to the actor. */
async function openConversation(scope: Scope, tx: StorageOperations, conversationId: string) {
  const conversation = requireFound(await tx.conversations.get(scope.workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
  await scope.access.requireInbox(conversation.inboxId, 'conversation', conversationId, tx);
  const contact = requireFound(await tx.contacts.get(scope.workspaceId, conversation.contactId), 'contact', conversation.contactId);
  return { conversation, contact };
}

function requireBotChatflow(chatflow: Chatflow | null, chatflowId: string, channelId: string): Chatflow & { bot: NonNullable<Chatflow['bot']> } {
  const problem =
    !chatflow || chatflow.channelId !== channelId ? `no chatflow "${chatflowId}" in the conversation's channel`
    : chatflow.type !== 'bot' || !chatflow.bot ? `chatflow "${chatflowId}" is not a bot`
    : !chatflow.enabled ? `chatflow "${chatflowId}" is disabled`
    : null;
  if (problem) throw new ValidationError('bot session', [{ path: 'chatflowId', message: problem }]);
  return chatflow as Chatflow & { bot: NonNullable<Chatflow['bot']> };
}

/** Builds `ws.bots` for a scope. */
export function botsService(scope: Scope): BotsApi {
  const { workspaceId, runtime } = scope;
  const turn = async (fn: (tx: StorageOperations, bots: BotSessionStore, events: EventRecorder) => Promise<BotTurn>) => {
    requireBots(scope, runtime.storage);
    return scope.mutate((tx, events) => fn(tx, requireBots(scope, tx), events));
  };

  return {
    async start(input) {
      const { conversationId, chatflowId } = parseInput(startBotSessionInput, input, 'bot session');
      return turn(async (tx, bots, events) => {
        const { conversation, contact } = await openConversation(scope, tx, conversationId);
        const chatflow = requireBotChatflow(await tx.records.get(workspaceId, 'chatflow', chatflowId), chatflowId, conversation.channelId);
        const latest = await bots.latestForConversation(workspaceId, conversationId);
        if (latest?.status === 'waiting') return replayTurn(tx, bots, conversation, latest, null);
        const now = runtime.clock.now();
        const session: BotSession = {
          id: runtime.ids.next('bot'),
          workspaceId,
          conversationId,
          chatflowId: chatflow.id,
          channelId: conversation.channelId,
          inboxId: conversation.inboxId,
          status: 'waiting',
          state: { status: 'waiting', stepId: null, answers: {}, properties: {} },
          startedAt: now,
          lastActivityAt: now,
          endedAt: null,
          transitions: 0,
        };
        events.record('bot.session.started', { sessionId: session.id, conversationId, chatflowId: chatflow.id, inboxId: conversation.inboxId, channelId: conversation.channelId });
        const result = startBot(chatflow.bot, { now, contact });
        return applyTurn({ scope, tx, bots, events, conversation, contact, session, inputId: null, now }, result);
      });
    },

    async input(input) {
      const { conversationId, inputId, text } = parseInput(botSessionInput, input, 'bot input');
      return turn(async (tx, bots, events) => {
        const { conversation, contact } = await openConversation(scope, tx, conversationId);
        const session = await bots.latestForConversation(workspaceId, conversationId);
        if (!session) throw new NotFoundError('bot session', conversationId);
        if (await bots.hasInput(workspaceId, session.id, inputId)) return replayTurn(tx, bots, conversation, session, inputId);
        if (session.status !== 'waiting') return { session, messages: [], handedOff: false, completed: false, conversation, duplicate: false };
        const now = runtime.clock.now();
        const chatflow = await tx.records.get(workspaceId, 'chatflow', session.chatflowId);
        // A bot deleted mid-session leaves nothing to run: people take over rather than the visitor waiting forever.
        const result: BotStepResult = chatflow?.bot
          ? stepBot(chatflow.bot, session.state, { text }, { now, contact })
          : {
              state: { ...session.state, status: 'handed-off' },
              messages: [],
              actions: [{ type: 'handoff', to: null }],
              transitions: [{ at: now, from: session.state.stepId, to: null, via: 'handoff' }],
            };
        return applyTurn({ scope, tx, bots, events, conversation, contact, session, inputId, now }, result);
      });
    },

    async session(conversationId) {
      const bots = requireBots(scope, runtime.storage);
      const conversation = requireFound(await scope.storage.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
      await scope.access.requireInbox(conversation.inboxId, 'conversation', conversationId);
      return bots.latestForConversation(workspaceId, conversationId);
    },

    async transitions(sessionId) {
      const bots = requireBots(scope, runtime.storage);
      const session = requireFound(await bots.get(workspaceId, sessionId), 'bot session', sessionId);
      await scope.access.requireInbox(session.inboxId, 'bot session', sessionId);
      return bots.listTransitions(workspaceId, sessionId);
    },
  };
}
