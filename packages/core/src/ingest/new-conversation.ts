import type { Channel } from '../domain/channel.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { ParsedInbound } from '../domain/inbound.js';

/** A new, open, unassigned conversation for an inbound message, spam when `spamAt` is set (pure). */
export function newConversation(input: {
  id: string;
  replyToken: string;
  channel: Channel;
  contact: Contact;
  inbound: ParsedInbound;
  at: number;
  /** When a filter made it spam (the ingest time), or `null`. */
  spamAt: number | null;
}): Conversation {
  const { channel, inbound, at } = input;
  return {
    id: input.id,
    workspaceId: channel.workspaceId,
    inboxId: channel.inboxId,
    channelId: channel.id,
    channelType: channel.type,
    contactId: input.contact.id,
    subject: inbound.subject ?? null,
    status: 'open',
    snoozedUntil: null,
    assigneeId: null,
    teamId: null,
    spam: input.spamAt !== null,
    spamAt: input.spamAt,
    tagIds: [],
    origin: inbound.origin ?? { kind: 'channel', id: channel.id },
    replyToken: input.replyToken,
    messageCount: 1,
    createdAt: at,
    updatedAt: at,
    lastMessageAt: at,
    firstResponseAt: null,
    closedAt: null,
  };
}
