// Kit-level fixture for routing, filters and notifications: an email-like and a chat channel
// into one Support inbox, a team hierarchy, and a notifier that records what it receives.
import { createInboxKit, type EventType, type InboxEvent, type InboxKit, type Notification, type Notifier, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

/** Monday 2026-01-05 09:00 UTC (10:00 in Oslo, 18:00 in Tokyo). */
export const MONDAY_9_UTC = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A notifier that records every notification (and can be told to fail). */
export function recordingNotifier(behaviour: (n: Notification) => Promise<void> = async () => {}) {
  const received: Notification[] = [];
  const notifier: Notifier = {
    notify(n) {
      received.push(n);
      return behaviour(n);
    },
  };
  return { notifier, received };
}

/** Builds the fixture on a fresh memory store; `notifier` and the start time are optional. */
export async function routingFixture(options: { notifier?: Notifier; now?: number } = {}) {
  const clock: ManualClock = manualClock(options.now ?? MONDAY_9_UTC);
  const email = createTestChannel();
  const chat = createTestChannel({ type: 'chat' });
  const storage = memoryStorage();
  const kit: InboxKit = createInboxKit({ storage, clock, channels: [email, chat], notifier: options.notifier, fallbackEmailDomain: 'in.example.com' });
  await kit.start();
  const workspace = await kit.workspaces.create({ name: 'Acme' });
  const ws: WorkspaceApi = kit.workspace(workspace.id);
  // Created in this order, so the rotation order (by id) is anna, bo, cy, dee.
  const admin = await ws.users.create({ name: 'Admin', email: 'admin@acme.test', role: 'admin' });
  const anna = await ws.users.create({ name: 'Anna', email: 'anna@acme.test' });
  const bo = await ws.users.create({ name: 'Bo', email: 'bo@acme.test' });
  const cy = await ws.users.create({ name: 'Cy', email: 'cy@acme.test' });
  const dee = await ws.users.create({ name: 'Dee', email: 'dee@acme.test' });
  const sam = await ws.users.create({ name: 'Sam Sales', email: 'sam@acme.test' });
  const support = await ws.teams.create({ name: 'Support', memberIds: [anna.id, bo.id] });
  const tier2 = await ws.teams.create({ name: 'Tier 2', memberIds: [cy.id], parentTeamId: support.id });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { teams: [support.id], users: [dee.id] } });
  const salesInbox = await ws.inboxes.create({ name: 'Sales', members: { users: [sam.id] } });
  const emailChannel = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'support@acme.test' });
  const chatChannel = await ws.channels.connect({ inboxId: inbox.id, type: 'chat', name: 'Website chat' });
  let counter = 0;

  /** Ingests a new message from a new customer (or `from`), on the email channel unless told otherwise. */
  async function send(overrides: { channelId?: string; from?: { email: string }; subject?: string; conversationId?: string } = {}) {
    counter++;
    const result = await kit.ingest({
      workspaceId: workspace.id,
      channelId: emailChannel.id,
      externalId: `msg-${counter}@customer.test`,
      from: { email: `customer${counter}@customer.test` },
      subject: `Question ${counter}`,
      text: 'Hello',
      ...overrides,
    });
    if (result.status !== 'accepted') throw new Error(`expected accepted, got ${result.status}`);
    return result.conversation;
  }

  /** Events of the workspace's log of the given types, in order. */
  async function events<T extends EventType>(...types: T[]): Promise<Array<InboxEvent<T>>> {
    const { items } = await ws.events.read({ limit: 1000 });
    return items.filter((e): e is InboxEvent<T> => (types as EventType[]).includes(e.type));
  }

  return {
    kit, clock, storage, ws, workspace, send, events,
    users: { admin, anna, bo, cy, dee, sam },
    teams: { support, tier2 },
    inbox, salesInbox, emailChannel, chatChannel,
    async stop() {
      await kit.stop();
      await storage.close();
    },
  };
}

/** The fixture's type. */
export type RoutingFixture = Awaited<ReturnType<typeof routingFixture>>;
