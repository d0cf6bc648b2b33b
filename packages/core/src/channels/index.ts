export type { ChannelAdapter, ChannelCapabilities, ChannelContext, ChannelBots, SendRequest, SendResult } from './channel-adapter.js';
