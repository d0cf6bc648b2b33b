import type { KitRuntime } from '../kit/runtime.js';
import type { CancelTimer } from '../runtime/clock.js';
import { errorFields } from '../runtime/error-fields.js';

/**
 * How long a delivery lease lasts without renewal. A process renews it every third of this
 * while `doSend` runs, so a live sender never loses it; after a crash it lapses within this
 * long and another process (or the restarted one) delivers the message.
 */
export const DELIVERY_LEASE_MS = 30_000;

/** A held delivery lease. */
export interface DeliveryLease {
  /** Stops renewing and gives the lease up. Never throws. */
  release(): Promise<void>;
}

/**
 * Takes the lease on delivering one outgoing message, so two processes never send it at
 * once. `null` when another live process holds it. Renewed on the kit's clock until released.
 */
export async function takeDeliveryLease(runtime: KitRuntime, workspaceId: string, messageId: string): Promise<DeliveryLease | null> {
  const { storage, clock, logger, instanceId } = runtime;
  const name = `delivery:${workspaceId}:${messageId}`;
  if (!(await storage.leases.acquire(name, instanceId, DELIVERY_LEASE_MS, clock.now()))) return null;
  let released = false;
  let cancel: CancelTimer = () => {};
  const renewLater = () => {
    cancel = clock.setTimer(async () => {
      if (released) return;
      try {
        await storage.leases.acquire(name, instanceId, DELIVERY_LEASE_MS, clock.now());
      } catch (error) {
        logger.warn('renewing a delivery lease failed', { workspaceId, messageId, ...errorFields(error) });
      }
      if (!released) renewLater();
    }, DELIVERY_LEASE_MS / 3);
  };
  renewLater();
  return {
    async release() {
      released = true;
      cancel();
      try {
        await storage.leases.release(name, instanceId);
      } catch (error) {
        // It lapses by itself; the message is no longer pending, so nobody re-sends it.
        logger.warn('releasing a delivery lease failed', { workspaceId, messageId, ...errorFields(error) });
      }
    },
  };
}

/** The id an outgoing message is sent with (email `Message-ID`), fixed before the first attempt. */
export function outgoingExternalId(runtime: KitRuntime, messageId: string): string {
  return `${messageId}@${runtime.fallbackEmailDomain}`;
}
