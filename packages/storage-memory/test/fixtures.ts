import type { Comment, Contact, Conversation, Message, NewEvent, User, Workspace } from '@inboxkit/core';

/** Typed rows for the package's own tests; each takes the fields a test cares about. */

export function workspace(overrides: Partial<Workspace> = {}): Workspace {
  return { id: 'ws_1', name: 'Acme', createdAt: 1, updatedAt: 1, ...overrides };
}

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 'usr_1',
    workspaceId: 'ws_1',
    name: 'Ada',
    email: 'ada@example.com',
    avatarUrl: null,
    meetingLink: null,
    role: 'agent',
    availability: 'available',
    workingHours: null,
    capacity: { default: null, inboxes: {} },
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'ct_1',
    workspaceId: 'ws_1',
    email: null,
    name: null,
    phone: null,
    visitorIds: [],
    properties: {},
    ownerId: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'conv_1',
    workspaceId: 'ws_1',
    inboxId: 'inb_1',
    channelId: 'ch_1',
    channelType: 'email',
    contactId: 'ct_1',
    subject: null,
    status: 'open',
    snoozedUntil: null,
    assigneeId: null,
    teamId: null,
    spam: false,
    origin: { kind: 'channel', id: null },
    replyToken: 'token',
    messageCount: 1,
    createdAt: 1,
    updatedAt: 1,
    lastMessageAt: 1,
    firstResponseAt: null,
    closedAt: null,
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    kind: 'message',
    id: 'msg_1',
    workspaceId: 'ws_1',
    conversationId: 'conv_1',
    channelId: 'ch_1',
    direction: 'incoming',
    author: { type: 'contact', id: 'ct_1' },
    text: 'Hello',
    visibleText: null,
    html: null,
    attachments: [],
    externalId: null,
    metadata: {},
    deliveryStatus: null,
    deliveryError: null,
    createdAt: 1,
    ...overrides,
  };
}

export function comment(overrides: Partial<Comment> = {}): Comment {
  return {
    kind: 'comment',
    id: 'cmt_1',
    workspaceId: 'ws_1',
    conversationId: 'conv_1',
    authorId: 'usr_1',
    text: 'Note',
    mentions: [],
    createdAt: 1,
    ...overrides,
  };
}

export function event(overrides: Partial<NewEvent<'contact.created'>> = {}): NewEvent<'contact.created'> {
  return { id: 'evt_1', type: 'contact.created', workspaceId: 'ws_1', at: 1, data: { contactId: 'ct_1' }, ...overrides };
}
