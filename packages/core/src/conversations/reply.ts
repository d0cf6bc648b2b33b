import type { Conversation } from '../domain/conversation.js';
import { replyInput, type ReplyInput, type Message } from '../domain/timeline.js';
import { ConflictError } from '../errors/conflict-error.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { storeAttachments } from '../ingest/attachments.js';
import { storedHtml } from '../runtime/sanitize-html.js';
import { deliver, senderFor } from './deliver.js';
import { takeDeliveryLease } from './delivery-lease.js';
import { autoFollow } from './followers.js';

type ParsedReply = ReturnType<typeof replyInput.parse>;

/**
 * Writes an agent's reply: stores it `pending` with the conversation's new activity in one
 * transaction, then delivers it through the channel and returns it as `sent` or `failed`.
 * A crash between the two leaves it `pending`; the kit's pending sweep (at `start()` and every
 * `DELIVERY_LEASE_MS`) delivers it once its delivery lease lapses.
 */
export async function reply(scope: Scope, conversationId: string, input: ReplyInput): Promise<Message> {
  const { workspaceId, runtime } = scope;
  const parsed = parseInput(replyInput, input, 'reply');
  if (scope.actorId && parsed.authorId !== scope.actorId) throw new ForbiddenError('users reply as themselves only');
  const existing = requireFound(await scope.storage.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
  await scope.access.requireInbox(existing.inboxId, 'conversation', conversationId);
  if (!(await scope.storage.records.get(workspaceId, 'user', parsed.authorId))) {
    throw new ValidationError('reply', [{ path: 'authorId', message: `unknown user "${parsed.authorId}"` }]);
  }
  await senderFor(scope, scope.storage, existing); // fail before storing anything when nothing can send
  const messageId = runtime.ids.next('itm');
  const attachments = await storeAttachments(runtime, workspaceId, `${workspaceId}/${messageId}`, parsed.attachments);
  // Leased before it exists, so no other process's sweep can take it between insert and send.
  const lease = await takeDeliveryLease(runtime, workspaceId, messageId);
  if (!lease) throw new ConflictError(`message "${messageId}" is already being delivered`);
  try {
    await insertReply(scope, conversationId, messageId, parsed, attachments);
  } catch (error) {
    await lease.release();
    throw error;
  }
  return deliver(scope, messageId, lease);
}

async function insertReply(scope: Scope, conversationId: string, messageId: string, parsed: ParsedReply, attachments: Message['attachments']) {
  const { workspaceId, runtime } = scope;
  await scope.mutate(async (tx, events) => {
    const conversation = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    const now = runtime.clock.now();
    const message: Message = {
      kind: 'message',
      id: messageId,
      workspaceId,
      conversationId,
      channelId: conversation.channelId,
      direction: 'outgoing',
      author: { type: 'user', id: parsed.authorId },
      text: parsed.text,
      visibleText: null,
      html: storedHtml(runtime.sanitizeHtml, parsed.html),
      attachments,
      externalId: null,
      metadata: {},
      deliveryStatus: 'pending',
      deliveryError: null,
      createdAt: now,
    };
    const next: Conversation = {
      ...conversation,
      lastMessageAt: Math.max(conversation.lastMessageAt, now),
      messageCount: conversation.messageCount + 1,
      firstResponseAt: conversation.firstResponseAt ?? now,
      updatedAt: now,
    };
    await tx.timeline.insert(message);
    await tx.conversations.update(next);
    events.record('message.sent', {
      conversationId,
      messageId,
      inboxId: conversation.inboxId,
      channelId: conversation.channelId,
      authorId: parsed.authorId,
    });
    await autoFollow(tx, scope, events, conversation, [{ userId: parsed.authorId, reason: 'replied' }], parsed.authorId);
  });
}
