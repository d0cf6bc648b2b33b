import { afterEach, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { startChild, stopChild, type Child, type ChildMessage } from './helpers/processes.js';
import { describeOnServer } from './helpers/targets.js';

const PER_APPENDER = 40;
const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(stopChild));
});

const eventsOf = (messages: ChildMessage[], workspaceId: string) =>
  messages.filter((m) => m.type === 'event' && m.workspaceId === workspaceId);

describeOnServer('event fan-out across processes', (database) => {
  it('every subscriber process gets every event of two appender processes, per workspace in seq order, once', async () => {
    const { url, schema } = database();
    const storage = postgresStorage({ connectionString: url, schema });
    const workspaces = ['ws_fanout_a', 'ws_fanout_b'];
    for (const id of workspaces) await storage.workspaces.insert({ id, name: id, createdAt: 0, updatedAt: 0 });

    const subscribers = [startChild('subscriber.ts', [url, schema]), startChild('subscriber.ts', [url, schema])];
    const appenders = ['p1', 'p2'].map((tag) =>
      startChild('appender.ts', [url, schema, tag, String(PER_APPENDER), ...workspaces]),
    );
    children.push(...subscribers, ...appenders);
    await Promise.all([...subscribers, ...appenders].map((child) => child.next('ready')));
    for (const appender of appenders) appender.send('go'); // both append at the same time
    await Promise.all(appenders.map((appender) => appender.next('done')));

    const total = 2 * PER_APPENDER;
    const perWorkspace = total / workspaces.length;
    for (const subscriber of subscribers) {
      await subscriber.waitFor((m) => m.filter((x) => x.type === 'event').length >= total, `${total} events`);
      for (const ws of workspaces) {
        const got = eventsOf(subscriber.messages, ws);
        expect(got.map((m) => m.seq)).toEqual(Array.from({ length: perWorkspace }, (_, i) => i + 1));
        // Exactly the log, in its order: what the other processes committed.
        const log = await storage.events.read(ws, { limit: total });
        expect(got.map((m) => m.id)).toEqual(log.map((e) => e.id));
        expect(new Set(got.map((m) => String(m.id).split('_')[1]))).toEqual(new Set(['p1', 'p2']));
      }
      expect(subscriber.messages.filter((m) => m.type === 'event')).toHaveLength(total);
    }
    await storage.close();
  });
});
