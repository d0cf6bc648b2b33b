/** Cancels a scheduled timer. */
export type CancelTimer = () => void;

/** Time source and timers; inject `manualClock` in tests for deterministic time. */
export interface Clock {
  /** Current time, epoch ms. */
  now(): number;
  /** Runs `fn` after `ms` of this clock's time. */
  setTimer(fn: () => void | Promise<void>, ms: number): CancelTimer;
}

/** The real clock (`Date.now`, `setTimeout`). Timers do not keep the process alive. */
export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimer(fn, ms) {
      const handle = setTimeout(() => void fn(), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
      handle.unref?.();
      return () => clearTimeout(handle);
    },
  };
}
