import type { StateStore } from '@inboxkit/core';
import type { JournalSource } from '../journal.js';
import { copy } from '../copy.js';

/** Per-workspace JSON key/value state; values are stored and returned as copies. */
export function stateStore(journal: JournalSource): StateStore {
  const workspaces = new Map<string, Map<string, unknown>>();

  const valuesOf = (workspaceId: string) => {
    let values = workspaces.get(workspaceId);
    if (!values) workspaces.set(workspaceId, (values = new Map()));
    return values;
  };

  /** Sets a key (deletes it when `next` is absent), journaling how to restore it. */
  const write = (values: Map<string, unknown>, key: string, next?: { value: unknown }) => {
    const previous = values.has(key) ? { value: values.get(key) } : undefined;
    if (next) values.set(key, next.value);
    else values.delete(key);
    journal().record(() => {
      if (previous) values.set(key, previous.value);
      else values.delete(key);
    });
  };

  return {
    // `lock` needs no work here: transactions run one at a time, so no other one can
    // change the key before this one commits.
    async get<T>(workspaceId: string, key: string) {
      const value = workspaces.get(workspaceId)?.get(key);
      // The caller names the type it stored under this key.
      return value === undefined ? null : (copy(value) as T);
    },
    async put(workspaceId, key, value) {
      write(valuesOf(workspaceId), key, { value: copy(value) });
    },
    async delete(workspaceId, key) {
      const values = workspaces.get(workspaceId);
      if (!values?.has(key)) return false;
      write(values, key);
      return true;
    },
  };
}
