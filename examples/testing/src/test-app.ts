// The test harness of the host app: a kit wired exactly like production, except for the
// three test doubles InboxKit ships for this: an in-memory store, a manual clock and the
// test channel. Each test builds its own, so tests share nothing and run in any order.
import { createInboxKit, type InboxKit, type Notification, type User, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock, type TestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { startEscalations, type Escalations } from './escalations.js';

/** Monday 2 March 2026, 08:00 UTC: an hour before the agents' working day. */
export const MONDAY_8AM = Date.UTC(2026, 2, 2, 8);
/** One hour in ms. */
export const HOUR = 60 * 60_000;

/** A workspace as the app sets one up: a lead, an agent on office hours, a routed channel. */
export interface TestWorkspace {
  /** The workspace's API (host scope). */
  ws: WorkspaceApi;
  /** Who escalations go to. */
  lead: User;
  /** The routed agent, working Monday–Friday 09:00–17:00 UTC. */
  agent: User;
  /** The test channel's connection in this workspace. */
  channelId: string;
  /** The app's escalation rules for this workspace. */
  escalations: Escalations;
  /** Pushes a customer message into this workspace's channel. */
  customerWrites(email: string, text: string, externalId?: string): ReturnType<TestChannel['push']>;
}

/** The running test app. */
export interface TestApp {
  /** The kit, started. */
  kit: InboxKit;
  /** The clock the kit and the app share. */
  clock: ManualClock;
  /** The test channel every workspace connects. */
  channel: TestChannel;
  /** Everything the kit asked the notifier to deliver, in order. */
  notifications: Notification[];
  /** Creates a workspace with escalation rules (VIP domain `bigcorp.example`, 2 h first-response SLA). */
  workspace(name: string): Promise<TestWorkspace>;
  /** Stops every workspace's rules and the kit. */
  stop(): Promise<void>;
}

/** Builds and starts the app on fresh test doubles. */
export async function startTestApp(): Promise<TestApp> {
  const clock = manualClock(MONDAY_8AM);
  const channel = createTestChannel({ type: 'web' });
  const notifications: Notification[] = [];
  const kit = createInboxKit({ storage: memoryStorage(), channels: [channel], clock, notifier: { notify: async (n) => void notifications.push(n) } });
  await kit.start();
  const running: Escalations[] = [];

  return {
    kit,
    clock,
    channel,
    notifications,
    async workspace(name) {
      const ws = kit.workspace((await kit.workspaces.create({ name })).id);
      const lead = await ws.users.create({ name: 'Lea Lead', email: `lead@${name.toLowerCase()}.test` });
      const agent = await ws.users.create({
        name: 'Ari Agent',
        email: `agent@${name.toLowerCase()}.test`,
        workingHours: { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })) },
      });
      const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [lead.id, agent.id] } });
      const { id: channelId } = await ws.channels.connect({ inboxId: inbox.id, type: 'web', name: 'Website' });
      await ws.routing.set(channelId, { targets: { users: [agent.id] }, strategy: 'round-robin', onlyAvailable: true });
      const escalations = startEscalations(kit, clock, {
        workspaceId: ws.id,
        vipDomains: ['bigcorp.example'],
        leadUserId: lead.id,
        firstResponseSlaMs: 2 * HOUR,
        checkEveryMs: 15 * 60_000,
      });
      running.push(escalations);
      return {
        ws,
        lead,
        agent,
        channelId,
        escalations,
        customerWrites: (email, text, externalId) =>
          channel.push({ workspaceId: ws.id, channelId, from: { email }, text, ...(externalId && { externalId }) }),
      };
    },
    async stop() {
      for (const escalations of running) escalations.stop();
      await kit.stop();
    },
  };
}
