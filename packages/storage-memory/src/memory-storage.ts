import { checkSignal, type Storage, type StorageOperations, type StorageSignal } from '@inboxkit/core';
import { analyticsStore } from './analytics/analytics-store.js';
import { OperationsRouter, routeStore, type AroundCall } from './facade.js';
import type { JournalSource } from './journal.js';
import { parseOptions, type MemoryStorageOptions } from './options.js';
import { botStore } from './stores/bot-store.js';
import { followerStore } from './stores/follower-store.js';
import { readStore } from './stores/read-store.js';
import { ReadTable } from './tables/read-table.js';
import { FollowerTable } from './tables/follower-table.js';
import { BotTable } from './tables/bot-table.js';
import { addressStore } from './stores/address-store.js';
import { contactStore } from './stores/contact-store.js';
import { conversationStore, type ConversationTables } from './stores/conversation-store.js';
import { searchStore } from './stores/search-store.js';
import { SearchIndex } from './search/search-index.js';
import { ContactTable } from './tables/contact-table.js';
import { eventStore } from './stores/event-store.js';
import { leaseStore } from './stores/lease-store.js';
import { recordStore } from './stores/record-store.js';
import { stateStore } from './stores/state-store.js';
import { timelineStore } from './stores/timeline-store.js';
import { workspaceStore } from './stores/workspace-store.js';
import { Subscribers } from './subscribers.js';
import { ConversationTable } from './tables/conversation-table.js';
import { TimelineTable } from './tables/timeline-table.js';
import { TransactionRunner } from './transaction.js';

/** The tables every store and reader shares: one copy of each row, one search index over them. */
interface Tables extends ConversationTables {
  contacts: ContactTable;
  search: SearchIndex;
}

function createTables(): Tables {
  const search = new SearchIndex();
  return {
    search,
    contacts: new ContactTable((previous, next) => search.contactChanged(previous, next)),
    conversations: new ConversationTable((previous, next) => search.conversationChanged(previous, next)),
    timeline: new TimelineTable((previous, next) => search.itemChanged(previous, next)),
    bots: new BotTable(),
    reads: new ReadTable(),
    followers: new FollowerTable(),
  };
}

function createOperations(journal: JournalSource, tables: Tables): StorageOperations {
  return {
    workspaces: workspaceStore(journal),
    records: recordStore(journal),
    contacts: contactStore(journal, tables.contacts),
    conversations: conversationStore(journal, tables),
    timeline: timelineStore(journal, tables.timeline),
    events: eventStore(journal),
    state: stateStore(journal),
    addresses: addressStore(journal),
    leases: leaseStore(journal),
    bots: botStore(journal, tables.bots),
    reads: readStore(journal, tables.reads, tables.conversations),
    followers: followerStore(journal, tables.followers),
    search: searchStore(tables.search, tables.conversations),
  };
}

/**
 * The in-memory `Storage`: the reference store, the embedded default, and the store for
 * host test suites. Everything lives in this process and is gone when it ends.
 *
 * - Every call and every transaction runs one at a time, in call order; a transaction's
 *   writes are undone when its `fn` throws, and a call outside a transaction is atomic.
 * - Results are copies, and so is what gets stored: callers never share objects with it.
 * - Indexed for large workspaces: conversation lists and counts scan the smallest
 *   matching index, lookups go through maps, outboxes and snoozes through sorted indexes.
 * - `subscribe()` delivers each committed event to every listener, synchronously after commit;
 *   `signal()` hands each signal to every `subscribeSignals()` listener at once (in-process fan-out).
 * - `search` answers full-text queries from inverted indexes the tables keep on every write,
 *   so a rollback undoes index changes with the rows.
 * - Read state counts unread conversations from the conversation indexes and one user's marks.
 * - `analytics` computes reports from the same tables through their indexes, each call one
 *   unit of work like any other call.
 *
 * Throws a `VALIDATION` error for unknown options.
 */
export function memoryStorage(options: MemoryStorageOptions = {}): Storage {
  parseOptions(options);
  const subscribers = new Subscribers();
  const runner = new TransactionRunner((journal) => subscribers.deliver(journal.appendedEvents));
  // Analytics and search read the tables the stores write; sharing them keeps one copy of every row.
  const tables = createTables();
  const router = new OperationsRouter(createOperations(() => runner.journal(), tables));
  const signals = new Subscribers<StorageSignal>();
  const autocommit: AroundCall = (method, store, args) => runner.autocommit(() => method.apply(store, args));

  return Object.freeze({
    specificationVersion: 'v1' as const,
    name: 'memory',
    capabilities: Object.freeze({ subscribe: true, analytics: true, bots: true, reads: true, followers: true, signals: true, search: true }),
    ...router.routeAll(autocommit),
    analytics: routeStore(analyticsStore(tables), autocommit),
    transaction<T>(fn: (tx: StorageOperations) => Promise<T>): Promise<T> {
      return runner.transaction((scope) => fn(router.view((method, store, args) => runner.inTransaction(scope, method, store, args))));
    },
    async subscribe(listener) {
      return subscribers.add(listener);
    },
    // Outside the transaction runner: a signal is no unit of work, and waits for none.
    async signal(signal) {
      checkSignal(signal);
      signals.deliver([{ workspaceId: signal.workspaceId, payload: signal.payload }]);
    },
    async subscribeSignals(listener) {
      return signals.add(listener);
    },
    // Nothing to release but the listeners: the data goes with the last reference to the store.
    async close() {
      subscribers.clear();
      signals.clear();
    },
  } satisfies Storage);
}
