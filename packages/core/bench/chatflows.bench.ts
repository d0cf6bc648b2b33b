/**
 * Chatflow targeting at scale: one channel with 200 chatflows of 5 include groups (3 conditions
 * each, URL / query / visitor, some regexes) plus an exclude group. Compares matching against rules
 * compiled once per change (what `chatflows.match` does) with a baseline that recompiles on every
 * call (normalizing values and compiling conditions each time). Run: `npm run bench -w @inboxkit/core`.
 */
import { compileTargeting, matchChatflows, targetingSchema, type Condition, type MatchRequest, type TargetedChatflow } from '../src/chatflows/index.js';
import { seededRandom } from '../src/testing/seeded-random.js';

const CHATFLOWS = 200;
const GROUPS = 5;
const SAMPLES = 20_000;
// Recompiling takes milliseconds, so the baseline gets fewer samples.
const BASELINE_SAMPLES = 300;

function buildChatflows(): TargetedChatflow[] {
  const next = seededRandom(42);
  const visitorCondition = (): Condition =>
    next() < 0.5 ? { on: 'visitor', property: 'language', op: 'accepts', value: 'en' } : { on: 'visitor', property: 'device', op: 'isNot', value: 'tablet' };
  // The URL operator rotates with the group, so every chatflow mixes them (a quarter are regexes).
  const urlCondition = (i: number, g: number): Condition => {
    const kind = (i + g) % 4;
    if (kind === 0) return { on: 'url', op: 'startsWith', value: `/section-${i}/g${g}` };
    if (kind === 1) return { on: 'url', op: 'contains', value: `/topic-${i}-${g}/` };
    if (kind === 2) return { on: 'url', op: 'is', value: `https://acme.com/page-${i}-${g}` };
    return { on: 'url', op: 'matchesRegex', value: `^https://acme\\.com/docs/${i}/${g}/[a-z-]+/\\d+$` };
  };
  return Array.from({ length: CHATFLOWS }, (_, i) => ({
    id: `cf_${String(i).padStart(4, '0')}`,
    name: `Chatflow ${i}`,
    priority: CHATFLOWS - i,
    enabled: i % 20 !== 7,
    // Visitor conditions first: they hold for the bench visitor, so each group reads two conditions or more.
    targeting: targetingSchema.parse({
      include: Array.from({ length: GROUPS }, (_, g) => [visitorCondition(), urlCondition(i, g), { on: 'query', name: `campaign-${i}`, op: 'is', value: `c${g}` }]),
      exclude: [[{ on: 'query', name: 'preview', op: 'present' }]],
    }),
  }));
}

const visitor = { language: 'en-GB,en;q=0.9', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120' };
const scenarios: Array<{ name: string; request: MatchRequest }> = [
  { name: 'winner ranks 3rd', request: { url: 'https://acme.com/section-2/g2/pricing?campaign-2=c2', visitor } },
  { name: 'winner ranks 200th', request: { url: 'https://acme.com/section-199/g1?campaign-199=c1', visitor } },
  { name: 'no chatflow matches', request: { url: 'https://acme.com/docs/7/3/getting-started/12?utm_source=ads', visitor } },
];

/** Runs `run` `count` times after a warm-up of a tenth as many; percentiles in µs. */
function percentiles(run: () => unknown, count: number): { p50: number; p99: number } {
  for (let i = 0; i < count / 10; i++) run();
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run();
    samples[i] = Number(process.hrtime.bigint() - start) / 1_000;
  }
  samples.sort();
  return { p50: samples[Math.floor(count * 0.5)]!, p99: samples[Math.floor(count * 0.99)]! };
}

const chatflows = buildChatflows();
const elapsedMs = (run: () => unknown) => {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
// The first compile meets every pattern for the first time; later ones (after a change to one
// chatflow) find the unchanged patterns already compiled.
const coldCompileMs = elapsedMs(() => compileTargeting(chatflows));
const recompileMs = Array.from({ length: 50 }, () => elapsedMs(() => compileTargeting(chatflows))).sort((a, b) => a - b);
const compiled = compileTargeting(chatflows);

const rows = scenarios.map(({ name, request }) => {
  const winner = matchChatflows(compiled, request).chatflow?.id ?? 'none';
  const fast = percentiles(() => matchChatflows(compiled, request), SAMPLES);
  // The explanation is built on first read; this is what a caller who reads it pays.
  const explained = percentiles(() => matchChatflows(compiled, request).explanation.text, SAMPLES / 4);
  const naive = percentiles(() => matchChatflows(compileTargeting(chatflows), request), BASELINE_SAMPLES);
  return {
    scenario: name,
    winner,
    'p50 µs': fast.p50.toFixed(1),
    'p99 µs': fast.p99.toFixed(1),
    'explained p50 µs': explained.p50.toFixed(1),
    'explained p99 µs': explained.p99.toFixed(1),
    'baseline p50 µs': naive.p50.toFixed(0),
    'baseline p99 µs': naive.p99.toFixed(0),
    'speed-up p50': `${(naive.p50 / fast.p50).toFixed(0)}×`,
  };
});

console.log(`chatflows.match: ${CHATFLOWS} chatflows × ${GROUPS} include groups × 3 conditions + 1 exclude group`);
console.log(`compiled once per change: first ${coldCompileMs.toFixed(1)} ms, then median ${recompileMs[25]!.toFixed(1)} ms (max ${recompileMs.at(-1)!.toFixed(1)} ms)`);
console.log(`match on compiled rules (${SAMPLES} samples), with the explanation read, and the baseline recompiling per call (${BASELINE_SAMPLES} samples):`);
console.table(rows);
const worstP99 = Math.max(...rows.map((r) => Number(r['p99 µs'])));
console.log(`worst match p99 on compiled rules: ${worstP99.toFixed(1)} µs (${worstP99 < 1000 ? 'under' : 'OVER'} one millisecond)`);
console.log('The explanation is built only when read: "explained" adds every passed-over chatflow with its failed condition per group, and the text.');
