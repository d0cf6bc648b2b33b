/**
 * `@inboxkit/core/testing`: helpers for host and adapter test suites (manual clock, test
 * channel, the channel adapter conformance suite). Importing it loads vitest.
 * @packageDocumentation
 */
export { manualClock, type ManualClock } from './manual-clock.js';
export { createTestChannel, type TestChannel } from './test-channel.js';
export * from './channel-conformance/index.js';
export { seededRandom } from './seeded-random.js';
export { createWebhookReceiver, type WebhookReceiver, type ReceivedWebhook, type ScriptedAnswer } from './webhook-receiver.js';
