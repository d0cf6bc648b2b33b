import type { RateLimit } from '../options.js';

const PRUNE_AT = 10_000;

/**
 * Fixed-window counters kept in this process (a limit per process; several processes each
 * allow the limit). Times come from the kit's clock, so tests drive them.
 */
export function rateLimiter() {
  const windows = new Map<string, { start: number; count: number }>();

  function prune(now: number, windowMs: number): void {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
  }

  return {
    /** Counts a request against `key`; returns how long to wait (ms) when over the limit, else `0`. */
    hit(key: string, limit: RateLimit, now: number): number {
      if (windows.size >= PRUNE_AT) prune(now, limit.windowMs);
      const current = windows.get(key);
      if (!current || now - current.start >= limit.windowMs) {
        windows.set(key, { start: now, count: 1 });
        return 0;
      }
      if (current.count >= limit.limit) return current.start + limit.windowMs - now;
      current.count++;
      return 0;
    },
  };
}
/** A process-local rate limiter. */
export type RateLimiter = ReturnType<typeof rateLimiter>;
