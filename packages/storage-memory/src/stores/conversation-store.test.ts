import { ConflictError, type Conversation } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { conversation } from '../../test/fixtures.js';
import { byActivity } from '../indexes/activity.js';
import { units } from '../../test/units.js';
import { conversationStore } from './conversation-store.js';

function setup() {
  const unit = units();
  return { unit, store: conversationStore(unit.journal) };
}

const ids = (rows: Conversation[]) => rows.map((row) => row.id);
const id = (i: number) => `conv_${String(i).padStart(5, '0')}`;

describe('conversationStore', () => {
  it('rejects a duplicate id and reports updates of missing rows', async () => {
    const { store } = setup();
    await store.insert(conversation());
    await expect(store.insert(conversation({ subject: 'again' }))).rejects.toSatisfy(ConflictError.isInstance);
    expect(await store.update(conversation({ id: 'conv_missing' }))).toBe(false);
    expect(await store.get('ws_2', 'conv_1')).toBeNull();
  });

  it('pages without repeats or skips while other conversations get new activity', async () => {
    const { store } = setup();
    for (let i = 0; i < 30; i++) await store.insert(conversation({ id: id(i), lastMessageAt: i }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let bump = 100;
    do {
      const page: { items: Conversation[]; nextCursor: string | null } = await store.list('ws_1', { cursor, limit: 7 });
      seen.push(...ids(page.items));
      cursor = page.nextCursor;
      // Activity on a row already listed moves it to the front, behind the cursor.
      const moved = page.items[0];
      if (moved) await store.update({ ...moved, lastMessageAt: bump++ });
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => id(29 - i)));
  });

  it('lists and counts with combined filters like a full scan would', async () => {
    const { store } = setup();
    const rows = Array.from({ length: 500 }, (_, i) =>
      conversation({
        id: id(i),
        lastMessageAt: (i * 37) % 101,
        inboxId: `inb_${i % 4}`,
        status: (['open', 'closed', 'snoozed'] as const)[i % 3],
        assigneeId: i % 5 === 0 ? null : `usr_${i % 7}`,
        channelType: i % 2 ? 'email' : 'chat',
        spam: i % 11 === 0,
      }),
    );
    for (const row of rows) await store.insert(row);
    const filter = { inboxIds: ['inb_1', 'inb_2'], statuses: ['open' as const], channelType: 'email', spam: false };
    const expected = rows
      .filter((r) => ['inb_1', 'inb_2'].includes(r.inboxId) && r.status === 'open' && r.channelType === 'email' && !r.spam)
      .sort(byActivity);
    const listed: Conversation[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Conversation[]; nextCursor: string | null } = await store.list('ws_1', { ...filter, cursor, limit: 9 });
      listed.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids(listed)).toEqual(ids(expected));
    expect(await store.count('ws_1', filter)).toBe(expected.length);
    expect(await store.count('ws_1', { assigneeId: null })).toBe(100);
    expect(await store.count('ws_empty', {})).toBe(0);
    expect(await store.list('ws_empty', { limit: 5 })).toEqual({ items: [], nextCursor: null });
  });

  it('moves a contact’s conversations, and a rollback moves them back', async () => {
    const { store, unit } = setup();
    await store.insert(conversation({ id: 'a', contactId: 'ct_old' }));
    await store.insert(conversation({ id: 'b', contactId: 'ct_old' }));
    await store.insert(conversation({ id: 'c', contactId: 'ct_other' }));
    unit.commit();
    expect(await store.moveContact('ws_1', 'ct_old', 'ct_new')).toBe(2);
    expect(await store.count('ws_1', { contactId: 'ct_new' })).toBe(2);
    expect(await store.count('ws_1', { contactId: 'ct_old' })).toBe(0);
    unit.rollback();
    expect(ids((await store.list('ws_1', { contactId: 'ct_old', limit: 10 })).items)).toEqual(['b', 'a']);
    expect(await store.moveContact('ws_2', 'ct_old', 'ct_new')).toBe(0);
  });

  it('lists due snoozes across workspaces, earliest first, following status changes', async () => {
    const { store } = setup();
    await store.insert(conversation({ id: 'late', status: 'snoozed', snoozedUntil: 300 }));
    await store.insert(conversation({ id: 'early', workspaceId: 'ws_2', status: 'snoozed', snoozedUntil: 100 }));
    await store.insert(conversation({ id: 'edge', status: 'snoozed', snoozedUntil: 200 }));
    await store.insert(conversation({ id: 'open', status: 'open', snoozedUntil: 50 }));
    expect(await store.listDueSnoozed(200, 10)).toEqual([
      { workspaceId: 'ws_2', id: 'early', snoozedUntil: 100 },
      { workspaceId: 'ws_1', id: 'edge', snoozedUntil: 200 },
    ]);
    expect(await store.listDueSnoozed(1000, 1)).toEqual([{ workspaceId: 'ws_2', id: 'early', snoozedUntil: 100 }]);
    await store.update(conversation({ id: 'edge', status: 'open', snoozedUntil: null }));
    expect((await store.listDueSnoozed(1000, 10)).map((due) => due.id)).toEqual(['early', 'late']);
  });

  it('rejects a malformed cursor or limit as a validation error', async () => {
    const { store } = setup();
    await store.insert(conversation());
    await expect(store.list('ws_1', { cursor: 'not-a-cursor', limit: 5 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.list('ws_1', { limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  // Speed of these index reads is measured in bench/store.bench.ts, never timed here.
  it('answers a selective page and a count on a large workspace from its indexes, exactly', async () => {
    const { store } = setup();
    const size = 20_000;
    for (let i = 0; i < size; i++) {
      await store.insert(conversation({ id: id(i), lastMessageAt: i, assigneeId: i % 200 === 0 ? 'usr_rare' : null, inboxId: `inb_${i % 10}` }));
    }
    const page = await store.list('ws_1', { assigneeId: 'usr_rare', inboxIds: ['inb_0'], limit: 50 });
    // i % 200 === 0 implies i % 10 === 0: every rare row is in inb_0, newest first.
    expect(page.items.map((c) => c.lastMessageAt)).toEqual(Array.from({ length: 50 }, (_, k) => size - 200 * (k + 1)));
    expect(page.nextCursor).not.toBeNull();
    expect(await store.count('ws_1', { assigneeId: 'usr_rare', inboxIds: ['inb_1'] })).toBe(0);
    expect(await store.count('ws_1', { statuses: ['open'], spam: false })).toBe(size);
  });
});
