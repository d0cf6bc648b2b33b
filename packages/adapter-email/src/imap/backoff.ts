/** Reconnect pacing: exponential, capped, with jitter so many mailboxes don't reconnect in step. */
export interface BackoffOptions {
  /** First delay, ms. */
  initialMs: number;
  /** Largest delay, ms. */
  maxMs: number;
}

/**
 * The delay before reconnect attempt `attempt` (0-based): `initialMs · 2^attempt`, capped at
 * `maxMs`, then scaled into [50%, 100%] by `random` (a number in [0, 1)).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: number = Math.random()): number {
  const exponential = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(exponential * (0.5 + random / 2));
}
