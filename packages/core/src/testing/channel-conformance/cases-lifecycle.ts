import { expect } from 'vitest';
import type { ChannelCase } from './case.js';
import { inboundMessage } from './case.js';

const area = 'lifecycle';

/** `start`/`stop` are idempotent and the adapter survives a restart; capabilities agree with members. */
export const lifecycleCases: ChannelCase[] = [
  {
    area,
    title: 'capabilities agree with members (send ⇔ doSend)',
    async run({ adapter }) {
      expect(adapter.specificationVersion).toBe('v1');
      expect(typeof adapter.type === 'string' && adapter.type.length > 0, 'type is a non-empty string').toBe(true);
      expect(typeof adapter.parseConfig).toBe('function');
      expect(adapter.capabilities.send, 'capabilities.send is true exactly when doSend exists').toBe(typeof adapter.doSend === 'function');
      const via = adapter.capabilities.replyVia;
      if (via !== undefined) {
        expect(typeof via === 'string' && via.length > 0 && via !== adapter.type, 'replyVia names another channel type').toBe(true);
      }
      expect(adapter.stop === undefined || adapter.start !== undefined, 'an adapter with stop has start').toBe(true);
    },
  },
  {
    area,
    title: 'stop without start resolves',
    async run({ adapter }) {
      await adapter.stop?.();
      await adapter.stop?.();
    },
  },
  {
    area,
    title: 'start twice and stop twice are idempotent, and intake works in between',
    async run(env) {
      const { adapter } = env;
      const channel = await env.connect();
      const context = env.channelContext();
      await adapter.start?.(context);
      await adapter.start?.(context);
      const result = await env.deliver(channel, inboundMessage('twice'));
      expect(result.status).toBe('accepted');
      await adapter.stop?.();
      await adapter.stop?.();
    },
  },
  {
    area,
    title: 'the kit can stop and start it again, and intake works after the restart',
    async run(env) {
      await env.kit.start();
      const channel = await env.connect();
      await env.kit.stop();
      await env.kit.start();
      const result = await env.deliver(channel, inboundMessage('restarted'));
      expect(result.status).toBe('accepted');
    },
  },
];
