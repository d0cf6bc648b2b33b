import { describe, expect, it } from 'vitest';
import type { AnyInboxEvent, EventDataMap, EventType } from '../domain/events.js';
import { jobsFor } from './routing-automation.js';

const event = <T extends EventType>(type: T, data: EventDataMap[T]) => ({ id: 'e', seq: 1, type, workspaceId: 'ws', at: 0, data }) as AnyInboxEvent;
const assigned = (assigneeId: string | null, previousAssigneeId: string | null) =>
  event('conversation.assigned', { conversationId: 'c', inboxId: 'inbox', assigneeId, teamId: null, previousAssigneeId, previousTeamId: null, by: { type: 'user', id: 'x' } });
const status = (previousStatus: 'open' | 'closed' | 'snoozed', next: 'open' | 'closed' | 'snoozed') =>
  event('conversation.status.changed', { conversationId: 'c', inboxId: 'inbox', status: next, previousStatus, snoozedUntil: null, by: { type: 'system', id: null } });

describe('jobsFor', () => {
  it.each<[string, AnyInboxEvent, ReturnType<typeof jobsFor>]>([
    ['back from away: drain their rules', event('user.availability.changed', { userId: 'u', availability: 'available' }), [{ kind: 'drain', target: { userId: 'u' } }]],
    ['gone away: requeue their chats', event('user.availability.changed', { userId: 'u', availability: 'away' }), [{ kind: 'requeue', userId: 'u' }]],
    ['working hours changed', event('user.updated', { userId: 'u', fields: ['name', 'workingHours'] }), [{ kind: 'drain', target: { userId: 'u' } }]],
    ['capacity changed', event('user.updated', { userId: 'u', fields: ['capacity'] }), [{ kind: 'drain', target: { userId: 'u' } }]],
    ['profile change only', event('user.updated', { userId: 'u', fields: ['name'] }), []],
    ['closed: capacity freed', status('open', 'closed'), [{ kind: 'drain', target: { inboxId: 'inbox' } }]],
    ['snoozed: capacity freed', status('open', 'snoozed'), [{ kind: 'drain', target: { inboxId: 'inbox' } }]],
    ['reopened: nothing freed', status('closed', 'open'), []],
    ['taken from its assignee', assigned('other', 'u'), [{ kind: 'drain', target: { inboxId: 'inbox' } }]],
    ['unassigned', assigned(null, 'u'), [{ kind: 'drain', target: { inboxId: 'inbox' } }]],
    ['assigned from the queue: no loop', assigned('u', null), []],
    ['team change only', assigned('u', 'u'), []],
    ['marked spam: it leaves its assignee load', event('conversation.spam.marked', { conversationId: 'c', inboxId: 'inbox', by: { type: 'user', id: 'x' } }), [{ kind: 'drain', target: { inboxId: 'inbox' } }]],
    ['moved: capacity freed in the inbox it left', event('conversation.moved', { conversationId: 'c', fromInboxId: 'old', toInboxId: 'new', by: { type: 'user', id: 'x' } }), [{ kind: 'drain', target: { inboxId: 'old' } }]],
    ['rule set', event('routing.rule.set', { channelId: 'ch', inboxId: 'inbox', ruleId: 'ch', strategy: 'round-robin' }), [{ kind: 'drain', target: { channelId: 'ch' } }]],
    ['team membership changed', event('team.updated', { teamId: 't', fields: ['memberIds'] }), [{ kind: 'drain', target: {} }]],
    ['unrelated', event('contact.created', { contactId: 'k' }), []],
  ])('%s', (_name, e, expected) => {
    expect(jobsFor(e)).toEqual(expected);
  });
});
