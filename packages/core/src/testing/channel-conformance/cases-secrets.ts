import { expect } from 'vitest';
import { inboundMessage, requireSecrets, thrown, type ChannelCase } from './case.js';
import { inlineVariants } from './inline-variants.js';
import { expectNoLeaks } from './leak-scan.js';
import { replyToCustomer } from './cases-send.js';

const area = 'secrets';

/** Secrets are resolved through the kit at use time and their values never leave the resolver. */
export const secretCases: ChannelCase[] = [
  {
    area,
    title: 'connecting resolves no secret; using the channel resolves them through the kit',
    async run(env, skip) {
      requireSecrets(env, skip);
      const channel = await env.connect();
      expect(env.resolutions, 'connecting a channel (kit not started) must not resolve secrets').toEqual([]);
      if (env.adapter.capabilities.send) await replyToCustomer(env, 'use', 'Resolved at use time.', { channel });
      else {
        await env.kit.start();
        await env.deliver(channel, inboundMessage('use'));
      }
      expect(env.resolutions.length, 'the adapter resolved its secret references through the kit').toBeGreaterThan(0);
      for (const ref of env.resolutions) expect(Object.keys(env.driver.secrets)).toContain(ref);
    },
  },
  {
    area,
    title: 'secret values never appear in storage, events, logs or errors',
    async run(env, skip) {
      requireSecrets(env, skip);
      for (const variant of inlineVariants(env.driver.config(env.fixture), env.driver.secrets)) {
        await thrown(env, () => env.connect(variant.config));
      }
      for (const bad of env.driver.invalidConfigs) await thrown(env, () => env.connect(bad.config(env.fixture)));
      if (env.adapter.capabilities.send && env.driver.breakDelivery) {
        const { channel } = await replyToCustomer(env, 'leak', 'Nothing secret in here.');
        await env.deliver(channel, inboundMessage('leak'));
        await env.driver.breakDelivery(env.context(channel));
        const again = await env.deliver(channel, inboundMessage('leak-2'));
        if (again.status === 'accepted') {
          await env.kit.workspace(env.workspaceId).conversations.reply(again.conversation.id, { authorId: env.authorId, text: 'Fails.' });
        }
      } else {
        await env.kit.start();
        const channel = await env.connect();
        await env.deliver(channel, inboundMessage('leak'));
        await env.deliver(channel, inboundMessage('leak'));
      }
      await env.kit.stop();
      await expectNoLeaks(env);
    },
  },
];
