import { InboxKitError, type ChannelContext } from '@inboxkit/core';

/** The one place the chat server talks to core's bot runtime (`context.bots`). */
export interface BotDriver {
  /** Starts the chatflow's bot in a new conversation (no-op for live-chat chatflows). */
  start(workspaceId: string, conversationId: string, chatflowId: string): Promise<void>;
  /** Feeds a visitor message to the conversation's bot while it waits for an answer. */
  input(workspaceId: string, conversationId: string, inputId: string, text: string): Promise<void>;
}

interface BotTurnLike {
  handedOff: boolean;
  completed: boolean;
  session: { status: string };
}

interface BotsLike {
  start(input: { workspaceId: string; conversationId: string; chatflowId: string }): Promise<BotTurnLike>;
  input(input: { workspaceId: string; conversationId: string; inputId: string; text: string }): Promise<BotTurnLike>;
}

/**
 * Drives bot chatflows through the kit's bot runtime: each call is one transaction in core
 * (session state, transitions, bot messages, handoff routing). The driver only remembers, per
 * process, which conversations have no waiting bot, to skip a call per live-chat message.
 */
export function botDriver(context: ChannelContext): BotDriver {
  const bots = (context as ChannelContext & { bots?: BotsLike }).bots;
  const live = new Set<string>();
  const key = (workspaceId: string, conversationId: string) => `${workspaceId}:${conversationId}`;
  const remember = (k: string, turn: BotTurnLike) => {
    if (turn.session.status !== 'waiting') live.add(k);
  };
  const isNotABot = (error: unknown) =>
    InboxKitError.isInstance(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION' || error.code === 'UNSUPPORTED');

  return {
    async start(workspaceId, conversationId, chatflowId) {
      const k = key(workspaceId, conversationId);
      if (!bots) return void live.add(k);
      try {
        remember(k, await bots.start({ workspaceId, conversationId, chatflowId }));
      } catch (error) {
        // A live-chat chatflow (or a store without bot sessions): the conversation is live chat.
        if (!isNotABot(error)) throw error;
        live.add(k);
      }
    },
    async input(workspaceId, conversationId, inputId, text) {
      const k = key(workspaceId, conversationId);
      if (!bots || live.has(k)) return;
      try {
        remember(k, await bots.input({ workspaceId, conversationId, inputId, text }));
      } catch (error) {
        if (!isNotABot(error)) throw error;
        live.add(k);
      }
    },
  };
}
