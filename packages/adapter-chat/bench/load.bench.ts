/**
 * Load bench (loopback only, bounded): N concurrent WebSocket visitors, each sending messages
 * while an agent answers every one. Measures delivery latency of both directions:
 * visitor → its message back from the server (ingest + routing + transcript), and
 * agent reply → the visitor's socket (reply + doSend + event + transcript read).
 * Prints a table per N with ratios against the single-visitor baseline of the same run and
 * the largest N whose p99 stays under 100 ms. Run: `npm run bench -w @inboxkit/adapter-chat`.
 */
import { performance } from 'node:perf_hooks';
import { createInboxKit } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { chatChannel, createChatServer, type ServerFrame } from '../src/index.js';

const STEPS = process.env.BENCH_STEPS ? process.env.BENCH_STEPS.split(",").map(Number) : [1, 10, 25, 50, 100, 200, 400];
const MESSAGES = 5; // per visitor
const GAP_MS = 100; // between one visitor's messages
const TARGET_P99_MS = 100;
const ORIGIN = 'https://shop.test';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function run(n: number) {
  const chat = chatChannel({ messageBurst: 1000, messagesPerMinute: 10_000, maxConnectionsPerIp: 100_000 });
  const kit = createInboxKit({ storage: memoryStorage(), channels: [chat], fallbackEmailDomain: 'in.example.com' });
  await kit.start();
  const workspace = await kit.workspaces.create({ name: 'Bench' });
  const ws = kit.workspace(workspace.id);
  const agent = await ws.users.create({ name: 'Ada', email: 'ada@bench.test', role: 'admin' });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'chat', name: 'Chat', config: { allowedOrigins: [ORIGIN] } });
  await ws.routing.set(channel.id, { targets: { users: [agent.id] }, strategy: 'round-robin' });
  const server = createChatServer(chat);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/chat/ws?workspaceId=${workspace.id}&channelId=${channel.id}`;

  const echo: number[] = [];
  const reply: number[] = [];
  const sentAt = new Map<string, number>();
  let replies = 0;
  // The agent answers each visitor message as it lands (another part of the host app).
  kit.events.on('message.received', (event) => {
    const started = performance.now();
    void ws.conversations.reply(event.data.conversationId, { authorId: agent.id, text: `re:${started}` }).catch(() => undefined);
  });

  const sockets = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(url, { origin: ORIGIN });
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as ServerFrame;
          if (frame.type === 'welcome') return resolve(socket);
          if (frame.type !== 'message') return;
          const now = performance.now();
          if (frame.direction === 'incoming' && frame.clientId) echo.push(now - sentAt.get(`${i}:${frame.clientId}`)!);
          if (frame.direction === 'outgoing') {
            reply.push(now - Number(frame.text.slice(3)));
            replies += 1;
          }
        });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', visitorId: `bench_visitor_${String(i).padStart(6, '0')}` })));
        socket.on('error', reject);
      }),
    ),
  );
  await Promise.all(
    sockets.map(async (socket, i) => {
      for (let m = 0; m < MESSAGES; m++) {
        await new Promise((r) => setTimeout(r, Math.random() * GAP_MS * 2));
        sentAt.set(`${i}:c${m}`, performance.now());
        socket.send(JSON.stringify({ type: 'message', clientId: `c${m}`, text: `hello ${m}` }));
      }
    }),
  );
  const deadline = Date.now() + 60_000;
  while ((echo.length < n * MESSAGES || replies < n * MESSAGES) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const socket of sockets) socket.close();
  await kit.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const all = [...echo, ...reply].sort((a, b) => a - b);
  return {
    n,
    delivered: all.length,
    expected: n * MESSAGES * 2,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all[all.length - 1] ?? NaN,
    echoP99: percentile([...echo].sort((a, b) => a - b), 99),
    replyP99: percentile([...reply].sort((a, b) => a - b), 99),
  };
}

const rows = [];
for (const n of STEPS) {
  const row = await run(n);
  rows.push(row);
  if (row.p99 > TARGET_P99_MS * 3) break; // far past the target: larger N only takes longer
}
const base = rows[0]!;
const f = (x: number) => x.toFixed(1).padStart(8);
console.log(`\nchat load (loopback, memory store, ${MESSAGES} messages per visitor + one agent reply each)\n`);
console.log('visitors  delivered/expected   p50 ms   p99 ms   max ms  echo p99  reply p99  p99 ÷ 1-visitor');
for (const r of rows) {
  console.log(
    `${String(r.n).padStart(8)}  ${`${r.delivered}/${r.expected}`.padStart(18)} ${f(r.p50)} ${f(r.p99)} ${f(r.max)} ${f(r.echoP99)}  ${f(r.replyP99)}  ${(r.p99 / base.p99).toFixed(2).padStart(14)}×`,
  );
}
const best = rows.filter((r) => r.p99 < TARGET_P99_MS && r.delivered === r.expected).pop();
console.log(`\nlargest N with every message delivered and p99 < ${TARGET_P99_MS} ms: ${best ? best.n : 'none'}`);
