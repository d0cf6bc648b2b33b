/**
 * `@inboxkit/storage-postgres`: the InboxKit `Storage` on PostgreSQL (node-postgres), with
 * shipped SQL migrations, a LISTEN/NOTIFY event feed and leases; it also runs on PGlite.
 * @packageDocumentation
 */
export { postgresStorage, type PostgresStorage } from './postgres-storage.js';
export type { PostgresStorageOptions, PostgresConnectionOptions } from './options.js';
export type { PGliteLike } from './driver/single-driver.js';
