import type { BotState, BotTransition } from '../chatflows/bots/engine.js';

/** Where a bot session stands: waiting for the visitor, or over (`handed-off`, `completed`). */
export type BotSessionStatus = BotState['status'];

/**
 * One run of a bot chatflow in one conversation. A conversation may hold several sessions one
 * after another (the visitor re-entered the bot), but at most one that is `waiting`.
 */
export interface BotSession {
  /** Sortable unique id (`bot_…`). */
  id: string;
  /** Owning workspace. */
  workspaceId: string;
  /** The conversation the bot talks in. */
  conversationId: string;
  /** The bot chatflow that runs. */
  chatflowId: string;
  /** The conversation's channel. */
  channelId: string;
  /** The conversation's inbox when the session started (agents see sessions of their inboxes). */
  inboxId: string;
  /** Same as `state.status`, kept apart so stores can index and aggregate it. */
  status: BotSessionStatus;
  /** The engine state between visitor messages. */
  state: BotState;
  /** When it started (epoch ms). */
  startedAt: number;
  /** When the visitor last gave input, or `startedAt`: what abandonment is measured from. */
  lastActivityAt: number;
  /** When it handed off or completed; `null` while waiting. */
  endedAt: number | null;
  /** How many transitions are recorded: the next one's `index`. */
  transitions: number;
}

/** One recorded step transition of a session, in the order the engine made them. */
export interface BotTransitionRecord extends BotTransition {
  /** Owning workspace. */
  workspaceId: string;
  /** The session. */
  sessionId: string;
  /** The session's chatflow (denormalized for analytics). */
  chatflowId: string;
  /** Position in the session, from 0, without gaps. */
  index: number;
  /** The visitor input that caused it; `null` for the transitions of the start. */
  inputId: string | null;
}

/**
 * Bot sessions and their transitions (optional area `bots`, capability `bots`). Every method is
 * scoped by `workspaceId`; results are fresh copies.
 */
export interface BotSessionStore {
  /** Inserts a session. Throws `CONFLICT` when the id exists. */
  insert(session: BotSession): Promise<void>;
  /** Replaces a session. Returns `false` when it does not exist. */
  update(session: BotSession): Promise<boolean>;
  /** The session, or `null`. */
  get(workspaceId: string, id: string): Promise<BotSession | null>;
  /** The conversation's newest session (greatest `startedAt`, then greatest id), or `null`. */
  latestForConversation(workspaceId: string, conversationId: string): Promise<BotSession | null>;
  /** Appends transitions. Throws `CONFLICT` when `(sessionId, index)` exists or the session does not. */
  addTransitions(workspaceId: string, transitions: BotTransitionRecord[]): Promise<void>;
  /** A session's transitions ordered by `index`. */
  listTransitions(workspaceId: string, sessionId: string): Promise<BotTransitionRecord[]>;
  /** Whether a transition of the session was caused by `inputId` (what makes input idempotent). */
  hasInput(workspaceId: string, sessionId: string, inputId: string): Promise<boolean>;
}
