import type { Comment, Contact, Conversation, Message, NewEvent, User, Workspace } from '@inboxkit/core';
import { fixtures } from '@inboxkit/storage-testkit';

// The testkit's builders with fixed ids and times, so this package's unit tests can name
// rows (`conv_1`, `ct_1`) and compare orderings by hand.
const WS = 'ws_1';
const AT = { createdAt: 1, updatedAt: 1 };

/** Workspace `ws_1`. */
export const workspace = (overrides: Partial<Workspace> = {}): Workspace => fixtures.workspace({ id: WS, ...AT, ...overrides });

/** User `usr_1` of `ws_1`. */
export const user = (overrides: Partial<User> = {}): User =>
  fixtures.user(overrides.workspaceId ?? WS, { id: 'usr_1', name: 'Ada', email: 'ada@example.com', ...AT, ...overrides });

/** Contact `ct_1` of `ws_1`, no email. */
export const contact = (overrides: Partial<Contact> = {}): Contact =>
  fixtures.contact(overrides.workspaceId ?? WS, { id: 'ct_1', email: null, name: null, ...AT, ...overrides });

/** Conversation `conv_1` of contact `ct_1` in inbox `inb_1`, channel `ch_1`. */
export const conversation = (overrides: Partial<Conversation> = {}): Conversation =>
  fixtures.conversation(overrides.workspaceId ?? WS, {
    id: 'conv_1', inboxId: 'inb_1', channelId: 'ch_1', contactId: 'ct_1', subject: null, replyToken: 'token',
    messageCount: 1, lastMessageAt: 1, ...AT, ...overrides,
  });

/** Incoming message `msg_1` of `conv_1`, no external id. */
export const message = (overrides: Partial<Message> = {}): Message =>
  fixtures.message(conversation({ workspaceId: overrides.workspaceId ?? WS, id: overrides.conversationId ?? 'conv_1', channelId: overrides.channelId ?? 'ch_1' }), {
    id: 'msg_1', text: 'Hello', externalId: null, createdAt: 1, ...overrides,
  });

/** Comment `cmt_1` of `conv_1` by `usr_1`. */
export const comment = (overrides: Partial<Comment> = {}): Comment =>
  fixtures.comment(conversation({ workspaceId: overrides.workspaceId ?? WS, id: overrides.conversationId ?? 'conv_1' }), 'usr_1', {
    id: 'cmt_1', text: 'Note', mentions: [], createdAt: 1, ...overrides,
  });

/** Event `evt_1`: `contact.created` of `ct_1` in `ws_1`. */
export const event = (overrides: Partial<NewEvent<'contact.created'>> = {}): NewEvent<'contact.created'> =>
  fixtures.event(overrides.workspaceId ?? WS, { id: 'evt_1', at: 1, data: { contactId: 'ct_1' }, ...overrides }) as NewEvent<'contact.created'>;
