import { InboxKitError, type Channel, type ChannelContext } from '@inboxkit/core';
import { parseChatConfig, type ChatChannelConfig } from '../config.js';

/** An active chat channel with its parsed config. */
export interface ActiveChatChannel {
  channel: Channel;
  config: ChatChannelConfig;
}

/**
 * The chat channel a widget names, or `null` when there is none to serve: unknown workspace
 * or channel, another channel type, or disconnected (a disconnected channel shows nothing).
 */
export async function activeChatChannel(context: ChannelContext, workspaceId: string, channelId: string): Promise<ActiveChatChannel | null> {
  try {
    const channel = await context.workspace(workspaceId).channels.get(channelId);
    if (channel.type !== 'chat' || channel.status !== 'active') return null;
    return { channel, config: parseChatConfig(channel.config) };
  } catch (error) {
    // Unknown ids (and malformed ones) look the same to the browser: nothing to show.
    if (InboxKitError.isInstance(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION')) return null;
    throw error;
  }
}
