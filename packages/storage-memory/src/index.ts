/**
 * `@inboxkit/storage-memory`: the in-memory `Storage` of InboxKit.
 * @packageDocumentation
 */
export { memoryStorage } from './memory-storage.js';
export type { MemoryStorageOptions } from './options.js';
