import { z } from 'zod';
import type { ChannelAdapter, ChannelContext, SendRequest, SendResult } from '../channels/channel-adapter.js';
import type { InboundMessage } from '../domain/inbound.js';
import { ChannelError } from '../errors/channel-error.js';
import { parseInput } from '../errors/parse.js';
import type { IngestResult } from '../ingest/ingest-result.js';

/** A channel adapter for host test suites: push inbound messages, inspect what was sent. */
export interface TestChannel extends ChannelAdapter {
  /** Every delivered outgoing message, in order. */
  readonly sent: SendRequest[];
  /**
   * Ingests a message as if it arrived on a channel. `externalId` defaults to a fresh
   * `test-<n>`, `text` to `''`. The kit must be started.
   */
  push(message: Omit<InboundMessage, 'externalId' | 'text'> & { externalId?: string; text?: string }): Promise<IngestResult>;
  /** Makes the next `count` deliveries fail with a `CHANNEL` error. */
  failNext(count?: number, reason?: string): void;
}

/**
 * Creates a test channel adapter (type `test` unless given). Config: any object;
 * `{ canSend: false }` disables sending; `{ tokenRef: 'ref' }` makes every delivery resolve
 * that secret first (at use time, like a real adapter's credentials), failing when it does not resolve.
 */
export function createTestChannel(options: { type?: string } = {}): TestChannel {
  const type = options.type ?? 'test';
  const sent: SendRequest[] = [];
  let context: ChannelContext | null = null;
  let counter = 0;
  let failures: { left: number; reason: string } = { left: 0, reason: '' };
  const configSchema = z.object({ canSend: z.boolean().default(true), tokenRef: z.string().min(1).optional() }).passthrough();

  return {
    specificationVersion: 'v1',
    type,
    capabilities: { send: true },
    sent,
    parseConfig: (config) => parseInput(configSchema, config, `${type} channel config`),
    async start(ctx) {
      context = ctx;
    },
    async stop() {
      context = null;
    },
    async doSend(request): Promise<SendResult> {
      if (request.channel.config.canSend === false) throw new ChannelError(type, 'this test channel cannot send');
      const tokenRef = request.channel.config.tokenRef;
      if (typeof tokenRef === 'string') await request.resolveSecret(tokenRef);
      if (failures.left > 0) {
        failures.left--;
        throw new ChannelError(type, failures.reason, { retryable: true });
      }
      sent.push(request);
      return { externalId: request.externalId, metadata: { testDelivery: sent.length } };
    },
    push(message) {
      if (!context) throw new ChannelError(type, 'the kit is not started (call kit.start())');
      counter += 1;
      return context.ingest({ externalId: `test-${counter}`, text: '', ...message });
    },
    failNext(count = 1, reason = 'simulated delivery failure') {
      failures = { left: count, reason };
    },
  };
}
