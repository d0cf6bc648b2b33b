import type { Message } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { after } from './transcript.js';

const msg = (id: string, deliveryStatus: Message['deliveryStatus'] = null) => ({ id, deliveryStatus }) as Message;

describe('resume cursor', () => {
  const all = [msg('a'), msg('b', 'sent'), msg('c'), msg('d', 'pending')];

  it('returns everything after the last shown message, in order', () => {
    expect(after(all, 'b').map((m) => m.id)).toEqual(['c', 'd']);
    expect(after(all, 'd')).toEqual([]);
  });

  it('returns everything for a new tab (null) or a cursor from elsewhere', () => {
    expect(after(all, null).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(after(all, 'zzz').map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never returns a failed reply, and a cursor on one that failed since is still found (no replay)', () => {
    const withFailure = [msg('a'), msg('b', 'failed'), msg('c')];
    expect(after(withFailure, null).map((m) => m.id)).toEqual(['a', 'c']);
    expect(after(withFailure, 'b').map((m) => m.id)).toEqual(['c']);
  });
});
