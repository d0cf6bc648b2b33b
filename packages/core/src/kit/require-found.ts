import { NotFoundError } from '../errors/not-found-error.js';

/** Maps a store's `null` to the public `NOT_FOUND` error. */
export function requireFound<T>(value: T | null, entity: string, id: string): T {
  if (value === null) throw new NotFoundError(entity, id);
  return value;
}

/** Names of the fields a patch sets (for `*.updated` events). */
export function changedFields(patch: object): string[] {
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}
