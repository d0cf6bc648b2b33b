import type { Message, WorkspaceApi } from '@inboxkit/core';
import type { WireMessage } from './protocol.js';

/** The conversation's messages (never comments: they are internal), oldest first. */
export async function transcript(ws: WorkspaceApi, conversationId: string): Promise<Message[]> {
  const messages: Message[] = [];
  let cursor: string | null = null;
  do {
    const page = await ws.conversations.timeline(conversationId, { cursor, limit: 500 });
    for (const item of page.items) if (item.kind === 'message') messages.push(item);
    cursor = page.nextCursor;
  } while (cursor);
  return messages;
}

/**
 * The messages after `afterId` (the last one the widget has shown); all of them when
 * `afterId` is `null` or not in this conversation; never a reply whose delivery failed. Resume and live delivery both use it, so a
 * message reaches the widget once and in order however the socket came and went.
 */
export function after(messages: Message[], afterId: string | null): Message[] {
  // The cursor is found among all messages (one shown while pending may have failed since);
  // a reply whose delivery failed is never shown.
  const index = afterId === null ? -1 : messages.findIndex((m) => m.id === afterId);
  return messages.slice(index + 1).filter((m) => m.deliveryStatus !== 'failed');
}

/** A stored message as the widget shows it: plain text and a display name. */
export function toWire(message: Message, authorName: string | null): WireMessage {
  // Visitor messages carry the widget's id under `chat`; bot questions their quick replies under `bot`.
  const chat = (message.metadata.chat ?? {}) as { clientId?: unknown };
  const bot = (message.metadata.bot ?? {}) as { quickReplies?: unknown };
  return {
    type: 'message',
    id: message.id,
    conversationId: message.conversationId,
    direction: message.direction,
    author: { type: message.author.type, name: authorName },
    text: message.visibleText ?? message.text,
    at: message.createdAt,
    clientId: typeof chat.clientId === 'string' ? chat.clientId : null,
    quickReplies: Array.isArray(bot.quickReplies) ? bot.quickReplies.filter((r): r is string => typeof r === 'string') : [],
  };
}
