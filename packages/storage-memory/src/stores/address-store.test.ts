import { ConflictError } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { units } from '../../test/units.js';
import { addressStore } from './address-store.js';

const target = { workspaceId: 'ws_1', inboxId: 'inb_1', channelId: null };

describe('addressStore', () => {
  it('keys addresses lower-cased, is idempotent for the same target and conflicts for another', async () => {
    const unit = units();
    const store = addressStore(unit.journal);
    await store.put('Support-x1@In.Example.com', target);
    await store.put('support-x1@in.example.com', { ...target });
    await expect(store.put('SUPPORT-x1@in.example.com', { ...target, inboxId: 'inb_2' })).rejects.toSatisfy(ConflictError.isInstance);
    expect(await store.get('support-X1@in.example.com')).toEqual(target);
    unit.commit();
    expect(await store.delete('support-x1@in.example.com')).toBe(true);
    expect(await store.delete('support-x1@in.example.com')).toBe(false);
    unit.rollback();
    expect(await store.get('support-x1@in.example.com')).toEqual(target);
  });
});
