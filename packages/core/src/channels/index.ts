export type { ChannelAdapter, ChannelCapabilities, ChannelContext, SendRequest, SendResult } from './channel-adapter.js';
