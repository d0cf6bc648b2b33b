import type { NewEvent } from '../domain/events.js';
import { ValidationError } from '../errors/validation-error.js';

// Argument checks every store makes the same way, shared so that stores answer odd input
// alike (the testkit's `odd input` and `events` areas check it). For store authors.

/** The largest `limit` a store list accepts; the public API caps its own lists lower. */
export const MAX_STORE_LIMIT = 10_000;

/**
 * Checks a store list's `limit`: an integer from 1 to `MAX_STORE_LIMIT`. Throws a
 * `VALIDATION` error naming `field` otherwise (0, negatives, fractions, NaN, 1e9), so every
 * store answers an odd limit alike. For store authors.
 */
export function checkStoreLimit(limit: number, field = 'limit'): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_STORE_LIMIT) {
    throw new ValidationError(field, [{ path: field, message: `must be an integer from 1 to ${MAX_STORE_LIMIT}` }]);
  }
}

/**
 * Checks that every event to append is stamped with the log's workspace. Throws a
 * `VALIDATION` error naming `events[i].workspaceId` otherwise, before anything is appended.
 */
export function checkEventWorkspaces(workspaceId: string, events: readonly NewEvent[]): void {
  const misplaced = events.findIndex((event) => event.workspaceId !== workspaceId);
  if (misplaced !== -1) {
    const path = `events[${misplaced}].workspaceId`;
    throw new ValidationError('events', [{ path, message: `must be the log's workspace "${workspaceId}"` }]);
  }
}
