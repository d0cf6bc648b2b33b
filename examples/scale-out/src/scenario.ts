import { createInboxKit, type InboundMessage, type InboxEvent, type WorkspaceApi } from '@inboxkit/core';
import { postgresStorage } from '@inboxkit/storage-postgres';
import { startWorker, type Worker } from './cluster.js';
import type { WorkerReport } from './protocol.js';
import { webChannel } from './web-channel.js';

/** What one run of the scenario found. */
export interface ScaleOutReport {
  workspaceId: string;
  /** Messages offered; each was delivered to both workers. */
  messages: number;
  conversations: number;
  contacts: number;
  /** Per worker: ingests that stored the message, and ingests answered `duplicate`. */
  ingests: Record<string, { stored: number; duplicate: number }>;
  /** Per inbox, conversations per agent name. */
  assignments: Record<string, Record<string, number>>;
  /** Events committed while the workers ran (the log, in seq order). */
  logEventIds: string[];
  /** Per worker: the ids of that workspace's events it saw on `kit.events`, in arrival order. */
  seen: Record<string, string[]>;
  /** A reply written in worker `a` to a conversation worker `b` opened, and whether `b` saw it. */
  crossReply: { messageId: string; deliveryStatus: string; seenByOther: boolean };
}

const CUSTOMERS = 10;
const INBOXES = [
  { name: 'Sales', agents: ['Sam', 'Sia'], messages: 40 },
  { name: 'Support', agents: ['Ola', 'Kari', 'Nils'], messages: 60 },
];

async function allEvents(ws: WorkspaceApi, after: number): Promise<InboxEvent[]> {
  const events: InboxEvent[] = [];
  for (let cursor: string | number = after; ; ) {
    const page = await ws.events.read({ after: cursor, limit: 500 });
    events.push(...page.items);
    if (page.items.length < 500 || !page.nextCursor) return events;
    cursor = page.nextCursor;
  }
}

const ingested = (reports: WorkerReport[]) => reports.filter((r): r is Extract<WorkerReport, { type: 'ingested' }> => r.type === 'ingested');
const eventIds = (reports: WorkerReport[], workspaceId: string) =>
  reports.flatMap((r) => (r.type === 'event' && r.workspaceId === workspaceId ? [r.id] : []));

/**
 * Seeds a workspace with two shared inboxes, starts two worker processes on the same database,
 * and has *both* ingest every message (as when a load balancer retries a webhook on another
 * node), four at a time each. Then one worker answers a conversation the other opened.
 */
export async function runScaleOut(options: { databaseUrl: string; schema?: string }): Promise<ScaleOutReport> {
  const schema = options.schema ?? 'inboxkit';
  const storage = postgresStorage({ connectionString: options.databaseUrl, schema });
  await storage.migrate();
  const kit = createInboxKit({ storage, channels: [webChannel()], fallbackEmailDomain: 'in.example.com' });
  const workers: Worker[] = [];
  try {
    const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
    const messages: InboundMessage[] = [];
    const agentNames = new Map<string, string>();
    const inboxNames = new Map<string, string>();
    for (const spec of INBOXES) {
      const agents = [];
      for (const name of spec.agents) agents.push(await ws.users.create({ name, email: `${name.toLowerCase()}@acme.example` }));
      for (const agent of agents) agentNames.set(agent.id, agent.name);
      const inbox = await ws.inboxes.create({ name: spec.name, members: { users: agents.map((a) => a.id) } });
      inboxNames.set(inbox.id, spec.name);
      const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'web', name: `${spec.name} webhook` });
      await ws.routing.set(channel.id, { targets: { users: agents.map((a) => a.id) }, strategy: 'round-robin' });
      for (let i = 0; i < spec.messages; i++) {
        messages.push({ workspaceId: ws.id, channelId: channel.id, externalId: `${spec.name}-${i}`, from: { email: `customer${i % CUSTOMERS}@example.com` }, text: `${spec.name} question ${i}` });
      }
    }
    messages.sort((x, y) => x.externalId.localeCompare(y.externalId)); // the inboxes interleaved
    const before = (await allEvents(ws, 0)).at(-1)?.seq ?? 0;

    workers.push(...(await Promise.all(['a', 'b'].map((name) => startWorker(name, { databaseUrl: options.databaseUrl, schema })))));
    const [a, b] = workers as [Worker, Worker];
    for (const worker of workers) worker.send({ cmd: 'ingest', messages, concurrency: 4 });
    await Promise.all(workers.map((w) => w.until('all ingests', (r) => r.some((x) => x.type === 'ingest-done'), 180_000)));

    const openedByB = ingested(b.reports).find((r) => r.status === 'accepted' && !r.duplicate)!;
    const target = await ws.conversations.get(openedByB.conversationId!);
    a.send({ cmd: 'reply', workspaceId: ws.id, conversationId: target.id, authorId: target.assigneeId!, text: 'Answered from process a' });
    const replied = (await a.until('the reply', (r) => r.some((x) => x.type === 'replied'))).find((r) => r.type === 'replied')!;
    if (replied.type !== 'replied') throw new Error('unreachable');

    const log = await allEvents(ws, before);
    const logEventIds = log.map((e) => e.id);
    // The feed is asynchronous: wait (bounded) until each worker has seen the whole log.
    await Promise.all(workers.map((w) => w.until('every event of the log', (r) => new Set(eventIds(r, ws.id)).size >= logEventIds.length)));

    const assignments: ScaleOutReport['assignments'] = {};
    const conversations = [];
    for (let cursor: string | null = null; ; ) {
      const page = await ws.conversations.list({ cursor, limit: 100 });
      conversations.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    for (const c of conversations) {
      const perAgent = (assignments[inboxNames.get(c.inboxId)!] ??= {});
      const agent = c.assigneeId ? agentNames.get(c.assigneeId)! : 'unassigned';
      perAgent[agent] = (perAgent[agent] ?? 0) + 1;
    }
    const contacts = new Set(conversations.map((c) => c.contactId)).size;
    const count = (w: Worker) => ({ stored: ingested(w.reports).filter((r) => !r.duplicate).length, duplicate: ingested(w.reports).filter((r) => r.duplicate).length });

    return {
      workspaceId: ws.id,
      messages: messages.length,
      conversations: conversations.length,
      contacts,
      ingests: { a: count(a), b: count(b) },
      assignments,
      logEventIds,
      seen: { a: eventIds(a.reports, ws.id), b: eventIds(b.reports, ws.id) },
      crossReply: {
        messageId: replied.messageId,
        deliveryStatus: replied.deliveryStatus,
        seenByOther: b.reports.some((r) => r.type === 'event' && r.eventType === 'message.sent' && r.data.messageId === replied.messageId),
      },
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await kit.stop();
    await storage.close();
  }
}
