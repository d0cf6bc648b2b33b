import { InboxKitError, type BotTurn, type ChannelContext } from '@inboxkit/core';

/** The one place the chat server talks to core's bot runtime (`context.bots`). */
export interface BotDriver {
  /** Starts the chatflow's bot in a new conversation (no-op for live-chat chatflows). */
  start(workspaceId: string, conversationId: string, chatflowId: string): Promise<void>;
  /** Feeds a visitor message to the conversation's bot while it waits for an answer. */
  input(workspaceId: string, conversationId: string, inputId: string, text: string): Promise<void>;
}

/**
 * Drives bot chatflows through the kit's bot runtime: each call is one transaction in core
 * (session state, transitions, bot messages, handoff routing). The driver only remembers, per
 * process, which conversations have no waiting bot, to skip a call per live-chat message.
 */
export function botDriver(context: ChannelContext): BotDriver {
  const { bots } = context;
  // Bounded: past the cap the oldest entries go (a forgotten one costs one extra call).
  const live = new Set<string>();
  const markLive = (k: string) => {
    live.add(k);
    if (live.size > 100_000) live.delete(live.values().next().value as string);
  };
  const key = (workspaceId: string, conversationId: string) => `${workspaceId}:${conversationId}`;
  const remember = (k: string, turn: BotTurn) => {
    if (turn.session.status !== 'waiting') markLive(k);
  };
  const isNotABot = (error: unknown) =>
    InboxKitError.isInstance(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION' || error.code === 'UNSUPPORTED');

  return {
    async start(workspaceId, conversationId, chatflowId) {
      const k = key(workspaceId, conversationId);
      try {
        remember(k, await bots.start({ workspaceId, conversationId, chatflowId }));
      } catch (error) {
        // A live-chat chatflow (or a store without bot sessions): the conversation is live chat.
        if (!isNotABot(error)) throw error;
        markLive(k);
      }
    },
    async input(workspaceId, conversationId, inputId, text) {
      const k = key(workspaceId, conversationId);
      if (live.has(k)) return;
      try {
        remember(k, await bots.input({ workspaceId, conversationId, inputId, text }));
      } catch (error) {
        if (!isNotABot(error)) throw error;
        markLive(k);
      }
    },
  };
}
