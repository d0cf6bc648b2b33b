import { describe, expect, it } from 'vitest';
import type { ChannelConformanceDriver, ChannelNamedSkip } from './driver.js';
import { caseId, type ChannelCase } from './case.js';
import { configCases } from './cases-config.js';
import { inboundCases } from './cases-inbound.js';
import { lifecycleCases } from './cases-lifecycle.js';
import { secretCases } from './cases-secrets.js';
import { noSendCases, sendCases } from './cases-send.js';
import { createEnv, type MakeAdapter } from './environment.js';

const prefix = '[channel conformance]';

/** Every case for this driver, in report order. */
export function channelCases(driver: ChannelConformanceDriver<unknown>): ChannelCase[] {
  return [...lifecycleCases, ...configCases(driver), ...inboundCases, ...(driver.send === false ? noSendCases : sendCases), ...secretCases];
}

// Mistakes in the driver fail at declaration, not as confusing test failures.
function checkDriver(driver: ChannelConformanceDriver<unknown>): void {
  if (driver.invalidConfigs.length === 0) throw new TypeError(`${prefix} driver.invalidConfigs needs at least one case`);
  for (const [ref, value] of Object.entries(driver.secrets)) {
    // JSON-safe and long enough that finding it in a dump means it leaked.
    if (!/^[\w.~-]{8,}$/.test(value)) throw new TypeError(`${prefix} secret "${ref}" needs a value of 8+ characters from [A-Za-z0-9_.~-]`);
  }
}

function skipReasons(skips: readonly ChannelNamedSkip[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const { test, reason } of skips) {
    if (!reason?.trim()) throw new TypeError(`${prefix} skip "${test}" needs a reason`);
    if (reasons.has(test)) throw new TypeError(`${prefix} skip "${test}" is listed twice`);
    reasons.set(test, reason.trim());
  }
  return reasons;
}

/**
 * Runs one case on a fresh environment and disposes of it, pass or fail. Exported for the
 * suite's own tests (a broken adapter must fail the case); hosts use `runChannelConformance`.
 */
export async function runChannelCase<F>(
  test: ChannelCase,
  makeAdapter: MakeAdapter<F>,
  driver: ChannelConformanceDriver<F>,
  skip: (note: string) => never = (note) => {
    throw new Error(`${prefix} skipped: ${note}`);
  },
): Promise<void> {
  const env = await createEnv(makeAdapter, driver);
  try {
    await test.run(env as never, skip);
  } finally {
    await env.dispose();
  }
}

/**
 * Registers the channel adapter conformance suite on vitest: call it at the top level of a
 * test file. Each test calls `driver.setup`, makes a fresh adapter with `makeAdapter(fixture)`,
 * a fresh store with `driver.createStorage`, a kit with a capturing logger and a secrets
 * resolver serving `driver.secrets`, then disposes of all of it. Areas: `lifecycle`,
 * `config`, `inbound`, `send` (skipped when `capabilities.send` is false; with `driver.send: false`
 * one case checking replies are refused instead, so nothing is skipped) and `secrets`
 * (skipped when the config uses none). Tests named in `driver.skip` are reported skipped with
 * their reason; a skip naming no test fails the suite.
 *
 * @param name - adapter name shown in the suite title (`email (imap + smtp)`).
 * @param makeAdapter - makes the adapter under test, once per test.
 * @param driver - how to push messages through the adapter's real intake and observe what it sent.
 */
export function runChannelConformance<F = void>(name: string, makeAdapter: MakeAdapter<F>, driver: ChannelConformanceDriver<F>): void {
  const generic = driver as ChannelConformanceDriver<unknown>;
  checkDriver(generic);
  const reasons = skipReasons(driver.skip ?? []);
  const cases = channelCases(generic);
  const ids = new Set(cases.map((c) => caseId(c.area, c.title)));
  if (ids.size !== cases.length) throw new Error(`${prefix} two cases share an id (check invalidConfigs titles)`);

  describe(`channel conformance: ${name}`, () => {
    for (const area of [...new Set(cases.map((c) => c.area))]) {
      describe(area, () => {
        for (const test of cases.filter((c) => c.area === area)) {
          const reason = reasons.get(caseId(area, test.title));
          if (reason !== undefined) it.skip(`${test.title} [skipped: ${reason}]`, () => {});
          else it(test.title, (ctx) => runChannelCase(test, makeAdapter, driver, (note) => ctx.skip(note) as never));
        }
      });
    }

    it('every named skip refers to an existing test', () => {
      expect([...reasons.keys()].filter((id) => !ids.has(id)), 'skips naming no test (ids are "<area> > <title>")').toEqual([]);
    });
  });
}
