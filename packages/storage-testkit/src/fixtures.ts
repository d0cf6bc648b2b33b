import {
  sortableIds,
  type Channel,
  type Comment,
  type Contact,
  type Conversation,
  type Inbox,
  type Message,
  type NewEvent,
  type Team,
  type User,
  type Workspace,
} from '@inboxkit/core';

/** A workspace, or its id: every builder below accepts either. */
export type WorkspaceRef = string | { id: string };

/** A fixed instant (2026-01-01T00:00:00Z): fixtures are deterministic apart from their ids. */
export const FIXTURE_TIME = Date.UTC(2026, 0, 1);

// Sortable ids: fixtures built later sort after earlier ones, which keeps id-ordered lists
// predictable without tests having to pick ids by hand.
const idGenerator = sortableIds();

const workspaceId = (ws: WorkspaceRef): string => (typeof ws === 'string' ? ws : ws.id);

/**
 * Typed builders of valid domain objects, for conformance tests and store authors' own
 * tests. They build values only (no I/O); every field can be overridden.
 */
export const fixtures = {
  /** A new unique, sortable id with `prefix` (`conv_01…`). */
  id(prefix: string): string {
    return idGenerator.next(prefix);
  },

  /** A workspace. */
  workspace(overrides: Partial<Workspace> = {}): Workspace {
    return { id: fixtures.id('ws'), name: 'Acme', createdAt: FIXTURE_TIME, updatedAt: FIXTURE_TIME, ...overrides };
  },

  /** An agent of `ws`. */
  user(ws: WorkspaceRef, overrides: Partial<User> = {}): User {
    const id = overrides.id ?? fixtures.id('user');
    return {
      id,
      workspaceId: workspaceId(ws),
      name: 'Grace Hopper',
      email: `${id}@agents.example.com`,
      avatarUrl: null,
      meetingLink: null,
      role: 'agent',
      availability: 'available',
      workingHours: null,
      capacity: { default: null, inboxes: {} },
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** A team of `ws`. */
  team(ws: WorkspaceRef, overrides: Partial<Team> = {}): Team {
    return {
      id: fixtures.id('team'),
      workspaceId: workspaceId(ws),
      name: 'Support',
      memberIds: [],
      parentTeamId: null,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** An inbox of `ws`. */
  inbox(ws: WorkspaceRef, overrides: Partial<Inbox> = {}): Inbox {
    const id = overrides.id ?? fixtures.id('inbox');
    return {
      id,
      workspaceId: workspaceId(ws),
      name: 'Support',
      members: { users: [], teams: [] },
      fallbackAddress: `support-${id}@in.example.com`,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** A channel of `ws`; pass `inboxId` (and `type`) to attach it to an inbox. */
  channel(ws: WorkspaceRef, overrides: Partial<Channel> = {}): Channel {
    return {
      id: fixtures.id('chan'),
      workspaceId: workspaceId(ws),
      inboxId: fixtures.id('inbox'),
      type: 'email',
      name: 'support@acme.example.com',
      config: { address: 'support@acme.example.com', imap: { passwordRef: 'imap-support' } },
      status: 'active',
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** A contact of `ws` with a unique, normalized email. */
  contact(ws: WorkspaceRef, overrides: Partial<Contact> = {}): Contact {
    const id = overrides.id ?? fixtures.id('contact');
    return {
      id,
      workspaceId: workspaceId(ws),
      email: `${id}@customers.example.com`,
      name: 'Ada Lovelace',
      phone: null,
      visitorIds: [],
      properties: {},
      ownerId: null,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** An open, unassigned conversation of `ws`; pass the ids of its inbox, channel and contact. */
  conversation(ws: WorkspaceRef, overrides: Partial<Conversation> = {}): Conversation {
    return {
      id: fixtures.id('conv'),
      workspaceId: workspaceId(ws),
      inboxId: fixtures.id('inbox'),
      channelId: fixtures.id('chan'),
      channelType: 'email',
      contactId: fixtures.id('contact'),
      subject: 'Where is my order?',
      status: 'open',
      snoozedUntil: null,
      assigneeId: null,
      teamId: null,
      spam: false,
      spamAt: null,
      tagIds: [],
      origin: { kind: 'channel', id: null },
      replyToken: fixtures.id('rt'),
      messageCount: 0,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
      lastMessageAt: FIXTURE_TIME,
      firstResponseAt: null,
      closedAt: null,
      ...overrides,
    };
  },

  /** An incoming message from the conversation's contact, with a unique `externalId`. */
  message(conversation: Conversation, overrides: Partial<Message> = {}): Message {
    const id = overrides.id ?? fixtures.id('msg');
    return {
      kind: 'message',
      id,
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      direction: 'incoming',
      author: { type: 'contact', id: conversation.contactId },
      text: 'Hello, my order has not arrived.',
      visibleText: null,
      html: null,
      attachments: [],
      externalId: `<${id}@mail.example.com>`,
      metadata: {},
      deliveryStatus: null,
      deliveryError: null,
      createdAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** An outgoing reply by `authorId`, `pending` delivery and no `externalId` yet. */
  reply(conversation: Conversation, authorId: string, overrides: Partial<Message> = {}): Message {
    return fixtures.message(conversation, {
      direction: 'outgoing',
      author: { type: 'user', id: authorId },
      text: 'Sorry about that, it ships today.',
      externalId: null,
      deliveryStatus: 'pending',
      ...overrides,
    });
  },

  /** An internal note on the conversation. */
  comment(conversation: Conversation, authorId: string, overrides: Partial<Comment> = {}): Comment {
    return {
      kind: 'comment',
      id: fixtures.id('cmt'),
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      authorId,
      text: `Looking into it @[${authorId}]`,
      mentions: [authorId],
      createdAt: FIXTURE_TIME,
      ...overrides,
    };
  },

  /** A `contact.created` event of `ws`, ready for `events.append`. */
  event(ws: WorkspaceRef, overrides: Partial<NewEvent> = {}): NewEvent {
    return {
      id: fixtures.id('evt'),
      type: 'contact.created',
      workspaceId: workspaceId(ws),
      at: FIXTURE_TIME,
      data: { contactId: fixtures.id('contact') },
      ...overrides,
    };
  },
};
