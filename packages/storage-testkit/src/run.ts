import { describe, expect, it } from 'vitest';
import { testId, type NamedSkip, type StorageConformanceOptions, type SuiteDefinition } from './harness.js';
import { addressesSuite } from './suites/addresses.js';
import { batchWritesSuite } from './suites/batch-writes.js';
import { botsKitSuite } from './suites/bots-kit.js';
import { botsSuite } from './suites/bots.js';
import { analyticsBotsSuite } from './suites/analytics-bots.js';
import { analyticsExportSuite } from './suites/analytics-export.js';
import { analyticsRepliesSuite } from './suites/analytics-replies.js';
import { analyticsResponseTimesSuite } from './suites/analytics-response-times.js';
import { analyticsVolumeSuite } from './suites/analytics-volume.js';
import { contactsSuite } from './suites/contacts.js';
import { chatflowsSuite } from './suites/chatflows.js';
import { formsSuite } from './suites/forms.js';
import { followersSuite } from './suites/followers.js';
import { readsSuite } from './suites/reads.js';
import { signalsSuite } from './suites/signals.js';
import { kitReadsSuite } from './suites/kit-reads.js';
import { kitFollowersSuite } from './suites/kit-followers.js';
import { kitPresenceSuite } from './suites/kit-presence.js';
import { contractSuite } from './suites/contract.js';
import { kitSuite } from './suites/kit.js';
import { kitRacesSuite } from './suites/kit-races.js';
import { kitIngestManySuite } from './suites/kit-ingest-many.js';
import { kitPermissionsSuite } from './suites/kit-permissions.js';
import { kitIntegritySuite } from './suites/kit-integrity.js';
import { kitChannelContextSuite } from './suites/kit-channel-context.js';
import { webhooksKitSuite } from './suites/kit-webhooks.js';
import { kitSpamSuite } from './suites/kit-spam.js';
import { kitTagsSuite } from './suites/kit-tags.js';
import { conversationListsSuite } from './suites/conversations-list.js';
import { conversationsSuite } from './suites/conversations.js';
import { conversationDeleteSuite } from './suites/conversation-delete.js';
import { copiesSuite } from './suites/copies.js';
import { eventsSuite } from './suites/events.js';
import { leasesSuite } from './suites/leases.js';
import { oddInputSuite } from './suites/odd-input.js';
import { recordsSuite } from './suites/records.js';
import { routingSuite } from './suites/routing.js';
import { searchSuite } from './suites/search.js';
import { kitSearchSuite } from './suites/kit-search.js';
import { stateSuite } from './suites/state.js';
import { subscribeSuite } from './suites/subscribe.js';
import { tenancySuite } from './suites/tenancy.js';
import { timelineSuite } from './suites/timeline.js';
import { transactionsSuite } from './suites/transactions.js';
import { transactionSafetySuite } from './suites/transaction-safety.js';
import { workspacesSuite } from './suites/workspaces.js';

/** Every area of the contract, in report order. */
const suites: readonly SuiteDefinition[] = [
  contractSuite,
  workspacesSuite,
  recordsSuite,
  contactsSuite,
  conversationsSuite,
  conversationListsSuite,
  conversationDeleteSuite,
  timelineSuite,
  batchWritesSuite,
  eventsSuite,
  stateSuite,
  routingSuite,
  addressesSuite,
  leasesSuite,
  transactionsSuite,
  transactionSafetySuite,
  tenancySuite,
  copiesSuite,
  subscribeSuite,
  kitSuite,
  kitRacesSuite,
  kitIngestManySuite,
  kitPermissionsSuite,
  oddInputSuite,
  kitIntegritySuite,
  kitChannelContextSuite,
  webhooksKitSuite,
  kitSpamSuite,
  kitTagsSuite,
  chatflowsSuite,
  botsSuite,
  botsKitSuite,
  formsSuite,
  readsSuite,
  followersSuite,
  signalsSuite,
  kitReadsSuite,
  kitFollowersSuite,
  kitPresenceSuite,
  analyticsRepliesSuite,
  analyticsResponseTimesSuite,
  analyticsVolumeSuite,
  analyticsExportSuite,
  analyticsBotsSuite,
  searchSuite,
  kitSearchSuite,
];

// A skip without a reason is a silent failure; refuse it when the suite is declared.
function skipReasons(skips: readonly NamedSkip[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const { test, reason } of skips) {
    if (!reason?.trim()) throw new TypeError(`[storage-testkit] skip "${test}" needs a reason`);
    if (reasons.has(test)) throw new TypeError(`[storage-testkit] skip "${test}" is listed twice`);
    reasons.set(test, reason.trim());
  }
  return reasons;
}

/**
 * Registers the storage conformance suite on vitest: call it at the top level of a test
 * file. Every test gets a fresh store from `create` and calls its `cleanup` afterwards.
 * Tests listed in `skip` are reported as skipped with their reason in the name; a skip
 * that names no test fails the suite, so stale skips cannot linger.
 */
export function runStorageConformance(options: StorageConformanceOptions): void {
  const reasons = skipReasons(options.skip ?? []);
  const registered = new Set<string>();

  describe(`storage conformance: ${options.name}`, () => {
    for (const suite of suites) {
      describe(suite.area, () => {
        suite.register({
          test(title, body) {
            const id = testId(suite.area, title);
            if (registered.has(id)) throw new Error(`[storage-testkit] duplicate test id "${id}"`);
            registered.add(id);
            const reason = reasons.get(id);
            if (reason !== undefined) {
              it.skip(`${title} [skipped: ${reason}]`, () => {});
              return;
            }
            it(title, async (ctx) => {
              const { storage, cleanup } = await options.create();
              try {
                await body({ storage, skip: (note) => ctx.skip(note) });
              } finally {
                await cleanup();
              }
            });
          },
        });
      });
    }

    it('every named skip refers to an existing test', () => {
      const unknown = [...reasons.keys()].filter((id) => !registered.has(id));
      expect(unknown, 'skips naming no test (ids are "<area> > <title>")').toEqual([]);
    });
  });
}
