import { describe, expect, it } from 'vitest';
import { event } from '../../test/fixtures.js';
import { units } from '../../test/units.js';
import { eventStore } from './event-store.js';

function setup() {
  const unit = units();
  return { unit, store: eventStore(unit.journal) };
}

describe('eventStore', () => {
  it('numbers each workspace’s events from 1 and reads after a seq', async () => {
    const { store } = setup();
    await store.append('ws_1', [event({ id: 'a' }), event({ id: 'b' })]);
    await store.append('ws_2', [event({ id: 'x', workspaceId: 'ws_2' })]);
    const [third] = await store.append('ws_1', [event({ id: 'c' })]);
    expect(third).toMatchObject({ id: 'c', seq: 3 });
    expect((await store.read('ws_1', { limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await store.read('ws_1', { after: 1, limit: 1 })).map((e) => e.id)).toEqual(['b']);
    expect(await store.read('ws_1', { after: 3, limit: 10 })).toEqual([]);
    expect((await store.read('ws_2', { limit: 10 })).map((e) => e.seq)).toEqual([1]);
    expect(await store.append('ws_1', [])).toEqual([]);
  });

  it('refuses an event of another workspace, naming it', async () => {
    const { store } = setup();
    await expect(store.append('ws_1', [event(), event({ workspaceId: 'ws_2' })])).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'events[1].workspaceId' }],
    });
    expect(await store.read('ws_1', { limit: 10 })).toEqual([]);
  });

  it('notes appended events for delivery, and a rollback truncates the log', async () => {
    const { store, unit } = setup();
    await store.append('ws_1', [event({ id: 'kept' })]);
    unit.commit();
    await store.append('ws_1', [event({ id: 'dropped' })]);
    expect(unit.journal().appendedEvents.map((e) => e.id)).toEqual(['dropped']);
    unit.rollback();
    expect(unit.journal().appendedEvents).toEqual([]);
    expect((await store.append('ws_1', [event({ id: 'next' })]))[0]?.seq).toBe(2);
  });
});
