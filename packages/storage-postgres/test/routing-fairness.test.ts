import { createInboxKit } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { afterEach, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { startChild, stopChild, type Child } from './helpers/processes.js';
import { describeOnServer } from './helpers/targets.js';

const PROCESSES = 4;
const PER_PROCESS = 250;
const AGENTS = 5;
const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(stopChild));
});

describeOnServer('round-robin routing across processes', (database) => {
  it(`${PROCESSES} processes ingesting ${PROCESSES * PER_PROCESS} new conversations at once share them fairly over ${AGENTS} agents`, async () => {
    const { url, schema } = database();
    const storage = postgresStorage({ connectionString: url, schema });
    const kit = createInboxKit({ storage, channels: [createTestChannel()] });
    const workspace = await kit.workspaces.create({ name: 'Fair share' });
    const ws = kit.workspace(workspace.id);
    const agents = [];
    for (let i = 0; i < AGENTS; i++) agents.push(await ws.users.create({ name: `Agent ${i}`, email: `agent${i}@fair.example.com` }));
    const inbox = await ws.inboxes.create({ name: 'Support', members: { users: agents.map((a) => a.id) } });
    const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'Test' });
    await ws.routing.set(channel.id, { targets: { users: agents.map((a) => a.id) }, strategy: 'round-robin' });
    const template = JSON.stringify({ workspaceId: workspace.id, channelId: channel.id, text: 'Hello' });

    const ingesters = Array.from({ length: PROCESSES }, (_, p) =>
      startChild('bulk-ingester.ts', [url, schema, template, `p${p}`, String(PER_PROCESS)]),
    );
    children.push(...ingesters);
    await Promise.all(ingesters.map((child) => child.next('ready')));
    for (const child of ingesters) child.send('go');
    // A thousand ingests on a busy 2-core CI machine: a generous bound, not a timing assertion.
    await Promise.all(ingesters.map((child) => child.waitFor((m) => m.some((x) => x.type === 'done'), 'all ingests', 240_000)));

    expect(await storage.conversations.count(workspace.id, {})).toBe(PROCESSES * PER_PROCESS);
    const perAgent = await Promise.all(agents.map((a) => storage.conversations.count(workspace.id, { assigneeId: a.id })));
    const fair = (PROCESSES * PER_PROCESS) / AGENTS;
    for (const count of perAgent) expect(Math.abs(count - fair), `per agent: ${perAgent.join(', ')}`).toBeLessThanOrEqual(1);
    expect(await storage.conversations.count(workspace.id, { assigneeId: null })).toBe(0);
    await storage.close();
  }, 300_000);
});
