/**
 * `@inboxkit/adapter-forms`: form submissions as conversations. `formsChannel(options)` is the
 * channel adapter with a fetch-style `handler`; forms themselves are data in core (`ws.forms`).
 * @packageDocumentation
 */
export { formsChannel, type FormsChannel } from './forms-channel.js';
export type { FormsChannelOptions, RateLimit } from './options.js';
export type { FormsHandler } from './http/handler.js';
export { toNodeHandler, remoteAddress } from './http/node.js';
