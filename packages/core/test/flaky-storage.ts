// A real store whose chosen methods fail a set number of times, then work again: storage
// outages without mocks (everything else is the real memory store).
import type { Storage } from '@inboxkit/core';

/** The store plus its switch. `failNext('conversations.listDueSnoozed', 3)` arms three failures. */
export interface FlakyStorage {
  storage: Storage;
  /** Makes the next `count` calls of `method` (`area.method`, or `transaction`) throw. */
  failNext(method: string, count: number): void;
  /** Failures not yet thrown, per method. */
  remaining(method: string): number;
  /** The secret-looking text every failure carries, which must never reach a log. */
  readonly leakyDetail: string;
}

/** Wraps `inner`; an armed method throws an error whose message quotes a password. */
export function flakyStorage(inner: Storage): FlakyStorage {
  const left = new Map<string, number>();
  const leakyDetail = 'postgres://app:hunter2-s3cret@db.internal/inbox';
  const maybeFail = (name: string) => {
    const n = left.get(name) ?? 0;
    if (n > 0) {
      left.set(name, n - 1);
      throw Object.assign(new Error(`connection to ${leakyDetail} lost`), { code: 'ECONNRESET' });
    }
  };
  // Stores are frozen, so build plain copies rather than proxies.
  const wrapArea = (area: string, target: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(target).map((key) => {
        const value = target[key];
        if (typeof value !== 'function') return [key, value];
        return [key, (...args: unknown[]) => (maybeFail(`${area}.${key}`), (value as (...a: unknown[]) => unknown).apply(target, args))];
      }),
    );
  const source = inner as unknown as Record<string, unknown>;
  const storage = Object.fromEntries(
    Object.keys(source).map((key) => {
      const value = source[key];
      if (key === 'transaction') {
        return [key, (fn: never) => (maybeFail('transaction'), inner.transaction(fn))];
      }
      if (typeof value === 'function') return [key, (value as (...a: unknown[]) => unknown).bind(inner)];
      const isArea = value !== null && typeof value === 'object' && Object.values(value).some((v) => typeof v === 'function');
      return [key, isArea ? wrapArea(key, value as Record<string, unknown>) : value];
    }),
  ) as unknown as Storage;
  return {
    storage,
    failNext: (method, count) => void left.set(method, count),
    remaining: (method) => left.get(method) ?? 0,
    leakyDetail,
  };
}
