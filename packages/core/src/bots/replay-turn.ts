import type { Conversation } from '../domain/conversation.js';
import type { BotSession, BotSessionStore } from '../storage/bot-store.js';
import type { StorageOperations } from '../storage/storage.js';
import { botMessageExternalId } from './apply-turn.js';
import type { BotTurn, BotTurnMessage } from './schemas.js';

/**
 * The turn a repeated call already made (`inputId`, or `null` for the start), rebuilt from
 * storage: the bot messages it stored are found again by their external ids, so a caller that
 * lost the first answer (a crash, a dropped socket) still shows the visitor the right messages.
 */
export async function replayTurn(
  tx: StorageOperations,
  bots: BotSessionStore,
  conversation: Conversation,
  session: BotSession,
  inputId: string | null,
): Promise<BotTurn> {
  const transitions = await bots.listTransitions(session.workspaceId, session.id);
  const mine = transitions.filter((t) => t.inputId === inputId);
  const messages: BotTurnMessage[] = [];
  const first = mine[0]?.index;
  if (first !== undefined) {
    for (let i = 0; ; i++) {
      const stored = await tx.timeline.findByExternalId(session.workspaceId, session.channelId, botMessageExternalId(session.id, first, i));
      if (!stored) break;
      const bot = (stored.metadata.bot ?? {}) as { stepId?: string; quickReplies?: string[] };
      messages.push({ id: stored.id, stepId: bot.stepId ?? '', text: stored.text, quickReplies: bot.quickReplies ?? [] });
    }
  }
  const ended = mine.some((t) => t.to === null);
  return {
    session,
    messages,
    handedOff: ended && mine.some((t) => t.via === 'handoff'),
    completed: ended && mine.some((t) => t.via === 'end'),
    conversation,
    duplicate: true,
  };
}
