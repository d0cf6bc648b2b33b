/**
 * `@inboxkit/core`: the domain model, the inbound pipeline, and the `Storage` and
 * `ChannelAdapter` contracts every store and channel adapter implements.
 * @packageDocumentation
 */
export * from './domain/index.js';
export * from './errors/index.js';
export * from './storage/index.js';
export { encodeCursor, decodeCursor } from './storage/cursor.js';
export * from './channels/index.js';
export type { IngestResult } from './ingest/ingest-result.js';
export { systemClock, type Clock, type CancelTimer } from './runtime/clock.js';
export { silentLogger, type Logger } from './runtime/logger.js';
export { sortableIds, randomToken, type IdGenerator } from './runtime/ids.js';
export { memoryBlobs, type BlobStore } from './runtime/blobs.js';
export type { Notification, Notifier, SecretResolver, Association, AssociationProvider } from './runtime/host.js';
