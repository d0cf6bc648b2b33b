import type { KitRuntime } from '../kit/runtime.js';
import type { CancelTimer } from './clock.js';
import { errorFields } from './error-fields.js';

/** A lease this kit holds and keeps renewing. */
export interface HeldLease {
  /** Stops renewing and gives the lease up. Never throws. */
  release(): Promise<void>;
}

/**
 * Takes the named lease for this kit (`runtime.instanceId`) and renews it every third of
 * `ttlMs` on the kit's clock until released, so a live holder never loses it while a crashed
 * one's lapses within `ttlMs`. `null` when another live holder has it. `fields` go into the
 * warnings logged when renewing or releasing fails.
 */
export async function holdLease(runtime: KitRuntime, name: string, ttlMs: number, fields: Record<string, unknown>): Promise<HeldLease | null> {
  const { storage, clock, logger, instanceId } = runtime;
  if (!(await storage.leases.acquire(name, instanceId, ttlMs, clock.now()))) return null;
  let released = false;
  let cancel: CancelTimer = () => {};
  const renewLater = () => {
    cancel = clock.setTimer(async () => {
      if (released) return;
      try {
        await storage.leases.acquire(name, instanceId, ttlMs, clock.now());
      } catch (error) {
        logger.warn('renewing a lease failed', { lease: name, ...fields, ...errorFields(error) });
      }
      if (!released) renewLater();
    }, ttlMs / 3);
  };
  renewLater();
  return {
    async release() {
      released = true;
      cancel();
      try {
        await storage.leases.release(name, instanceId);
      } catch (error) {
        // It lapses by itself within ttlMs.
        logger.warn('releasing a lease failed', { lease: name, ...fields, ...errorFields(error) });
      }
    },
  };
}
