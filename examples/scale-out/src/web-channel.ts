import type { ChannelAdapter } from '@inboxkit/core';

/**
 * The channel both processes ingest through: messages come in through `kit.ingest` (a
 * webhook behind a load balancer, in a real deployment) and replies are "delivered" by
 * recording them. Every process registers the same adapters, so any of them can serve any
 * channel.
 */
export function webChannel(): ChannelAdapter {
  return {
    specificationVersion: 'v1',
    type: 'web',
    capabilities: { send: true },
    parseConfig: (config) => (config ?? {}) as Record<string, unknown>,
    doSend: async ({ externalId }) => ({ externalId }),
  };
}
