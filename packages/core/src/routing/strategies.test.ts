import { describe, expect, it } from 'vitest';
import { advancesRotation, nextInRotation, pickAssignee, type StrategyInput } from './strategies.js';

const base: StrategyInput = {
  strategy: 'round-robin',
  fallback: 'round-robin',
  eligible: ['u1', 'u2', 'u3'],
  eligibleOwnerId: null,
  openCounts: new Map(),
  last: null,
};

describe('nextInRotation', () => {
  it.each([
    ['starts with the first member', ['u1', 'u2'], null, 'u1'],
    ['takes the member after the last one', ['u1', 'u2', 'u3'], 'u1', 'u2'],
    ['wraps around', ['u1', 'u2', 'u3'], 'u3', 'u1'],
    ['skips over a member who left', ['u1', 'u3'], 'u2', 'u3'],
    ['the last one left: wraps', ['u1', 'u3'], 'u4', 'u1'],
    ['nobody', [], 'u1', null],
  ])('%s', (_name, members, last, expected) => {
    expect(nextInRotation(members, last)).toBe(expected);
  });

  it('visits every member equally over many turns', () => {
    const members = ['a', 'b', 'c', 'd', 'e'];
    const counts = new Map<string, number>();
    let last: string | null = null;
    for (let i = 0; i < 1000; i++) {
      last = nextInRotation(members, last);
      counts.set(last!, (counts.get(last!) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('pickAssignee', () => {
  it.each<[string, Partial<StrategyInput>, ReturnType<typeof pickAssignee>]>([
    ['round-robin continues after the pointer', { last: 'u2' }, { userId: 'u3', via: 'round-robin' }],
    ['round-robin with nobody eligible', { eligible: [] }, { userId: null, via: 'nobody-eligible' }],
    [
      'least-open takes the fewest open',
      { strategy: 'least-open', openCounts: new Map([['u1', 3], ['u2', 1], ['u3', 2]]) },
      { userId: 'u2', via: 'least-open' },
    ],
    [
      'least-open breaks ties by rotation',
      { strategy: 'least-open', openCounts: new Map([['u1', 1], ['u2', 4], ['u3', 1]]), last: 'u1' },
      { userId: 'u3', via: 'least-open' },
    ],
    [
      'least-open tie rotation wraps',
      { strategy: 'least-open', openCounts: new Map([['u1', 1], ['u2', 4], ['u3', 1]]), last: 'u3' },
      { userId: 'u1', via: 'least-open' },
    ],
    ['least-open counts missing users as zero', { strategy: 'least-open', openCounts: new Map([['u1', 1], ['u3', 1]]) }, { userId: 'u2', via: 'least-open' }],
    ['contact owner when eligible', { strategy: 'contact-owner-first', eligibleOwnerId: 'u9', last: 'u1' }, { userId: 'u9', via: 'contact-owner' }],
    ['contact owner falls back to round-robin', { strategy: 'contact-owner-first', last: 'u1' }, { userId: 'u2', via: 'round-robin' }],
    [
      'contact owner falls back to least-open',
      { strategy: 'contact-owner-first', fallback: 'least-open', openCounts: new Map([['u1', 2], ['u2', 2], ['u3', 0]]) },
      { userId: 'u3', via: 'least-open' },
    ],
    ['contact owner falls back to manual', { strategy: 'contact-owner-first', fallback: 'manual' }, { userId: null, via: 'manual' }],
    ['manual never picks a user', { strategy: 'manual', eligibleOwnerId: 'u1' }, { userId: null, via: 'manual' }],
  ])('%s', (_name, overrides, expected) => {
    expect(pickAssignee({ ...base, ...overrides })).toEqual(expected);
  });

  it.each([
    [{ userId: 'u1', via: 'round-robin' } as const, true],
    [{ userId: 'u1', via: 'least-open' } as const, true],
    [{ userId: 'u1', via: 'contact-owner' } as const, false],
    [{ userId: null, via: 'nobody-eligible' } as const, false],
  ])('advancesRotation(%o) is %s', (pick, expected) => {
    expect(advancesRotation(pick)).toBe(expected);
  });
});
