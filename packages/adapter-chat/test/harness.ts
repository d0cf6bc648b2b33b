import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createInboxKit, type InboxKit, type Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import WebSocket from 'ws';
import { chatChannel, createChatServer, type ChatChannel, type ServerFrame } from '../src/index.js';

/** The page origin every test embeds the widget on. */
export const SHOP = 'https://shop.test';
/** The identity secret's value (resolved from the `chat-identity` reference). */
export const IDENTITY_SECRET = 'chat-identity-secret-value';

/** A running chat server on loopback with a workspace, an agent, an inbox and a chat channel. */
export interface ChatHarness {
  kit: InboxKit;
  chat: ChatChannel;
  server: Server;
  baseUrl: string;
  wsUrl: string;
  workspaceId: string;
  channelId: string;
  inboxId: string;
  agentId: string;
  stop(): Promise<void>;
}

/** Options for `startChat`. */
export interface HarnessOptions {
  storage?: Storage;
  chatOptions?: Parameters<typeof chatChannel>[0];
  config?: Record<string, unknown>;
  /** Reuse the workspace/channel of an earlier harness (a restart, or a second process). */
  reuse?: Pick<ChatHarness, 'workspaceId' | 'channelId' | 'inboxId' | 'agentId'>;
  port?: number;
}

/** Starts kit + chat server; creates the workspace fixtures unless `reuse` is given. */
export async function startChat(options: HarnessOptions = {}): Promise<ChatHarness> {
  const storage = options.storage ?? memoryStorage();
  const chat = chatChannel({ heartbeatMs: 5000, ...options.chatOptions });
  const kit = createInboxKit({
    storage,
    channels: [chat],
    fallbackEmailDomain: 'in.example.com',
    secrets: { resolve: async (ref) => (ref === 'chat-identity' ? IDENTITY_SECRET : Promise.reject(new Error(`unknown secret ${ref}`))) },
  });
  await kit.start();
  let ids = options.reuse;
  if (!ids) {
    const workspace = await kit.workspaces.create({ name: 'Acme' });
    const ws = kit.workspace(workspace.id);
    const agent = await ws.users.create({ name: 'Ada Agent', email: 'ada@acme.test', role: 'admin' });
    const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
    const channel = await ws.channels.connect({
      inboxId: inbox.id,
      type: 'chat',
      name: 'Website chat',
      config: options.config ?? { allowedOrigins: [SHOP], identitySecretRef: 'chat-identity' },
    });
    await ws.routing.set(channel.id, { targets: { users: [agent.id] }, strategy: 'round-robin' });
    ids = { workspaceId: workspace.id, channelId: channel.id, inboxId: inbox.id, agentId: agent.id };
  }
  const server = createChatServer(chat);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    kit,
    chat,
    server,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/chat/ws?workspaceId=${ids.workspaceId}&channelId=${ids.channelId}`,
    ...ids,
    async stop() {
      await kit.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A WebSocket visitor that records every frame. */
export interface Visitor {
  socket: WebSocket;
  frames: ServerFrame[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Record<string, unknown>): void;
  /** Resolves with the first recorded frame matching, polling until `timeoutMs`. */
  next<T extends ServerFrame['type']>(type: T, predicate?: (f: Extract<ServerFrame, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<ServerFrame, { type: T }>>;
  messages(): Extract<ServerFrame, { type: 'message' }>[];
  close(): Promise<void>;
}

/** Opens a visitor socket from `origin` (default the shop). */
export async function openVisitor(url: string, origin = SHOP): Promise<Visitor> {
  const socket = new WebSocket(url, { origin });
  const frames: ServerFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as ServerFrame));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const visitor: Visitor = {
    socket,
    frames,
    closed,
    send: (frame) => socket.send(JSON.stringify(frame)),
    async next(type, predicate = () => true, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.find((f) => f.type === type && predicate(f as never));
        if (found) return found as never;
        if (Date.now() > deadline) throw new Error(`no "${type}" frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    messages: () => frames.filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message'),
    async close() {
      if (socket.readyState !== socket.CLOSED) {
        socket.close();
        await closed;
      }
    },
  };
  return visitor;
}

/** Polls `check` until it returns something other than `undefined`/`null`/`false`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh random visitor id like the widget makes. */
export const newVisitorId = () => `v_${crypto.randomUUID().replace(/-/g, '')}`;
