import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import type { Conversation } from '../domain/conversation.js';
import type { BotSession } from '../storage/bot-store.js';

/** Input of `bots.start`: run a bot chatflow in a conversation of the chatflow's channel. */
export const startBotSessionInput = z.strictObject({
  conversationId: idSchema,
  chatflowId: idSchema,
});
/** Input of `bots.start`. */
export type StartBotSessionInput = z.input<typeof startBotSessionInput>;

/** Input of `bots.input`: one visitor message to the conversation's waiting bot. */
export const botSessionInput = z.strictObject({
  conversationId: idSchema,
  /**
   * The caller's id of this visitor message (the chat adapter passes the message's
   * `externalId`). Feeding the same `inputId` again returns the first turn with
   * `duplicate: true` and does not advance the bot.
   */
  inputId: z.string().min(1).max(200),
  text: z.string().max(10_000),
});
/** Input of `bots.input`. */
export type BotSessionInput = z.input<typeof botSessionInput>;

/** A message the bot sent, as stored in the conversation's timeline. */
export interface BotTurnMessage {
  /** The timeline message id (`itm_…`). */
  id: string;
  /** The step that sent it. */
  stepId: string;
  /** Its text. */
  text: string;
  /** Quick replies to offer (a question's option labels); empty otherwise. */
  quickReplies: string[];
}

/** What one `bots.start` / `bots.input` call did: what to show the visitor, and where the bot stands. */
export interface BotTurn {
  /** The session after this turn (`session.status` says whether the bot still waits). */
  session: BotSession;
  /** Bot messages of this turn, in order (already stored in the timeline, author `bot`). */
  messages: BotTurnMessage[];
  /** This turn handed the conversation to people: it is live chat now, routed per `conversation.assigneeId` / `teamId`. */
  handedOff: boolean;
  /** This turn reached an end step. */
  completed: boolean;
  /** The conversation after this turn. */
  conversation: Conversation;
  /** A repeated call (same `inputId`, or `start` while a session waits): nothing changed; `messages` are the first call's. */
  duplicate: boolean;
}
