import { describe, expect, it } from 'vitest';
import { units } from '../../test/units.js';
import { leaseStore } from './lease-store.js';

describe('leaseStore', () => {
  it('grants a free, expired or own lease, and only its holder releases it', async () => {
    const unit = units();
    const store = leaseStore(unit.journal);
    expect(await store.acquire('imap:ch_1', 'p1', 100, 0)).toBe(true);
    expect(await store.acquire('imap:ch_1', 'p2', 100, 99)).toBe(false);
    expect(await store.acquire('imap:ch_1', 'p1', 100, 99)).toBe(true); // renewed until 199
    expect(await store.acquire('imap:ch_1', 'p2', 100, 150)).toBe(false);
    expect(await store.acquire('imap:ch_1', 'p2', 100, 199)).toBe(true); // expiresAt <= now
    await store.release('imap:ch_1', 'p1');
    expect(await store.acquire('imap:ch_1', 'p1', 100, 200)).toBe(false);
    await store.release('imap:ch_1', 'p2');
    expect(await store.acquire('imap:ch_1', 'p1', 100, 200)).toBe(true);
  });

  it('rolls back an acquire', async () => {
    const unit = units();
    const store = leaseStore(unit.journal);
    await store.acquire('job', 'p1', 100, 0);
    unit.commit();
    await store.release('job', 'p1');
    await store.acquire('job', 'p2', 100, 0);
    unit.rollback();
    expect(await store.acquire('job', 'p2', 100, 50)).toBe(false);
  });
});
