import type { Conversation, Message } from '@inboxkit/core';

const T0 = Date.UTC(2026, 0, 1);

/** The i-th conversation of a bench run (`tag` keeps runs' ids apart). */
export function benchConversation(workspaceId: string, tag: string, i: number): Conversation {
  const id = `conv_${tag}_${String(i).padStart(8, '0')}`;
  return {
    id,
    workspaceId,
    inboxId: `inbox_${i % 20}`,
    channelId: `chan_${i % 30}`,
    channelType: 'email',
    contactId: `contact_${i % 5000}`,
    subject: `Order #${i} did not arrive`,
    status: 'open',
    snoozedUntil: null,
    assigneeId: i % 3 === 0 ? null : `user_${i % 50}`,
    teamId: `team_${i % 10}`,
    spam: false,
    spamAt: null,
    tagIds: [],
    origin: { kind: 'channel', id: null },
    replyToken: `tok${i}`,
    messageCount: 1,
    createdAt: T0 + i,
    updatedAt: T0 + i,
    lastMessageAt: T0 + i,
    firstResponseAt: null,
    closedAt: null,
  };
}

/** The first message of `conversation`. */
export function benchMessage(conversation: Conversation): Message {
  return {
    kind: 'message',
    id: conversation.id.replace('conv_', 'msg_'),
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    direction: 'incoming',
    author: { type: 'contact', id: conversation.contactId },
    text: 'Hello, my order did not arrive. Can you check where it is?',
    visibleText: null,
    html: null,
    attachments: [],
    externalId: `<${conversation.id}@mail.example.com>`,
    metadata: { headers: { 'x-mailer': 'bench' } },
    deliveryStatus: null,
    deliveryError: null,
    createdAt: conversation.createdAt,
  };
}
