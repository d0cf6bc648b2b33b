import { ConflictError, normalizeEmail, type AddressStore, type AddressTarget } from '@inboxkit/core';
import type { JournalSource } from '../journal.js';

function sameTarget(a: AddressTarget, b: AddressTarget): boolean {
  return a.workspaceId === b.workspaceId && a.inboxId === b.inboxId && a.channelId === b.channelId;
}

/** The global address directory, keyed by lower-cased address. */
export function addressStore(journal: JournalSource): AddressStore {
  const targets = new Map<string, AddressTarget>();

  return {
    async put(address, target) {
      const key = normalizeEmail(address);
      const existing = targets.get(key);
      if (existing) {
        if (sameTarget(existing, target)) return;
        throw new ConflictError(`address "${key}" already points to another inbox or channel`);
      }
      targets.set(key, { workspaceId: target.workspaceId, inboxId: target.inboxId, channelId: target.channelId });
      journal().record(() => targets.delete(key));
    },
    async get(address) {
      const target = targets.get(normalizeEmail(address));
      return target ? { ...target } : null;
    },
    async delete(address) {
      const key = normalizeEmail(address);
      const existing = targets.get(key);
      if (!existing) return false;
      targets.delete(key);
      journal().record(() => targets.set(key, existing));
      return true;
    },
  };
}
