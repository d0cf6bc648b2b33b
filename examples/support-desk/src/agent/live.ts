import type { InboxEvent } from '@inboxkit/core';
import type { Route } from './context.js';

const PING_MS = 20_000;

/** The conversation an event is about, if any. */
const conversationOf = (event: InboxEvent): string | null => {
  const id = (event.data as { conversationId?: unknown } | null)?.conversationId;
  return typeof id === 'string' ? id : null;
};

/**
 * `/live`: Server-Sent Events telling the page that a conversation changed, or who is in it
 * (presence). Only the event type and conversation id are sent, and only for conversations the signed-in agent may see (checked
 * through `asUser`); the page then re-fetches itself, so all rendering stays on the server.
 */
export const liveRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/live$/,
    async handle({ req, res, desk, as }) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 2000\n\n');
      const listener = (event: InboxEvent) => {
        const conversationId = conversationOf(event);
        if (event.workspaceId !== desk.ws.id || !conversationId) return;
        as.conversations.get(conversationId).then(
          () => res.write(`data: ${JSON.stringify({ type: event.type, conversationId })}\n\n`),
          () => {}, // not visible to this agent: say nothing
        );
      };
      desk.kit.events.on('*', listener);
      // Presence changes are not events (they are never logged): core hands them to subscribers, visibility checked.
      const unsubscribe = as.presence.subscribe((change) => res.write(`data: ${JSON.stringify({ type: 'presence', conversationId: change.conversationId })}\n\n`));
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      req.on('close', () => {
        unsubscribe();
        desk.kit.events.off('*', listener);
        clearInterval(ping);
      });
      return { streaming: true };
    },
  },
];
