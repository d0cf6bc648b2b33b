import type { Message, WorkspaceApi } from '@inboxkit/core';
import type { WireMessage } from './protocol.js';

/** Timeline page size of the transcript reads: the most a live read after the first one fetches again. */
const PAGE = 100;

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

/** One socket's view of a conversation's transcript: what the widget has not been sent yet. */
export interface TranscriptReader {
  /** The messages (never comments: they are internal) not sent to this widget yet, oldest first. */
  unsent(): Promise<Message[]>;
}

/**
 * Reads the whole timeline once (to resume after `resume`, the widget's last shown message), then
 * only its tail: it keeps the cursor of the page holding the newest messages and the ids already
 * sent from it, so a live event costs one page read however long the conversation is.
 */
export function transcriptReader(ws: WorkspaceApi, conversationId: string, resume: string | null): TranscriptReader {
  let tail: string | null = null;
  let started = false;
  // Ids on the tail page that were sent (or were before `resume`): never sent again.
  let seen = new Set<string>();

  async function readFrom(cursor: string | null, each: (messages: Message[]) => void): Promise<void> {
    for (;;) {
      const page = await ws.conversations.timeline(conversationId, { cursor, limit: PAGE });
      const messages = page.items.filter((item): item is Message => item.kind === 'message');
      if (page.nextCursor) {
        // A full page with more after it: its messages are done with; the tail moves on.
        cursor = page.nextCursor;
        each(messages);
        seen = new Set();
        continue;
      }
      tail = cursor;
      each(messages);
      for (const message of messages) seen.add(message.id);
      return;
    }
  }

  return {
    async unsent() {
      if (!started) {
        started = true;
        const all: Message[] = [];
        await readFrom(null, (messages) => all.push(...messages));
        return after(all, resume);
      }
      const fresh: Message[] = [];
      await readFrom(tail, (messages) => {
        for (const message of messages) if (!seen.has(message.id) && message.deliveryStatus !== 'failed') fresh.push(message);
      });
      return fresh;
    },
  };
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
