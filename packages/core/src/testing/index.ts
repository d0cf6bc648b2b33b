/**
 * `@inboxkit/core/testing`: helpers for host test suites (manual clock, test channel).
 * @packageDocumentation
 */
export { manualClock, type ManualClock } from './manual-clock.js';
export { createTestChannel, type TestChannel } from './test-channel.js';
