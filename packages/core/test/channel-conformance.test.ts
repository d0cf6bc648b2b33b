// The channel conformance suite proven on core's own test channel, plus broken adapters that
// each fail the case meant to catch them (so no case passes vacuously).
import { describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '@inboxkit/core';
import { createTestChannel, runChannelConformance, type ChannelConformanceDriver, type TestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { channelCases, runChannelCase } from '../src/testing/channel-conformance/run.js';

const driver: ChannelConformanceDriver = {
  createStorage: async () => ({ storage: memoryStorage() }),
  config: () => ({ tokenRef: 'test-token' }),
  invalidConfigs: [
    { title: 'canSend that is not a boolean', config: () => ({ canSend: 'yes', tokenRef: 'test-token' }), field: 'canSend' },
    { title: 'an empty tokenRef', config: () => ({ tokenRef: '' }), field: 'tokenRef' },
  ],
  secrets: { 'test-token': 'tok_live_9f8e7d6c5b4a' },
  async deliver({ adapter, workspaceId, channel }, message) {
    await (adapter as TestChannel).push({ workspaceId, channelId: channel.id, externalId: message.key, from: message.from, subject: message.subject, text: message.text });
  },
  observeSent: async ({ adapter }) => (adapter as TestChannel).sent.map((request) => ({ text: request.message.text })),
  breakDelivery: async ({ adapter }) => (adapter as TestChannel).failNext(),
};

runChannelConformance('test channel', () => createTestChannel(), driver);

// Each broken adapter starts from a working test channel and breaks one promise.
const broken: Array<{ name: string; test: string; because: RegExp; make: () => ChannelAdapter }> = [
  {
    name: 'accepts any config',
    test: 'config > refuses canSend that is not a boolean, naming canSend',
    because: /expected an error, but the call succeeded/,
    make: () => ({ ...createTestChannel(), parseConfig: (config) => config as Record<string, unknown> }),
  },
  {
    name: 'claims to send without doSend',
    test: 'lifecycle > capabilities agree with members (send ⇔ doSend)',
    because: /capabilities.send is true exactly when doSend exists/,
    make: () => {
      const { doSend: _doSend, ...rest } = createTestChannel();
      return rest;
    },
  },
  {
    name: 'reports a failed delivery as sent',
    test: 'send > a forced failure is reported as failed with a delivery error',
    because: /expected 'sent' to be 'failed'/,
    make: () => {
      const channel = createTestChannel();
      return { ...channel, push: channel.push, sent: channel.sent, failNext: channel.failNext, doSend: (request) => channel.doSend!(request).catch(() => ({})) } as TestChannel;
    },
  },
  {
    name: 'keeps the resolved token in message metadata',
    test: 'secrets > secret values never appear in storage, events, logs or errors',
    because: /secret values leaked: .*value of "test-token"/,
    make: () => {
      const channel = createTestChannel();
      return {
        ...channel,
        async doSend(request) {
          const token = await request.resolveSecret('test-token');
          return { ...(await channel.doSend!(request)), metadata: { auth: token } };
        },
      } as TestChannel;
    },
  },
  {
    name: 'ingests every message under a fresh id',
    test: 'inbound > redelivering the same message is a duplicate (one message)',
    because: /the second delivery of the same message is a duplicate/,
    make: () => {
      const channel = createTestChannel();
      let n = 0;
      return { ...channel, push: (message) => channel.push({ ...message, externalId: `${message.externalId}-${++n}` }) } as TestChannel;
    },
  },
];

describe('channel conformance catches broken adapters', () => {
  const cases = channelCases(driver as ChannelConformanceDriver<unknown>);
  for (const { name, test, because, make } of broken) {
    it(`${name} → fails "${test}"`, async () => {
      const target = cases.find((c) => `${c.area} > ${c.title}` === test);
      expect(target, `case "${test}" exists`).toBeDefined();
      const failure = await runChannelCase(target!, make, driver).then(() => null, (error: unknown) => error);
      expect(String(failure)).toMatch(because);
      // The same case passes on the working adapter, so the failure is the breakage.
      await runChannelCase(target!, () => createTestChannel(), driver);
    });
  }
});

// `send: false` (adapters answered through another channel, like forms): the send area is one
// case instead of skips. It passes for a channel that cannot send, and fails for one that can.
describe('channel conformance for adapters that cannot send', () => {
  const noSend: ChannelConformanceDriver = { ...driver, send: false, observeSent: undefined, breakDelivery: undefined };
  const [sendArea] = channelCases(noSend as ChannelConformanceDriver<unknown>).filter((c) => c.area === 'send');
  const receiveOnly = (): ChannelAdapter => {
    const { doSend: _doSend, ...rest } = createTestChannel();
    return { ...rest, capabilities: { send: false, replyVia: 'email' } };
  };

  it('has exactly one send case, which a receive-only adapter passes', async () => {
    expect(channelCases(noSend as ChannelConformanceDriver<unknown>).filter((c) => c.area === 'send')).toHaveLength(1);
    await runChannelCase(sendArea!, receiveOnly, noSend);
  });

  it('fails an adapter that can send after all', async () => {
    const failure = await runChannelCase(sendArea!, () => createTestChannel(), noSend).then(() => null, (error: unknown) => error);
    expect(String(failure)).toMatch(/driver.send is false, so capabilities.send must be false/);
  });
});
