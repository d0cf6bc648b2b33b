import { systemClock, type Clock } from '@inboxkit/core';

/**
 * The kit's clock for the demo: real time, except while the seed writes history, when it is
 * pinned to the moment each seeded message happened (so analytics have two weeks of data).
 */
export interface DemoClock extends Clock {
  /** Pins `now()` to `ms` (seeding); `null` returns to real time. */
  pin(ms: number | null): void;
}

/** A real clock that the seed can pin. Timers always run on real time. */
export function demoClock(): DemoClock {
  const real = systemClock();
  let pinned: number | null = null;
  return {
    now: () => pinned ?? real.now(),
    setTimer: (fn, ms) => real.setTimer(fn, ms),
    pin(ms) {
      pinned = ms;
    },
  };
}
