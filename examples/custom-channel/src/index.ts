/**
 * An integrator's SMS channel adapter for InboxKit, as a worked example: inbound texts arrive
 * as signed HTTP webhooks, replies go out through the provider's REST API.
 * @packageDocumentation
 */
export { smsChannel, type SmsChannel } from './sms-channel.js';
export { smsConfigSchema, inboundSmsSchema, type SmsChannelConfig, type SmsChannelOptions, type InboundSms } from './config.js';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookVerdict } from './signature.js';
export type { SmsWebhookHandler } from './webhook-handler.js';
export { serveWebhooks, type RunningServer } from './serve.js';
export { startFakeSmsProvider, type FakeSmsProvider, type ProviderSms } from './fake-provider.js';
