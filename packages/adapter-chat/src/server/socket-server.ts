import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ChannelContext, InboxEvent, PresenceChange } from '@inboxkit/core';
import { WebSocketServer, type WebSocket } from 'ws';
import { botDriver } from '../bots/bot-driver.js';
import type { ParsedChatOptions } from '../options.js';
import { activeChatChannel } from './channel-lookup.js';
import { isAllowedOrigin } from './cors.js';
import { connectionCounter, rateLimiter } from './limits.js';
import { createSession, type ChatSession } from './session.js';

/** The WebSocket side of the chat server: upgrades, sessions, heartbeats, and live delivery from the event feed. */
export interface SocketServer {
  /** Starts taking upgrades on `server` at `<basePath>/chat/ws`; returns the detach function. */
  attach(server: Server): () => void;
  /** Subscribes to committed events (the kit's, which include other processes'). */
  start(context: ChannelContext): void;
  /** Closes every socket and unsubscribes. */
  stop(): Promise<void>;
  /** Open sockets in this process. */
  readonly size: number;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function requestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { headers });
}

/** Creates the socket server for one adapter. */
export function socketServer(options: ParsedChatOptions): SocketServer {
  const path = `${options.basePath}/chat/ws`;
  // Each visitor message becomes a few KB of JSON at most; anything bigger is not ours.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageLength * 4 + 4096 });
  const connections = connectionCounter(options.maxConnectionsPerIp);
  const watchers = new Map<string, Set<ChatSession>>();
  let context: ChannelContext | null = null;
  let limiter = rateLimiter({ burst: options.messageBurst, perMinute: options.messagesPerMinute, now: Date.now });
  let bots: ReturnType<typeof botDriver> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  const alive = new WeakMap<WebSocket, boolean>();
  // One presence subscription per workspace with sockets (agents typing, from every process).
  const presence = new Map<string, () => void>();

  const onEvent = (event: InboxEvent) => {
    const conversationId = (event.data as { conversationId?: unknown }).conversationId;
    if (typeof conversationId !== 'string') return;
    for (const session of watchers.get(`${event.workspaceId}:${conversationId}`) ?? []) session.sync();
  };

  const onPresence = (change: PresenceChange) => {
    for (const session of watchers.get(`${change.workspaceId}:${change.conversationId}`) ?? []) session.presence(change);
  };

  function hearPresence(ctx: ChannelContext, workspaceId: string): void {
    if (!presence.has(workspaceId)) presence.set(workspaceId, ctx.workspace(workspaceId).presence.subscribe(onPresence));
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return; // another handler's upgrade
    if (!context || !bots) return refuse(socket, 503, 'Service Unavailable');
    const target = await activeChatChannel(context, url.searchParams.get('workspaceId') ?? '', url.searchParams.get('channelId') ?? '');
    if (!target) return refuse(socket, 404, 'Not Found');
    const origin = req.headers.origin ?? '';
    if (!isAllowedOrigin(origin, target.config.allowedOrigins)) return refuse(socket, 403, 'Forbidden');
    const ip = options.clientIp ? options.clientIp(requestOf(req), req.socket.remoteAddress ?? null) : (req.socket.remoteAddress ?? 'unknown');
    const release = connections.acquire(ip);
    if (!release) return refuse(socket, 429, 'Too Many Requests');
    const ctx = context;
    const driver = bots;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const watched = new Set<string>();
      alive.set(ws, true);
      const session = createSession({
        context: ctx,
        options,
        target,
        origin: new URL(origin).origin,
        limiter,
        bots: driver,
        send: (frame) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(frame)),
        close: (code, reason) => ws.close(code, reason),
        watch(conversationId) {
          const key = `${target.channel.workspaceId}:${conversationId}`;
          watched.add(key);
          hearPresence(ctx, target.channel.workspaceId);
          const set = watchers.get(key) ?? new Set();
          set.add(session);
          watchers.set(key, set);
        },
      });
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text frames only');
        session.receive(data.toString('utf8'));
      });
      ws.on('close', () => {
        release();
        for (const key of watched) {
          const set = watchers.get(key);
          set?.delete(session);
          if (set?.size === 0) watchers.delete(key);
        }
      });
    });
  }

  return {
    attach(server) {
      const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        upgrade(req, socket, head).catch((error: unknown) => {
          context?.logger.error('chat upgrade failed', { error: String(error) });
          refuse(socket, 500, 'Internal Server Error');
        });
      };
      server.on('upgrade', listener);
      return () => server.off('upgrade', listener);
    },
    start(ctx) {
      context = ctx;
      bots = botDriver(ctx);
      limiter = rateLimiter({ burst: options.messageBurst, perMinute: options.messagesPerMinute, now: () => ctx.clock.now() });
      ctx.events.on('*', onEvent);
      heartbeat = setInterval(() => {
        for (const ws of wss.clients) {
          // No pong since the last ping: the peer is gone (half-open TCP); free its slot.
          if (!alive.get(ws)) ws.terminate();
          else {
            alive.set(ws, false);
            ws.ping();
          }
        }
      }, options.heartbeatMs);
      heartbeat.unref();
    },
    async stop() {
      context?.events.off('*', onEvent);
      context = null;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      for (const ws of wss.clients) ws.close(1012, 'server restarting');
      watchers.clear();
      for (const unsubscribe of presence.values()) unsubscribe();
      presence.clear();
    },
    get size() {
      return wss.clients.size;
    },
  };
}
