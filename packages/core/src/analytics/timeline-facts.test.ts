import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../domain/timeline.js';
import { TimelineFactsBuilder, timelineFacts, type Wait } from './timeline-facts.js';

/** A compact timeline: `in` = contact message, `u:<id>` = user reply, `bot`, `system`, `note` = comment. */
type Step = [kind: 'in' | `u:${string}` | 'bot' | 'system' | 'note', at: number];

function timeline(steps: Step[]): TimelineItem[] {
  return steps.map(([kind, createdAt], i) => {
    const base = { id: `itm_${String(i).padStart(3, '0')}`, workspaceId: 'ws', conversationId: 'conv', createdAt };
    if (kind === 'note') return { ...base, kind: 'comment', authorId: 'user_x', text: 'note', mentions: [] };
    const outgoing = kind !== 'in';
    const author = kind === 'in' ? { type: 'contact' as const, id: 'ct' } : kind.startsWith('u:') ? { type: 'user' as const, id: kind.slice(2) } : { type: kind as 'bot' | 'system', id: null };
    return {
      ...base,
      kind: 'message',
      channelId: 'chan',
      direction: outgoing ? 'outgoing' : 'incoming',
      author,
      text: '',
      visibleText: null,
      html: null,
      attachments: [],
      externalId: null,
      metadata: {},
      deliveryStatus: outgoing ? 'sent' : null,
      deliveryError: null,
    };
  });
}

const wait = (startedAt: number, endedAt: number, repliedBy: string, first = false): Wait => ({ startedAt, endedAt, repliedBy, first });

describe('timelineFacts', () => {
  it.each<[string, Step[], Wait[], number | null]>([
    ['no reply: no wait ends', [['in', 0], ['in', 5]], [], null],
    ['one wait', [['in', 0], ['u:a', 10]], [wait(0, 10, 'a', true)], 10],
    ['several incoming in a row: the wait starts at the first', [['in', 0], ['in', 4], ['u:a', 10]], [wait(0, 10, 'a', true)], 10],
    ['a second reply in a row ends nothing', [['in', 0], ['u:a', 10], ['u:b', 12]], [wait(0, 10, 'a', true)], 10],
    [
      'several waits',
      [['in', 0], ['u:a', 10], ['in', 20], ['in', 25], ['u:b', 40], ['in', 50]],
      [wait(0, 10, 'a', true), wait(20, 40, 'b')],
      10,
    ],
    ['a reply before any incoming message ends nothing', [['u:a', 0], ['in', 5], ['u:a', 9]], [wait(5, 9, 'a', true)], 9],
    ['bots, system messages and comments neither start nor end waits', [['bot', 0], ['in', 1], ['bot', 2], ['system', 3], ['note', 4], ['u:a', 7]], [wait(1, 7, 'a', true)], 7],
  ])('%s', (_name, steps, waits, firstResponseAt) => {
    const facts = timelineFacts(timeline(steps));
    expect(facts.waits).toEqual(waits);
    expect(facts.firstResponseAt).toBe(firstResponseAt);
  });

  it('counts messages by role and finds the first incoming message', () => {
    const facts = timelineFacts(timeline([['u:a', 0], ['bot', 1], ['in', 2], ['note', 3], ['system', 4], ['in', 5], ['u:b', 6]]));
    expect(facts).toMatchObject({ firstIncomingAt: 2, incomingMessages: 2, userMessages: 2, botMessages: 2 });
  });

  it('a builder fed one item at a time holds the facts of every prefix (what a store keeps current)', () => {
    const items = timeline([['u:a', 0], ['in', 1], ['in', 2], ['u:a', 3], ['u:b', 4], ['bot', 5], ['in', 6], ['note', 7], ['u:b', 8], ['in', 9]]);
    const builder = new TimelineFactsBuilder();
    items.forEach((item, i) => {
      builder.add(item);
      expect(builder.facts).toEqual(timelineFacts(items.slice(0, i + 1)));
    });
  });
});
