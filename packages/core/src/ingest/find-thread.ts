import type { Channel } from '../domain/channel.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { ParsedInbound } from '../domain/inbound.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseReplyToken, secretsEqual } from '../conversations/reply-token.js';
import type { StorageOperations } from '../storage/storage.js';
import { normalizeSubject } from '../domain/subject.js';

/**
 * Finds the conversation an inbound message continues, in order of trust:
 * 1. an explicit `conversationId` (chat sessions) — must be in the channel's inbox and belong to the sender;
 * 2. `threadRefs` matching a stored message's `externalId` (email `In-Reply-To`/`References`) in the same inbox;
 * 3. a valid `replyToken` (`<conversationId>.<secret>`, compared in constant time) in the same inbox;
 * 4. with `subjectThreading`: the same contact's newest conversation in the inbox with the same
 *    normalized subject and activity since `now - windowMs` (spam excluded).
 * Returns `null` when the message starts a new conversation.
 */
export async function findThread(
  tx: StorageOperations,
  channel: Channel,
  message: ParsedInbound,
  contact: Contact,
  now: number,
): Promise<Conversation | null> {
  const { workspaceId } = channel;
  if (message.conversationId) {
    const conversation = await tx.conversations.get(workspaceId, message.conversationId, { lock: true });
    if (!conversation || conversation.inboxId !== channel.inboxId || conversation.contactId !== contact.id) {
      throw new ValidationError('inbound message', [
        { path: 'conversationId', message: 'no such conversation of this sender in the channel\'s inbox' },
      ]);
    }
    return conversation;
  }
  if (message.threadRefs.length > 0) {
    const referenced = await tx.timeline.findByExternalIds(workspaceId, message.threadRefs);
    if (referenced) {
      const conversation = await tx.conversations.get(workspaceId, referenced.conversationId, { lock: true });
      if (conversation && conversation.inboxId === channel.inboxId) return conversation;
    }
  }
  const token = message.replyToken ? parseReplyToken(message.replyToken) : null;
  if (token) {
    const conversation = await tx.conversations.get(workspaceId, token.conversationId, { lock: true });
    if (conversation && conversation.inboxId === channel.inboxId && secretsEqual(conversation.replyToken, token.secret)) {
      return conversation;
    }
  }
  const subject = normalizeSubject(message.subject);
  if (message.subjectThreading && subject !== '') {
    const recent = await tx.conversations.list(workspaceId, { inboxIds: [channel.inboxId], contactId: contact.id, spam: false, limit: 20 });
    const match = recent.items.find((c) => c.lastMessageAt >= now - message.subjectThreading!.windowMs && normalizeSubject(c.subject) === subject);
    if (match) return tx.conversations.get(workspaceId, match.id, { lock: true });
  }
  return null;
}
