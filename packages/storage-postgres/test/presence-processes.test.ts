import { createInboxKit, VIEWING_TTL_MS, type PresenceChange } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { afterEach, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { startChild, stopChild, type Child } from './helpers/processes.js';
import { describeOnServer } from './helpers/targets.js';

const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(stopChild));
});

/** Polls until `check` holds; the bound only fails the test, it asserts nothing about speed. */
async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 20_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeOnServer('presence across processes', (database) => {
  it("a kit sees another process's viewer and typing through NOTIFY, expiring on its own clock, never in the log", async () => {
    const { url, schema } = database();
    const storage = postgresStorage({ connectionString: url, schema });
    // This kit's clock starts at real time, so the other process's signal times line up with it.
    const clock = manualClock(Date.now());
    const channel = createTestChannel();
    const kit = createInboxKit({ storage, clock, channels: [channel], fallbackEmailDomain: 'in.example.com' });
    await kit.start();
    try {
      const ws = kit.workspace((await kit.workspaces.create({ name: 'Presence' })).id);
      const agent = await ws.users.create({ name: 'Agent', email: 'agent@presence.test' });
      const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
      const ch = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'support' });
      const ingested = await kit.ingest({ workspaceId: ws.id, channelId: ch.id, externalId: 'p-1', from: { email: 'c@presence.test' }, text: 'hi' });
      if (ingested.status !== 'accepted') throw new Error(ingested.status);
      const id = ingested.conversation.id;
      const heard: PresenceChange['state'][] = [];
      ws.presence.subscribe((change) => heard.push(change.state));
      const logged = (await ws.events.read({ limit: 500 })).items.length;

      const viewer = startChild('presence-viewer.ts', [url, schema, ws.id, id, agent.id]);
      children.push(viewer);
      await viewer.next('ready');
      viewer.send('typing');
      await until(() => heard.includes('typing'), 'the typing signal from the other process');
      expect((await ws.presence.get(id)).users.map((u) => [u.userId, u.state])).toEqual([[agent.id, 'typing']]);
      viewer.send('viewing');
      await until(() => heard.includes('viewing'), 'the viewing signal');
      // Past the TTL whatever the child's start-up took (its signals carry its real send time).
      await clock.set(Date.now() + VIEWING_TTL_MS + 1_000);
      expect((await ws.presence.get(id)).users).toEqual([]);
      expect(heard).toEqual(['typing', 'viewing', 'gone']);
      expect((await ws.events.read({ limit: 500 })).items).toHaveLength(logged);
    } finally {
      await kit.stop();
      await storage.close();
    }
  });
});
