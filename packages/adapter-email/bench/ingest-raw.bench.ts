// Raw MIME intake throughput (ingestRaw into a kit on the memory store) against mailparser's
// own simpleParser on the same bytes in the same run, and peak memory for a 25 MB attachment.
// Run: npm run bench -w @inboxkit/adapter-email
import { createInboxKit, memoryBlobs } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { simpleParser } from 'mailparser';
import { emailChannel } from '../src/index.js';

const MB = 1024 * 1024;

function message(n: number, attachment: Buffer | null): Buffer {
  const words = 'Hello team, the printer on floor three keeps jamming whenever we print double-sided. ';
  const text = words.repeat(Math.ceil(4_500 / words.length)).slice(0, 4_500);
  const head = [
    `From: Customer ${n % 97} <c${n % 97}@example.test>`, 'To: support@acme.test', `Subject: Case ${n}`,
    `Message-ID: <bench-${n}-${attachment?.length ?? 0}@example.test>`, 'Date: Tue, 01 Dec 2026 10:00:00 +0000', 'MIME-Version: 1.0',
  ];
  if (!attachment) return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'));
  const b64 = attachment.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from([...head, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', text,
    '--b', 'Content-Type: application/octet-stream; name="data.bin"', 'Content-Disposition: attachment; filename="data.bin"',
    'Content-Transfer-Encoding: base64', '', b64, '--b--', ''].join('\r\n'));
}

async function setup() {
  const email = emailChannel();
  const kit = createInboxKit({ storage: memoryStorage(), channels: [email], blobs: memoryBlobs(), fallbackEmailDomain: 'in.acme.test' });
  await kit.start();
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Bench' })).id);
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [] } });
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'email', name: 's', config: { address: 'support@acme.test' } });
  return { kit, email, channelId: channel.id };
}

async function rate(count: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  return count / ((performance.now() - start) / 1000);
}

async function peak(run: () => Promise<unknown>): Promise<{ rss: number; heap: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - base.rss);
    heap = Math.max(heap, now.heapUsed + now.arrayBuffers - base.heapUsed - base.arrayBuffers);
  };
  const timer = setInterval(sample, 2);
  await run();
  sample();
  clearInterval(timer);
  return { rss: rss / MB, heap: heap / MB };
}

const rows: string[][] = [];
const { kit, email, channelId } = await setup();
for (const [label, size, count] of [['typical 5 KB', 0, 2000], ['1 MB attachment', MB, 60]] as const) {
  const attachment = size ? Buffer.alloc(size, 42) : null;
  const raws = Array.from({ length: count }, (_, i) => message(i + (size ? 100_000 : 0), attachment));
  const kb = (raws[0]!.length / 1024).toFixed(0);
  await simpleParser(raws[0]!); // warm up both paths
  const baseline = await rate(count, (i) => simpleParser(raws[i]!));
  const ours = await rate(count, (i) => email.ingestRaw(raws[i]!, { channelId }));
  rows.push([`${label} (${kb} KB raw)`, baseline.toFixed(0), ours.toFixed(0), (ours / baseline).toFixed(2)]);
}
const big = message(999_999, Buffer.alloc(25 * MB, 7));
const basePeak = await peak(() => simpleParser(big));
const ourPeak = await peak(() => email.ingestRaw(big, { channelId }));
await kit.stop();

console.log('\ningestRaw throughput (messages/s, sequential, memory store) vs mailparser simpleParser on the same bytes\n');
console.log('| message | simpleParser msg/s | ingestRaw msg/s | ratio |');
console.log('|---|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\nPeak memory over the 25 MB attachment message (${(big.length / MB).toFixed(1)} MB raw, held by the caller)\n`);
console.log('| path | peak RSS delta MB | peak heap+buffers delta MB |');
console.log('|---|---:|---:|');
console.log(`| simpleParser (parse only) | ${basePeak.rss.toFixed(1)} | ${basePeak.heap.toFixed(1)} |`);
console.log(`| ingestRaw (parse + blob + ingest) | ${ourPeak.rss.toFixed(1)} | ${ourPeak.heap.toFixed(1)} |`);
const ratio = (a: number, b: number) => (b > 1 ? (a / b).toFixed(2) : 'n/a (baseline below 1 MB)');
console.log(`| ratio | ${ratio(ourPeak.rss, basePeak.rss)} | ${ratio(ourPeak.heap, basePeak.heap)} |`);
console.log('\n(ingestRaw includes the memory BlobStore\'s own copy of the 25 MB attachment, which it keeps.)');
