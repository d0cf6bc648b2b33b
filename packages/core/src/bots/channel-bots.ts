import type { ChannelBots } from '../channels/channel-adapter.js';
import type { BotsApi } from './bots-service.js';

/** `context.bots` over a kit's workspaces: each call runs in the workspace it names, as the host. */
export function channelBots(workspace: (workspaceId: string) => { bots: BotsApi }): ChannelBots {
  return {
    start: ({ workspaceId, ...input }) => workspace(workspaceId).bots.start(input),
    input: ({ workspaceId, ...input }) => workspace(workspaceId).bots.input(input),
  };
}
