/**
 * `@inboxkit/storage-testkit`: the conformance suite every InboxKit `Storage` passes
 * (memory, postgres, third-party stores), and typed fixtures to build test data.
 *
 * ```ts
 * // my-store/src/conformance.test.ts
 * import { runStorageConformance } from '@inboxkit/storage-testkit';
 * runStorageConformance({ name: 'my-store', create: async () => ({ storage: myStorage(), cleanup: async () => {} }) });
 * ```
 * @packageDocumentation
 */
export { runStorageConformance } from './run.js';
export { fixtures, FIXTURE_TIME, type WorkspaceRef } from './fixtures.js';
export type { StorageConformanceOptions, StoreHandle, NamedSkip, ConformanceContext } from './harness.js';
export { searchCorpus, corpusWord, corpusQueries, type SearchCorpusShape, type CorpusConversation, type CorpusQuery } from './search-corpus.js';
