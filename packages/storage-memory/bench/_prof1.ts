import { createInboxKit } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '../src/index.js';
const storage = memoryStorage();
const kit = createInboxKit({ storage, channels: [createTestChannel()], fallbackEmailDomain: 'in.bench.test' });
await kit.start();
const ws = await kit.workspaces.create({ name: 'Bench' });
const api = kit.workspace(ws.id);
const users = await Promise.all(Array.from({ length: 5 }, (_, i) => api.users.create({ name: `Agent ${i}`, email: `a${i}@bench.test` })));
const inbox = await api.inboxes.create({ name: 'Inbox', members: { users: users.map((u) => u.id) } });
const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'bench' });
const N = +(process.env.N ?? 10000);
const msgs = Array.from({ length: N }, (_, i) => ({ workspaceId: ws.id, channelId: channel.id, externalId: `x-${i}`, from: { email: `c${i}@x.test`, name: `Customer ${i}` }, subject: 'Order question', text: `message ${i}` }));
const c0 = process.cpuUsage();
if (process.env.MANY) { for (let a = 0; a < N; a += 1000) await kit.ingestMany(msgs.slice(a, a + 1000)); }
else for (const m of msgs) await kit.ingest(m);
const c = process.cpuUsage(c0); console.log('µs cpu/msg', ((c.user + c.system) / N).toFixed(1));
await kit.stop();
