import type { CancelTimer, Clock } from './clock.js';
import { errorFields } from './error-fields.js';
import type { Logger } from './logger.js';

/** Retry delays of failing background work: doubling from `initialMs`, capped at `maxMs`. */
export interface Backoff {
  /** First retry delay. */
  initialMs: number;
  /** Longest delay. */
  maxMs: number;
}

/** The delay before retry number `failures` (1-based). */
export function backoffDelay(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

/** A timer-driven job that survives its own failures. */
export interface BackgroundJob {
  /** Runs the job now, then every `everyMs` (or until it succeeds, with `once`); resolves after the first run, which never rejects. Idempotent. */
  start(): Promise<void>;
  /** Cancels the next run; a run in progress schedules nothing. */
  stop(): void;
}

/**
 * Creates a job run on the kit's clock. A failing run is logged (name and code only, see
 * `errorFields`) and retried after a backoff that grows while it keeps failing and never
 * exceeds `everyMs`; a run never rejects, so a storage outage can't surface as an unhandled
 * rejection or stop the job for good.
 */
export function backgroundJob(options: {
  name: string;
  clock: Clock;
  logger: Logger;
  everyMs: number;
  backoff?: Backoff;
  /** Stop after the first successful run (a start-up task that retries until it succeeds). */
  once?: boolean;
  run: () => Promise<void>;
}): BackgroundJob {
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: options.everyMs };
  let timer: CancelTimer | null = null;
  let generation = 0;
  let running = false;
  let failures = 0;

  async function tick(own: number): Promise<void> {
    timer = null;
    try {
      await options.run();
      failures = 0;
    } catch (error) {
      failures += 1;
      options.logger.error(`${options.name} failed; retrying`, { ...errorFields(error), failures });
    }
    if (own !== generation || (options.once && failures === 0)) return; // stopped meanwhile, or done
    const delay = failures === 0 ? options.everyMs : Math.min(options.everyMs, backoffDelay(failures, backoff));
    timer = options.clock.setTimer(() => tick(own), delay);
  }

  return {
    async start() {
      if (running) return;
      running = true;
      await tick(generation);
    },
    stop() {
      generation += 1;
      running = false;
      timer?.();
      timer = null;
    },
  };
}
