import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runChannelConformance, type ObservedDelivery } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { chatChannel, createIdentityToken, toNodeListener, type ChatChannel } from '../src/index.js';
import { openVisitor, SHOP, type Visitor } from './harness.js';

const SECRET_REF = 'chat-identity-ref';
const SECRET = 'conformance-identity-secret';

interface Fixture {
  server: Server;
  port: number;
  visitors: Visitor[];
}

// The driver is a real WebSocket client: each customer is a verified visitor (the token is
// signed with the channel's secret, so the email reaches the contact) sending over the socket.
runChannelConformance<Fixture>(
  'chat (WebSocket)',
  (fixture) => {
    const chat: ChatChannel = chatChannel();
    fixture.server.on('request', toNodeListener(chat.handler));
    chat.attach(fixture.server);
    return chat;
  },
  {
    createStorage: async () => ({ storage: memoryStorage() }),
    async setup() {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { server, port: (server.address() as AddressInfo).port, visitors: [] };
    },
    async cleanup(fixture) {
      await Promise.all(fixture.visitors.map((v) => v.close()));
      fixture.server.closeAllConnections();
      await new Promise<void>((resolve) => fixture.server.close(() => resolve()));
    },
    config: () => ({ allowedOrigins: [SHOP], identitySecretRef: SECRET_REF }),
    invalidConfigs: [
      { title: 'no allowed origin', config: () => ({ allowedOrigins: [] }), field: 'allowedOrigins' },
      { title: 'an origin with a path', config: () => ({ allowedOrigins: ['https://shop.test/checkout'] }), field: 'allowedOrigins[0]' },
      { title: 'identity required without a secret', config: () => ({ allowedOrigins: [SHOP], requireVerifiedIdentity: true }), field: 'identitySecretRef' },
    ],
    secrets: { [SECRET_REF]: SECRET },
    async deliver({ fixture, kit, workspaceId, channel }, message) {
      // The customer browses a site the channel allows now (breakDelivery may have swapped it).
      const current = await kit.workspace(workspaceId).channels.get(channel.id);
      const [origin] = (current.config as { allowedOrigins: string[] }).allowedOrigins;
      const visitor = await openVisitor(`ws://127.0.0.1:${fixture.port}/chat/ws?workspaceId=${workspaceId}&channelId=${channel.id}`, origin);
      fixture.visitors.push(visitor);
      const visitorId = `conf_${createHash('sha256').update(message.from.visitorId).digest('hex').slice(0, 24)}`;
      const identityToken = createIdentityToken({ email: message.from.email, name: message.from.name, expiresAt: Date.now() + 60_000 }, SECRET);
      visitor.send({ type: 'hello', visitorId, identityToken });
      await visitor.next('welcome');
      visitor.send({ type: 'message', clientId: createHash('sha256').update(message.key).digest('hex').slice(0, 32), text: message.text });
    },
    async observeSent({ fixture }): Promise<ObservedDelivery[]> {
      return fixture.visitors.flatMap((v) => v.messages().filter((m) => m.direction === 'outgoing').map((m) => ({ text: m.text, externalId: `chat:out:${m.id}` })));
    },
    // The host removes the customer's site from the allowlist: replies to visitors there are refused.
    async breakDelivery({ kit, workspaceId, channel }) {
      await kit.workspace(workspaceId).channels.update(channel.id, { config: { allowedOrigins: ['https://elsewhere.test'], identitySecretRef: SECRET_REF } });
    },
  },
);
