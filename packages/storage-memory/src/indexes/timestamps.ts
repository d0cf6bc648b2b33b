import type { Conversation } from '@inboxkit/core';
import { compareStrings } from './compare.js';

/** The fields the creation order reads; an export cursor decodes to one. */
export type CreatedKey = Pick<Conversation, 'createdAt' | 'id'>;

/** Oldest first: `(createdAt asc, id asc)`, the export order. */
export function byCreated(a: CreatedKey, b: CreatedKey): number {
  return a.createdAt - b.createdAt || compareStrings(a.id, b.id);
}

/** The fields the close order reads. */
export type ClosedKey = Pick<Conversation, 'closedAt' | 'id'>;

/** Earliest close first, conversations never closed (`closedAt` null) last, then by id. */
export function byClosed(a: ClosedKey, b: ClosedKey): number {
  const at = (a.closedAt ?? Infinity) - (b.closedAt ?? Infinity);
  // Infinity − Infinity is NaN: two open rows tie on time and fall through to the id.
  return (Number.isNaN(at) ? 0 : at) || compareStrings(a.id, b.id);
}
