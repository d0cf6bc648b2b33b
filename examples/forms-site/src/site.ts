import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInboxKit, type Form, type InboxKit, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, type TestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { formsChannel, remoteAddress, toNodeHandler } from '@inboxkit/adapter-forms';
import { shopPage } from './page.js';

/** The running demo: one node:http server for the shop page and the forms handler. */
export interface FormsSite {
  url: string;
  kit: InboxKit;
  ws: WorkspaceApi;
  form: Form;
  agentId: string;
  /** Replies "sent by email" (core's test channel stands in for @inboxkit/adapter-email). */
  email: TestChannel;
  close(): Promise<void>;
}

/** Starts the demo on `port` (0: any free port). `minFillMs` is the forms channel's fill-time minimum. */
export async function startFormsSite(options: { port?: number; minFillMs?: number } = {}): Promise<FormsSite> {
  const secret = randomBytes(32).toString('base64url'); // in production: from your vault, via secrets.resolve
  const forms = formsChannel({ secretRef: 'forms-token', clientIp: remoteAddress, minFillMs: options.minFillMs ?? 2000 });
  const email = createTestChannel({ type: 'email' });
  const kit = createInboxKit({
    storage: memoryStorage(),
    channels: [forms, email],
    secrets: { resolve: async (ref) => (ref === 'forms-token' ? secret : Promise.reject(new Error('unknown secret'))) },
    fallbackEmailDomain: 'in.example.com',
  });
  await kit.start();
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
  const agent = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.test' });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
  await ws.channels.connect({ inboxId: inbox.id, type: 'email', name: 'support@acme.test' });
  const form = await ws.forms.create({
    inboxId: inbox.id,
    name: 'Shop contact form',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'message', label: 'Message', type: 'textarea', required: true, maxLength: 5000 },
      { name: 'screenshot', label: 'Screenshot', type: 'file', maxBytes: 2 * 1024 * 1024 },
    ],
  });
  await ws.routing.set(form.channelId, { targets: { users: [agent.id] }, strategy: 'round-robin' });

  const handleForms = toNodeHandler(forms.handler);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/forms/')) return handleForms(req, res);
    if (req.method !== 'GET' || (req.url !== '/' && req.url !== '/contact')) {
      res.writeHead(404).end('not found');
      return;
    }
    forms.issueToken(form.id).then(
      (token) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(shopPage(form.id, token)),
      () => res.writeHead(503).end('unavailable'),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    kit,
    ws,
    form,
    agentId: agent.id,
    email,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await kit.stop();
    },
  };
}
