import { expect } from 'vitest';
import type { Message } from '../../domain/timeline.js';
import { inboundMessage, type ChannelCase } from './case.js';

const area = 'inbound';

/** Intake: a message becomes a conversation in the channel's inbox; a redelivery is a duplicate. */
export const inboundCases: ChannelCase[] = [
  {
    area,
    title: "an inbound message lands as a conversation in the channel's inbox",
    async run(env) {
      await env.kit.start();
      const channel = await env.connect();
      const message = inboundMessage('first', 'My order 4711 has not arrived');
      const result = await env.deliver(channel, message);
      expect(result.status).toBe('accepted');
      if (result.status !== 'accepted') return;
      expect({ created: result.created, duplicate: result.duplicate }).toEqual({ created: true, duplicate: false });
      const conversation = await env.storage.conversations.get(env.workspaceId, result.conversation.id);
      expect(conversation).toMatchObject({ inboxId: env.inbox.id, channelId: channel.id, channelType: channel.type });
      const timeline = await env.storage.timeline.list(env.workspaceId, result.conversation.id, { limit: 10 });
      const incoming = timeline.items.filter((item): item is Message => item.kind === 'message' && item.direction === 'incoming');
      expect(incoming).toHaveLength(1);
      expect(incoming[0]!.text).toContain(message.text);
      expect(incoming[0]!.channelId).toBe(channel.id);
      expect(incoming[0]!.externalId, 'the adapter gives each message its channel id').toBeTruthy();
    },
  },
  {
    area,
    title: 'redelivering the same message is a duplicate (one message)',
    async run(env) {
      await env.kit.start();
      const channel = await env.connect();
      const message = inboundMessage('again');
      const first = await env.deliver(channel, message);
      const second = await env.deliver(channel, message);
      expect(first.status).toBe('accepted');
      expect(second.status).toBe('accepted');
      if (first.status !== 'accepted' || second.status !== 'accepted') return;
      expect(second.duplicate, 'the second delivery of the same message is a duplicate').toBe(true);
      expect(second.message.id).toBe(first.message.id);
      const timeline = await env.storage.timeline.list(env.workspaceId, first.conversation.id, { limit: 10 });
      expect(timeline.items.filter((item) => item.kind === 'message')).toHaveLength(1);
    },
  },
];
