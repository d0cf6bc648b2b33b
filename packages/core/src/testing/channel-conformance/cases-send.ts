import { expect } from 'vitest';
import type { Channel } from '../../domain/channel.js';
import type { Message } from '../../domain/timeline.js';
import { ChannelError } from '../../errors/channel-error.js';
import { inboundMessage, requireSend, thrown, type ChannelCase } from './case.js';
import type { ChannelTestContext } from './driver.js';
import type { ConformanceEnv } from './environment.js';

const area = 'send';

/** Starts the kit, connects (unless given a channel), takes one customer message in and answers it. */
export async function replyToCustomer(
  env: ConformanceEnv<unknown>,
  key: string,
  text: string,
  options: { channel?: Channel; before?: (context: ChannelTestContext<unknown>) => Promise<void> } = {},
) {
  await env.kit.start();
  const channel = options.channel ?? (await env.connect());
  const inbound = await env.deliver(channel, inboundMessage(key));
  if (inbound.status !== 'accepted') throw new Error(`[channel conformance] expected the inbound message to be accepted, got ${inbound.status}`);
  const context = env.context(channel);
  await options.before?.(context);
  const reply = await env.kit.workspace(env.workspaceId).conversations.reply(inbound.conversation.id, { authorId: env.authorId, text });
  const stored = (await env.storage.timeline.get(env.workspaceId, reply.id)) as Message;
  return { channel, reply, stored, context };
}

/** `doSend` reports truthfully: `sent` means the far end got it, a failure is `failed` with a reason. */
export const sendCases: ChannelCase[] = [
  {
    area,
    title: 'a reply is reported sent and reaches the far end',
    async run(env, skip) {
      requireSend(env, skip);
      const text = 'Your parcel left our warehouse today.';
      const { reply, stored, context } = await replyToCustomer(env, 'reply', text);
      expect({ status: reply.deliveryStatus, error: reply.deliveryError }).toEqual({ status: 'sent', error: null });
      expect(stored.deliveryStatus).toBe('sent');
      const seen = await env.waitFor('the far end to receive the reply', async () => {
        const deliveries = await env.driver.observeSent!(context);
        return deliveries.find((delivery) => delivery.text.includes(text));
      });
      if (seen.externalId && stored.externalId) expect(seen.externalId, 'the stored externalId is the one delivered').toBe(stored.externalId);
    },
  },
  {
    area,
    title: 'a forced failure is reported as failed with a delivery error',
    async run(env, skip) {
      requireSend(env, skip);
      const text = 'This reply cannot be delivered.';
      const { reply, stored, context } = await replyToCustomer(env, 'broken', text, { before: (context) => env.driver.breakDelivery!(context) });
      expect(reply.deliveryStatus).toBe('failed');
      expect(typeof reply.deliveryError === 'string' && reply.deliveryError.length > 0, 'deliveryError says why').toBe(true);
      expect(stored.deliveryStatus).toBe('failed');
      const deliveries = await env.driver.observeSent!(context);
      expect(deliveries.some((delivery) => delivery.text.includes(text)), 'a failed reply did not reach the far end').toBe(false);
      expect(env.events.some((event) => event.type === 'message.delivery.changed' && (event.data as { status?: string }).status === 'failed')).toBe(true);
    },
  },
];

/**
 * The send area of an adapter that does not deliver replies itself (`driver.send: false`, e.g.
 * forms, answered by email): instead of skipping, it checks that the adapter says so and that a
 * reply with no channel to answer through is refused with `CHANNEL`, storing nothing.
 */
export const noSendCases: ChannelCase[] = [
  {
    area,
    title: 'an adapter that cannot send says so, and a reply with nothing to send it is refused, nothing stored',
    async run(env) {
      expect(env.adapter.capabilities.send, 'driver.send is false, so capabilities.send must be false').toBe(false);
      expect(env.adapter.doSend).toBeUndefined();
      await env.kit.start();
      const channel = await env.connect();
      const inbound = await env.deliver(channel, inboundMessage('unanswerable'));
      if (inbound.status !== 'accepted') throw new Error(`[channel conformance] expected the inbound message to be accepted, got ${inbound.status}`);
      const error = await thrown(env, () => env.kit.workspace(env.workspaceId).conversations.reply(inbound.conversation.id, { authorId: env.authorId, text: 'No way out.' }));
      expect(ChannelError.isInstance(error), `expected a CHANNEL error, got ${String(error)}`).toBe(true);
      const timeline = await env.storage.timeline.list(env.workspaceId, inbound.conversation.id, { limit: 10 });
      expect(timeline.items.filter((item) => item.kind === 'message' && item.direction === 'outgoing')).toEqual([]);
    },
  },
];
