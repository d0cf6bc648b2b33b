import { afterEach, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { startChild, stopChild, type Child, type ChildMessage } from './helpers/processes.js';
import { describeOnServer } from './helpers/targets.js';

const TTL_MS = 1_500;
const LEASE = 'imap:chan_takeover';
const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(stopChild));
});

const count = (messages: ChildMessage[], type: string) => messages.filter((m) => m.type === type).length;

describeOnServer('lease takeover across processes', (database) => {
  it('one process holds a lease while it lives; after SIGKILL another takes it over', async () => {
    const { url, schema } = database();
    const owner = startChild('lease-holder.ts', [url, schema, LEASE, 'proc-a', String(TTL_MS)]);
    children.push(owner);
    await owner.next('held');

    const standby = startChild('lease-holder.ts', [url, schema, LEASE, 'proc-b', String(TTL_MS)]);
    children.push(standby);
    await standby.next('denied');
    // Renewals every TTL/5: after 6 more the first grant alone would have expired, so the
    // owner still holding it proves renewal works; the standby was denied all along.
    const renewedBefore = count(owner.messages, 'held');
    await owner.waitFor((m) => count(m, 'held') >= renewedBefore + 6, 'six renewals');
    expect(count(owner.messages, 'denied')).toBe(0);
    expect(count(standby.messages, 'held')).toBe(0);

    owner.process.kill('SIGKILL'); // dies without releasing: only expiry frees the lease
    expect(await owner.exited).toBe('SIGKILL');
    await standby.next('held');

    const storage = postgresStorage({ connectionString: url, schema });
    try {
      // The dead owner can no longer take it back; the new holder renews.
      expect(await storage.leases.acquire(LEASE, 'proc-a', TTL_MS, Date.now())).toBe(false);
      const heldBefore = count(standby.messages, 'held');
      await standby.waitFor((m) => count(m, 'held') > heldBefore, 'a renewal by the new holder');
      expect(standby.messages.slice(standby.messages.findIndex((m) => m.type === 'held')).every((m) => m.type === 'held')).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
