export type { WebhooksApi } from './webhooks-service.js';
export type { Webhook, WebhookWithSecret, CreateWebhookInput, UpdateWebhookInput, WebhookRecord } from './webhook.js';
export type { WebhookDelivery } from './delivery-log.js';
export type { WebhookOptions } from './webhook-options.js';
export { EVENT_TYPES } from '../domain/event-types.js';
