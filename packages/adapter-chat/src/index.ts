/**
 * `@inboxkit/adapter-chat`: website chat for InboxKit — a fetch-style HTTP handler, a
 * WebSocket server, the embeddable widget (`/widget.js`) and bot chatflows.
 * @packageDocumentation
 */
export { chatChannel, type ChatChannel } from './chat-channel.js';
export { chatChannelOptionsSchema, type ChatChannelOptions } from './options.js';
export { chatChannelConfigSchema, type ChatChannelConfig } from './config.js';
export { createIdentityToken, verifyIdentityToken, type VisitorIdentity, type IdentityFailure } from './server/identity.js';
export { createChatServer, toNodeListener } from './server/node-http.js';
export type { TrackingCodeInput } from './tracking-code.js';
export type { ServerFrame, WireMessage, ClientFrame } from './server/protocol.js';
export type { WidgetMatch } from './server/match-route.js';
export type { VisitorActivity } from './server/visitor-activity.js';
