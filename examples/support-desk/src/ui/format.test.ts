import { describe, expect, it } from 'vitest';
import { ago, dateTime, duration, mentionParts, toMentions } from './format.js';

const users = [
  { id: 'usr_ingrid', name: 'Ingrid Berg' },
  { id: 'usr_ola', name: 'Ola Hansen' },
  { id: 'usr_ola2', name: 'Ola Nordmann' },
];

describe('formatting helpers', () => {
  it('formats durations at every scale', () => {
    expect([duration(null), duration(4_000), duration(12 * 60_000), duration(3 * 3_600_000 + 5 * 60_000), duration(3_600_000), duration(50 * 3_600_000)]).toEqual([
      '—', '4 s', '12 min', '3 h 5 min', '1 h', '2 d 2 h',
    ]);
  });

  it('says how long ago, coarsely', () => {
    const now = 1_000_000_000;
    expect([ago(now - 10_000, now), ago(now - 5 * 60_000, now), ago(now - 3 * 3_600_000 - 60_000, now), ago(now + 5, now)]).toEqual(['just now', '5 min ago', '3 h ago', 'just now']);
    expect(dateTime(Date.UTC(2026, 11, 2, 15, 4))).toBe('2026-12-02 15:04');
  });

  it('turns typed @names into core mentions; full names win, ambiguous first names stay text', () => {
    expect(toMentions('@ingrid can you look? cc @Ingrid Berg', users)).toBe('@[usr_ingrid] can you look? cc @[usr_ingrid]');
    expect(toMentions('@Ola Nordmann and @Ola', users)).toBe('@[usr_ola2] and @Ola');
    expect(toMentions('mail me at x@ingridberg.no or @Ingrids', users)).toBe('mail me at x@ingridberg.no or @Ingrids');
    expect(toMentions('@[usr_ola] stays', users)).toBe('@[usr_ola] stays');
  });

  it('splits stored comments into text and mentions', () => {
    expect(mentionParts('hi @[usr_ola], see @[usr_ingrid]')).toEqual([{ text: 'hi ' }, { userId: 'usr_ola' }, { text: ', see ' }, { userId: 'usr_ingrid' }]);
    expect(mentionParts('no mentions')).toEqual([{ text: 'no mentions' }]);
  });
});
