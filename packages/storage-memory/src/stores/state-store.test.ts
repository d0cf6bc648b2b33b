import { describe, expect, it } from 'vitest';
import { units } from '../../test/units.js';
import { stateStore } from './state-store.js';

describe('stateStore', () => {
  it('stores copies per workspace and key, and rolls back sets and deletes', async () => {
    const unit = units();
    const store = stateStore(unit.journal);
    const value = { uidValidity: 1, lastUid: 10 };
    await store.put('ws_1', 'imap', value);
    value.lastUid = 99;
    expect(await store.get('ws_1', 'imap')).toEqual({ uidValidity: 1, lastUid: 10 });
    expect(await store.get('ws_2', 'imap')).toBeNull();
    unit.commit();
    await store.put('ws_1', 'imap', { uidValidity: 2, lastUid: 0 });
    expect(await store.delete('ws_1', 'imap')).toBe(true);
    expect(await store.delete('ws_1', 'imap')).toBe(false);
    await store.put('ws_1', 'fresh', 0);
    unit.rollback();
    expect(await store.get('ws_1', 'imap')).toEqual({ uidValidity: 1, lastUid: 10 });
    expect(await store.get('ws_1', 'fresh')).toBeNull();
  });
});
