import { describe, expect, it } from 'vitest';
import type { Conversation } from '../domain/conversation.js';
import type { Actor, AnyInboxEvent, EventDataMap, EventType } from '../domain/events.js';
import type { Inbox } from '../domain/inbox.js';
import { planNotifications, summaryOf, type PlanContext } from './notification-plan.js';

const conversation: Conversation = {
  id: 'conv',
  workspaceId: 'ws',
  inboxId: 'support',
  channelId: 'chan',
  channelType: 'email',
  contactId: 'contact',
  subject: 'Where is my order?',
  status: 'open',
  snoozedUntil: null,
  assigneeId: 'ann',
  teamId: null,
  spam: false,
  spamAt: null,
  tagIds: [],
  origin: { kind: 'channel', id: null },
  replyToken: 'rt',
  messageCount: 2,
  createdAt: 0,
  updatedAt: 0,
  lastMessageAt: 0,
  firstResponseAt: null,
  closedAt: null,
};
const inbox = { id: 'support', workspaceId: 'ws', name: 'Support' } as Inbox;

function ctx(overrides: Partial<PlanContext> = {}): PlanContext {
  return {
    conversation,
    inbox,
    inboxMembers: new Set(['ann', 'bob', 'cat']),
    canSee: new Set(['ann', 'bob', 'cat', 'admin']),
    followers: [],
    // bob wants every new conversation; cat switched off messages.
    preferences: new Map([
      ['bob', { events: { 'conversation.created': true }, inboxes: {} }],
      ['cat', { events: { 'message.received': false, 'conversation.created': true }, inboxes: {} }],
    ]),
    ...overrides,
  };
}

function event<T extends EventType>(type: T, data: EventDataMap[T]): AnyInboxEvent {
  return { id: 'evt', seq: 1, type, workspaceId: 'ws', at: 0, data } as AnyInboxEvent;
}

const user = (id: string): Actor => ({ type: 'user', id });
const rule: Actor = { type: 'rule', id: 'chan' };
const assigned = (assigneeId: string | null, by = rule, previousAssigneeId: string | null = null) =>
  event('conversation.assigned', { conversationId: 'conv', inboxId: 'support', assigneeId, teamId: null, previousAssigneeId, previousTeamId: null, by });
const received = (createdConversation: boolean) =>
  event('message.received', { conversationId: 'conv', messageId: 'm', inboxId: 'support', channelId: 'chan', contactId: 'contact', createdConversation });
const comment = (authorId: string, mentions: string[]) =>
  event('comment.created', { conversationId: 'conv', commentId: 'c', inboxId: 'support', authorId, mentions });
const status = (by: Actor) =>
  event('conversation.status.changed', { conversationId: 'conv', inboxId: 'support', status: 'closed', previousStatus: 'open', snoozedUntil: null, by });
// bob and admin follow; `gone` follows but lost access to the inbox.
const following: Partial<PlanContext> = { followers: ['admin', 'bob', 'gone'] };

describe('planNotifications', () => {
  it.each<[string, AnyInboxEvent, Partial<PlanContext>, Array<[string, string]>]>([
    ['new conversation: members who opted in', event('conversation.created', { conversationId: 'conv', inboxId: 'support', channelId: 'chan', contactId: 'contact' }), {}, [['bob', 'conversation.created'], ['cat', 'conversation.created']]],
    ['released from spam counts as new, minus the releasing user', event('conversation.released', { conversationId: 'conv', inboxId: 'support', by: user('bob') }), {}, [['cat', 'conversation.created']]],
    ['assigned by a rule', assigned('ann'), {}, [['ann', 'conversation.assigned']]],
    ['assigned by someone else', assigned('ann', user('bob')), {}, [['ann', 'conversation.assigned']]],
    ['self-assignment is not announced', assigned('ann', user('ann')), {}, []],
    ['unassignment is not announced', assigned(null, user('bob'), 'ann'), {}, []],
    ['team change with the same user is not announced', assigned('ann', user('bob'), 'ann'), {}, []],
    ['new message on my conversation', received(false), {}, [['ann', 'message.received']]],
    ['opted out of messages', received(false), { conversation: { ...conversation, assigneeId: 'cat' } }, []],
    ['first message of a new conversation is not a second notification', received(true), {}, []],
    ['message on an unassigned conversation', received(false), { conversation: { ...conversation, assigneeId: null } }, []],
    ['mentions, never the author', comment('bob', ['ann', 'bob', 'admin']), {}, [['ann', 'comment.mention'], ['admin', 'comment.mention']]],
    ['a mentioned user who cannot see the inbox is skipped', comment('bob', ['stranger']), {}, []],
    ['spam is never announced', assigned('ann'), { conversation: { ...conversation, spam: true } }, []],
    ['inbox opt-out', assigned('ann'), { preferences: new Map([['ann', { events: {}, inboxes: { support: { 'conversation.assigned': false } } }]]) }, []],
    ['unrelated event', event('user.created', { userId: 'x' }), {}, []],
    ['followers hear of new messages with the assignee', received(false), following, [['ann', 'message.received'], ['admin', 'message.received'], ['bob', 'message.received']]],
    ['followers of an unassigned conversation', received(false), { ...following, conversation: { ...conversation, assigneeId: null } }, [['admin', 'message.received'], ['bob', 'message.received']]],
    ['a mentioned follower is told once, as mentioned', comment('cat', ['bob']), following, [['bob', 'comment.mention'], ['admin', 'comment.created']]],
    ['the commenting follower is not told of their own comment', comment('bob', []), following, [['admin', 'comment.created']]],
    ['followers hear of status changes, never the actor', status(user('admin')), following, [['bob', 'conversation.status.changed']]],
    ['a reopen by the customer writing is told as the message only', status({ type: 'channel', id: 'chan' }), following, []],
    ['status changes reach nobody without followers', status(user('admin')), {}, []],
  ])('%s', (_name, e, overrides, expected) => {
    expect(planNotifications(e, ctx(overrides)).map((n) => [n.userId, n.type])).toEqual(expected);
  });

  it('carries ids and a summary only', () => {
    expect(planNotifications(assigned('ann'), ctx())).toEqual([
      { workspaceId: 'ws', userId: 'ann', type: 'conversation.assigned', conversationId: 'conv', summary: 'Assigned to you in Support: Where is my order?' },
    ]);
  });
});

describe('summaryOf', () => {
  it('stands in for a missing subject and truncates long ones', () => {
    expect(summaryOf('message.received', { ...conversation, subject: null }, inbox)).toBe('New message in Support: (no subject)');
    const long = summaryOf('comment.mention', { ...conversation, subject: 'x'.repeat(500) }, inbox);
    expect(long).toHaveLength(140);
    expect(long.endsWith('…')).toBe(true);
  });
});
