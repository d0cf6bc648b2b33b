import type { KitRuntime } from '../kit/runtime.js';
import { holdLease, type HeldLease } from '../runtime/held-lease.js';

/**
 * How long a delivery lease lasts without renewal. A process renews it every third of this
 * while `doSend` runs, so a live sender never loses it; after a crash it lapses within this
 * long and another process (or the restarted one) delivers the message.
 */
export const DELIVERY_LEASE_MS = 30_000;

/** A held delivery lease. */
export type DeliveryLease = HeldLease;

/**
 * Takes the lease on delivering one outgoing message, so two processes never send it at
 * once. `null` when another live process holds it. Renewed on the kit's clock until released;
 * a release that fails is harmless: the message is no longer pending, so nobody re-sends it.
 */
export function takeDeliveryLease(runtime: KitRuntime, workspaceId: string, messageId: string): Promise<DeliveryLease | null> {
  return holdLease(runtime, `delivery:${workspaceId}:${messageId}`, DELIVERY_LEASE_MS, { workspaceId, messageId });
}

/** The id an outgoing message is sent with (email `Message-ID`), fixed before the first attempt. */
export function outgoingExternalId(runtime: KitRuntime, messageId: string): string {
  return `${messageId}@${runtime.fallbackEmailDomain}`;
}
