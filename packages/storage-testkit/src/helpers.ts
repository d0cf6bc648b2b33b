import { ConflictError, type Conversation, type Page, type TimelineItem } from '@inboxkit/core';
import { expect } from 'vitest';

/** Asserts that `promise` rejects with a `CONFLICT` error (checked by code, never `instanceof`). */
export async function expectConflict(promise: Promise<unknown>, what: string): Promise<void> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  expect(outcome.rejected, `${what} should throw CONFLICT`).toBe(true);
  if (outcome.rejected) {
    expect(ConflictError.isInstance(outcome.error), `${what} threw ${String(outcome.error)}, not CONFLICT`).toBe(true);
  }
}

/**
 * Follows `nextCursor` to the end and returns every item. Checks the page rules shared by
 * every list: at most `limit` items, and a non-null `nextCursor` leads to a non-empty page
 * (the contract: `null` when there is no next page).
 */
export async function collectPages<T>(
  fetch: (cursor: string | null) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= 1000; pages++) {
    const page: Page<T> = await fetch(cursor);
    expect(page.items.length, 'page size').toBeLessThanOrEqual(limit);
    if (cursor !== null) expect(page.items.length, 'a nextCursor must lead to a non-empty page').toBeGreaterThan(0);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, pages };
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end after 1000 pages');
}

/** Ids of `items`, in order. */
export function idsOf(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id);
}

/** Sorts by a string key ascending, the way stores order ids (code unit order, not locale). */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Conversation list order: `(lastMessageAt desc, id desc)`. */
export function byActivity(a: Conversation, b: Conversation): number {
  return b.lastMessageAt - a.lastMessageAt || byId(b, a);
}

/** Timeline order: `(createdAt asc, id asc)`. */
export function byTime(a: TimelineItem, b: TimelineItem): number {
  return a.createdAt - b.createdAt || byId(a, b);
}

/** A promise resolved from outside: lets a test hold a transaction open at a chosen point. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Yields to the event loop so interleavings of concurrent callers actually happen. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Polls `check` until it returns true (async stores deliver later), failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Settles to the value `promise` rejected with; fails the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the call should have rejected'),
    (error: unknown) => error,
  );
}

/** Expects `promise` to reject with an error `guard` accepts (an `isInstance` of an error class). */
export async function expectRejection(promise: Promise<unknown>, guard: (error: unknown) => boolean, what: string): Promise<void> {
  const error = await rejection(promise);
  expect(guard(error), `${what}: ${String(error)}`).toBe(true);
}
