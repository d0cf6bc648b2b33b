/**
 * Worst-case cost of `chatflows.match` for hostile targeting. Two chatflows with the largest
 * targeting the schema accepts (50 include + 50 exclude groups × 20 conditions, all evaluated)
 * matched against an 8 KB URL: the baseline has short plain values and patterns, the hostile
 * set fills the pattern budget with the costliest shape and uses 2000-character near-miss
 * values. For reference, the attack that is now refused at save (`[a-z]{0,2400}Z`) is timed as
 * one condition. Run: `npm run bench -w @inboxkit/core`.
 */
import { compileSafeRegex } from '../src/chatflows/safe-regex/index.js';
import { compileTargeting, matchChatflows, targetingSchema } from '../src/chatflows/index.js';
import { MAX_TARGETING_PATTERN_WEIGHT } from '../src/chatflows/targeting/schema.js';
import { maximalTargeting, worstCaseUrl } from '../src/chatflows/targeting/worst-case.js';

const url = worstCaseUrl();

function ruleSet(hostile: boolean) {
  const chatflow = (id: string, priority: number, matchAt?: number) => ({
    id,
    name: id,
    priority,
    enabled: true,
    targeting: targetingSchema.parse(maximalTargeting(hostile, { matchAt })),
  });
  return compileTargeting([chatflow('cf_a', 2), chatflow('cf_b', 1, 49)]);
}

/** Milliseconds per run: p50 and p99 over `count` runs after a warm-up of a tenth as many. */
function timing(run: () => unknown, count: number): { p50: number; p99: number } {
  for (let i = 0; i < Math.max(1, count / 10); i++) run();
  const samples = Array.from({ length: count }, () => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  }).sort((a, b) => a - b);
  return { p50: samples[Math.floor(count * 0.5)]!, p99: samples[Math.min(count - 1, Math.floor(count * 0.99))]! };
}

const baseline = ruleSet(false);
const hostile = ruleSet(true);
for (const compiled of [baseline, hostile]) {
  if (matchChatflows(compiled, { url }).chatflow?.id !== 'cf_b') throw new Error('the rule set should match cf_b at its last group');
}
const base = timing(() => matchChatflows(baseline, { url }), 200);
const worst = timing(() => matchChatflows(hostile, { url }), 200);
const attack = compileSafeRegex('[a-z]{0,2400}Z');
if (!attack.ok) throw new Error('the attack pattern compiles on its own');
const oneAttack = timing(() => attack.regex.test(url), 5);

const row = (name: string, t: { p50: number; p99: number }, conditions: number) => ({
  'rule set': name,
  conditions,
  'p50 ms': t.p50.toFixed(2),
  'p99 ms': t.p99.toFixed(2),
  'vs baseline p50': `${(t.p50 / base.p50).toFixed(1)}×`,
});
console.log(`chatflows.match worst case: URL of ${url.length} characters; pattern budget ${MAX_TARGETING_PATTERN_WEIGHT} per chatflow`);
console.table([
  row('baseline: maximal set, plain values', base, 4000),
  row('hostile: maximal accepted set', worst, 4000),
  row('refused attack: ONE [a-z]{0,2400}Z condition', oneAttack, 1),
]);
// 1000 conditions × p50 ms each ÷ 1000 ms per second.
const attackSeconds = oneAttack.p50;
console.log(`Before the budget, 50×20 such conditions in one chatflow would take about ${attackSeconds.toFixed(0)} s per page view (1000 × one condition); they are now refused at save.`);
