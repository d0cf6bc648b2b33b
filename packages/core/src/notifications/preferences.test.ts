import { describe, expect, it } from 'vitest';
import { NOTIFICATION_DEFAULTS, resolvePreferences, wantsNotification, type NotificationType } from './preferences.js';

describe('wantsNotification', () => {
  const prefs = {
    events: { 'message.received': false, 'conversation.created': true },
    inboxes: { sales: { 'conversation.created': false, 'message.received': true } },
  };
  it.each<[string, typeof prefs | null, NotificationType, string, boolean]>([
    ['defaults: assigned on', null, 'conversation.assigned', 'support', true],
    ['defaults: new conversation off', null, 'conversation.created', 'support', false],
    ['defaults: mention on', null, 'comment.mention', 'support', true],
    ['defaults: message on', null, 'message.received', 'support', true],
    ['user-wide opt-out', prefs, 'message.received', 'support', false],
    ['user-wide opt-in', prefs, 'conversation.created', 'support', true],
    ['inbox override beats user-wide (off)', prefs, 'conversation.created', 'sales', false],
    ['inbox override beats user-wide (on)', prefs, 'message.received', 'sales', true],
    ['type not set anywhere falls back to default', prefs, 'comment.mention', 'sales', true],
  ])('%s', (_name, p, type, inboxId, expected) => {
    expect(wantsNotification(p, type, inboxId)).toBe(expected);
  });
});

describe('resolvePreferences', () => {
  it('fills every type from the defaults', () => {
    expect(resolvePreferences('u1', null)).toEqual({ userId: 'u1', events: NOTIFICATION_DEFAULTS, inboxes: {} });
  });

  it('keeps stored choices and per-inbox overrides', () => {
    const resolved = resolvePreferences('u1', { events: { 'comment.mention': false }, inboxes: { i: { 'conversation.created': true } } });
    expect(resolved.events).toEqual({ ...NOTIFICATION_DEFAULTS, 'comment.mention': false });
    expect(resolved.inboxes).toEqual({ i: { 'conversation.created': true } });
  });
});
