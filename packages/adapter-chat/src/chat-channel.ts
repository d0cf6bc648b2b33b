import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { ChannelError, type ChannelAdapter, type ChannelContext, type Message } from '@inboxkit/core';
import { parseChatConfig } from './config.js';
import { parseChatOptions, type ChatChannelOptions } from './options.js';
import { httpHandler } from './server/http-handler.js';
import { socketServer } from './server/socket-server.js';
import { trackingCode, type TrackingCodeInput } from './tracking-code.js';
import { readVisitorActivity, type VisitorActivity } from './server/visitor-activity.js';

/** The chat channel adapter: pass it to the kit, mount `handler` and `attach` on your server. */
export interface ChatChannel extends ChannelAdapter {
  /** The HTTP routes (`/widget.js`, `/chat/match`), fetch-style. */
  readonly handler: (request: Request) => Promise<Response>;
  /** Adds the WebSocket endpoint (`<basePath>/chat/ws`) to a `node:http` server; returns the detach function. */
  attach(server: Server): () => void;
  /** The `<script>` snippet for the host's pages. */
  trackingCode(input: TrackingCodeInput): string;
  /** Open visitor sockets in this process. */
  readonly connections: number;
  /** The visitor's typing and read state in a conversation (from any process); `null` when none yet. */
  visitorActivity(input: { workspaceId: string; conversationId: string }): Promise<VisitorActivity | null>;
}

/** The page origin of the visitor's latest message, from its chat metadata. */
function visitorOrigin(references: Message[]): string | null {
  for (let i = references.length - 1; i >= 0; i--) {
    const message = references[i]!;
    const origin = (message.metadata.chat as { origin?: unknown } | undefined)?.origin;
    if (message.direction === 'incoming' && typeof origin === 'string') return origin;
  }
  return null;
}

/** Creates the chat channel adapter (type `chat`). Options are validated now (`VALIDATION` naming the field). */
export function chatChannel(options: ChatChannelOptions = {}): ChatChannel {
  const parsed = parseChatOptions(options);
  let context: ChannelContext | null = null;
  const sockets = socketServer(parsed);
  let script: Promise<string> | null = parsed.widgetScript ? Promise.resolve(parsed.widgetScript) : null;
  // The package build puts the bundled widget beside this module (dist/widget.js).
  const widget = () => (script ??= readFile(new URL('./widget.js', import.meta.url), 'utf8'));

  return {
    specificationVersion: 'v1',
    type: 'chat',
    capabilities: { send: true },
    parseConfig: (config) => parseChatConfig(config),
    handler: httpHandler(parsed, () => context, widget),
    attach: (server) => sockets.attach(server),
    trackingCode,
    get connections() {
      return sockets.size;
    },
    async visitorActivity({ workspaceId, conversationId }) {
      if (!context) throw new ChannelError('chat', 'the chat server is stopped; start the kit first');
      return readVisitorActivity(context.state, workspaceId, conversationId);
    },
    async start(ctx) {
      context = ctx;
      sockets.start(ctx);
    },
    async stop() {
      context = null;
      await sockets.stop();
    },
    async doSend({ message, channel, references }) {
      // A stopped chat server does not vouch for delivery: the kit records `failed` (retryable).
      if (!context) throw new ChannelError('chat', 'the chat server is stopped; start the kit to deliver chat replies', { retryable: true });
      // Replies go only to a visitor on a site the channel still allows (the host may have removed it).
      const origin = visitorOrigin(references);
      if (origin && !parseChatConfig(channel.config).allowedOrigins.includes(origin)) {
        throw new ChannelError('chat', `the visitor's site ${origin} is no longer an allowed origin of this channel`);
      }
      // Started, the reply is in the stored transcript that visitors' sockets in every process
      // read when its events arrive, or on reconnect; a failed one is never shown.
      return { externalId: `chat:out:${message.id}`, metadata: { chat: { transcript: true } } };
    },
  };
}
