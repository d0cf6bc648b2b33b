import type { LeaseStore } from '@inboxkit/core';
import type { JournalSource } from '../journal.js';

interface Lease {
  readonly holder: string;
  readonly expiresAt: number;
}

/** Global named leases: at most one live holder per name; the caller supplies `now`. */
export function leaseStore(journal: JournalSource): LeaseStore {
  const leases = new Map<string, Lease>();

  const write = (name: string, next: Lease | undefined) => {
    const previous = leases.get(name);
    if (next) leases.set(name, next);
    else leases.delete(name);
    journal().record(() => {
      if (previous) leases.set(name, previous);
      else leases.delete(name);
    });
  };

  return {
    async acquire(name, holder, ttlMs, now) {
      const current = leases.get(name);
      if (current && current.holder !== holder && current.expiresAt > now) return false;
      write(name, { holder, expiresAt: now + ttlMs });
      return true;
    },
    async release(name, holder) {
      if (leases.get(name)?.holder === holder) write(name, undefined);
    },
  };
}
