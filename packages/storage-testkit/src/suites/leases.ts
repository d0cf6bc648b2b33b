import { expect } from 'vitest';
import { FIXTURE_TIME } from '../fixtures.js';
import { defineSuite } from '../harness.js';

const LEASE = 'imap:chan_1';
const TTL = 1000;
// Times relative to a fixed instant; the store must use `now`, never its own clock.
const at = (ms: number) => FIXTURE_TIME + ms;

export const leasesSuite = defineSuite('leases', (t) => {
  t.test('a free lease is taken; while it lives nobody else gets it', async ({ storage }) => {
    expect(await storage.leases.acquire(LEASE, 'proc-a', TTL, at(0))).toBe(true);
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(1))).toBe(false);
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(999))).toBe(false);
  });

  t.test('the holder renews its lease, which extends the expiry', async ({ storage }) => {
    expect(await storage.leases.acquire(LEASE, 'proc-a', TTL, at(0))).toBe(true);
    expect(await storage.leases.acquire(LEASE, 'proc-a', TTL, at(900))).toBe(true);
    // Without the renewal the lease would have expired at 1000.
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(1500))).toBe(false);
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(2000))).toBe(true);
  });

  t.test('an expired lease is taken over, and the old holder no longer has it', async ({ storage }) => {
    expect(await storage.leases.acquire(LEASE, 'proc-a', TTL, at(0))).toBe(true);
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(1001))).toBe(true);
    expect(await storage.leases.acquire(LEASE, 'proc-a', TTL, at(1002))).toBe(false);
  });

  t.test('release by the holder frees the lease at once', async ({ storage }) => {
    await storage.leases.acquire(LEASE, 'proc-a', TTL, at(0));
    await storage.leases.release(LEASE, 'proc-a');
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(1))).toBe(true);
  });

  t.test('release by another process does nothing', async ({ storage }) => {
    await storage.leases.acquire(LEASE, 'proc-a', TTL, at(0));
    await storage.leases.release(LEASE, 'proc-b');
    expect(await storage.leases.acquire(LEASE, 'proc-c', TTL, at(1))).toBe(false);
    expect(await storage.leases.acquire(LEASE, 'proc-a', TTL, at(2))).toBe(true);
  });

  t.test('release is idempotent, also for a lease nobody took', async ({ storage }) => {
    await storage.leases.acquire(LEASE, 'proc-a', TTL, at(0));
    await storage.leases.release(LEASE, 'proc-a');
    await storage.leases.release(LEASE, 'proc-a');
    await storage.leases.release('never-taken', 'proc-a');
    expect(await storage.leases.acquire(LEASE, 'proc-b', TTL, at(1))).toBe(true);
  });

  t.test('leases with different names are independent', async ({ storage }) => {
    expect(await storage.leases.acquire('imap:chan_1', 'proc-a', TTL, at(0))).toBe(true);
    expect(await storage.leases.acquire('imap:chan_2', 'proc-b', TTL, at(0))).toBe(true);
    await storage.leases.release('imap:chan_2', 'proc-b');
    expect(await storage.leases.acquire('imap:chan_1', 'proc-b', TTL, at(1))).toBe(false);
  });

  t.test('concurrent acquires of a free lease: exactly one holder wins', async ({ storage }) => {
    const holders = Array.from({ length: 10 }, (_, i) => `proc-${i}`);
    const won = await Promise.all(holders.map((holder) => storage.leases.acquire(LEASE, holder, TTL, at(0))));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = holders[won.indexOf(true)]!;
    expect(await storage.leases.acquire(LEASE, winner, TTL, at(1))).toBe(true);
  });
});
