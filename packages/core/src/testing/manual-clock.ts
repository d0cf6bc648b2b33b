import type { CancelTimer, Clock } from '../runtime/clock.js';

/** A clock that only moves when told to; timers fire as time passes. */
export interface ManualClock extends Clock {
  /** Sets the time (never backwards) and runs the timers now due, awaiting them. */
  set(ms: number): Promise<void>;
  /** Moves time forward by `ms` and runs the timers now due, awaiting them. */
  advance(ms: number): Promise<void>;
  /** Number of timers not yet fired. */
  pendingTimers(): number;
}

interface Timer {
  at: number;
  order: number;
  fn: () => void | Promise<void>;
}

/** A deterministic clock for tests, starting at `startMs` (default 2026-01-01T00:00:00Z). */
export function manualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMs;
  let order = 0;
  const timers = new Set<Timer>();

  async function runDue(): Promise<void> {
    for (;;) {
      const due = [...timers].filter((t) => t.at <= current).sort((a, b) => a.at - b.at || a.order - b.order);
      const next = due[0];
      if (!next) return;
      timers.delete(next);
      await next.fn();
    }
  }

  return {
    now: () => current,
    setTimer(fn, ms): CancelTimer {
      const timer: Timer = { at: current + Math.max(0, ms), order: order++, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    async set(ms) {
      current = Math.max(current, ms);
      await runDue();
    },
    async advance(ms) {
      current += Math.max(0, ms);
      await runDue();
    },
    pendingTimers: () => timers.size,
  };
}
