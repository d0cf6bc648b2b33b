import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatChannel, createChatServer } from '@inboxkit/adapter-chat';
import { emailChannel } from '@inboxkit/adapter-email';
import { formsChannel, remoteAddress } from '@inboxkit/adapter-forms';
import { createInboxKit, type InboxKit, type Storage, type WorkspaceApi } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { postgresStorage } from '@inboxkit/storage-postgres';
import { agentApp } from './agent/server.js';
import type { Desk } from './agent/context.js';
import { demoCrm } from './associations.js';
import { demoClock } from './demo-clock.js';
import { notificationFeed } from './notifications.js';
import { outbox, type Outbox } from './outbox.js';
import { seedHistory } from './seed/history.js';
import { seedOrg, type DemoOrg } from './seed/org.js';
import { DEMO_WORKSPACE, findDemoWorkspace, loadOrg } from './seed/reuse.js';
import { siteApp } from './site/site-server.js';
import { builtWidgetScript } from './widget-script.js';

/** Options of `startSupportDesk`. Ports default to `0` (any free port). */
export interface SupportDeskOptions {
  /** Agent UI and chat server (widget, WebSocket). */
  port?: number;
  /** The demo website. */
  sitePort?: number;
  /** The SMTP receiver for the inboxes' fallback addresses. */
  smtpPort?: number;
  /** Interface every server listens on. Default `127.0.0.1`. */
  host?: string;
  /** `postgres://…`: keep everything in PostgreSQL instead of memory (migrated on start; a restart continues the demo workspace). */
  databaseUrl?: string;
  /** The chat widget script to serve (suites bundle it from sources); default: the built one of `@inboxkit/adapter-chat`. */
  widgetScript?: string;
  /** Minimum form fill time, ms (spam protection). Default 1500. */
  minFillMs?: number;
  /** Where the desk logs what happens (mentions, mail sent). Default: nowhere. */
  log?: (line: string) => void;
}

/** A running support desk. */
export interface SupportDesk {
  /** Where to go: the agent UI, the demo site, and the SMTP receiver as `host:port`. */
  urls: { agent: string; site: string; smtp: string };
  /** `false` when a restart on Postgres continued an earlier run's demo workspace. */
  seeded: boolean;
  /** The inboxes' fallback addresses (mail to them over SMTP lands in the inbox). */
  fallbackAddresses: { sales: string; support: string };
  kit: InboxKit;
  /** The demo workspace (host scope). */
  ws: WorkspaceApi;
  org: DemoOrg;
  /** Mail the desk sent (replies to email and form conversations). */
  outbox: Outbox;
  /** Stops the servers, the receiver, the kit and the store. */
  close(): Promise<void>;
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** A request listener that answers 503 until its target is set (servers listen before the app is ready). */
function lateListener(): { listener: RequestListener; set(target: RequestListener): void } {
  let target: RequestListener | null = null;
  return {
    listener: (req, res) => (target ? target(req, res) : res.writeHead(503, { 'retry-after': '1' }).end('starting')),
    set: (next) => void (target = next),
  };
}

async function openStorage(databaseUrl: string | undefined): Promise<Storage> {
  if (!databaseUrl) return memoryStorage();
  const storage = postgresStorage({ connectionString: databaseUrl });
  await storage.migrate();
  return storage;
}

/**
 * Starts the reference app: a kit with the email, chat and forms channels on the in-memory store
 * (or Postgres), a seeded demo workspace, the agent UI (which also serves the chat
 * widget and its WebSocket), the demo site on its own origin, and the SMTP receiver.
 */
export async function startSupportDesk(options: SupportDeskOptions = {}): Promise<SupportDesk> {
  const host = options.host ?? '127.0.0.1';
  // Quiet while the seed writes its history; then every notification and sent mail is logged.
  let live = false;
  const log = (line: string): void => {
    if (live) options.log?.(line);
  };
  const clock = demoClock();
  const sent = outbox((mail) => log(`mail → ${mail.to}: ${mail.subject}`));
  const email = emailChannel({ outbound: { transport: sent } });
  const chat = chatChannel({ widgetScript: options.widgetScript ?? (await builtWidgetScript()) });
  const formSecret = randomBytes(32).toString('base64url'); // a host keeps this in its vault
  const forms = formsChannel({ secretRef: 'forms-token', clientIp: remoteAddress, minFillMs: options.minFillMs ?? 1500 });
  const notifications = notificationFeed(clock.now, async (n) => log(`notify ${(await kit.workspace(n.workspaceId).users.get(n.userId)).name}: ${n.summary}`));
  const storage = await openStorage(options.databaseUrl);
  const kit = createInboxKit({
    storage,
    clock,
    channels: [email, chat, forms],
    associations: [demoCrm()],
    secrets: { resolve: async (ref) => (ref === 'forms-token' ? formSecret : Promise.reject(new Error(`unknown secret ${ref}`))) },
    notifier: notifications,
    fallbackEmailDomain: 'in.support-desk.example',
  });
  await kit.start();

  // Listen first: the chat channel's allowlist needs the site's origin (its port). Requests
  // before the seed is done get a 503.
  const agentLate = lateListener();
  const siteLate = lateListener();
  const agent = createChatServer(chat, agentLate.listener);
  const site = createServer(siteLate.listener);
  const agentPort = await listen(agent, options.port ?? 0, host);
  const sitePort = await listen(site, options.sitePort ?? 0, host);
  const urls = { agent: `http://${host}:${agentPort}`, site: `http://${host}:${sitePort}`, smtp: '' };

  // On Postgres a restart continues the demo workspace of an earlier run; otherwise seed one.
  const existing = options.databaseUrl ? await findDemoWorkspace(kit) : null;
  const ws = kit.workspace(existing ?? (await kit.workspaces.create({ name: DEMO_WORKSPACE })).id);
  const siteOrigins = [urls.site, `http://localhost:${sitePort}`];
  const org = existing ? await loadOrg(ws, siteOrigins) : await seedOrg(ws, siteOrigins);
  if (!existing) await seedHistory({ kit, ws, clock, email, org });
  live = true;

  const receiver = await email.receiver({ port: options.smtpPort ?? 0, host });
  urls.smtp = `${host}:${receiver.port}`;
  const desk: Desk = { kit, ws, org, chat, notifications, links: { site: urls.site, smtp: urls.smtp }, now: () => clock.now() };
  agentLate.set(agentApp(desk));
  siteLate.set(
    siteApp({
      forms,
      trackingCode: chat.trackingCode({ workspaceId: ws.id, channelId: org.chatChannelId, baseUrl: urls.agent }),
      formsByPage: { '/contact': [org.forms.contact], '/pricing': [org.forms.quote] },
    }),
  );

  return {
    urls,
    seeded: !existing,
    fallbackAddresses: { sales: org.inboxes.sales.fallbackAddress, support: org.inboxes.support.fallbackAddress },
    kit,
    ws,
    org,
    outbox: sent,
    async close() {
      await receiver.close();
      for (const server of [agent, site]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await kit.stop();
      await storage.close();
    },
  };
}
