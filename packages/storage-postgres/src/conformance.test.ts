import { runStorageConformance, type StoreHandle } from '@inboxkit/storage-testkit';
import { afterAll, describe } from 'vitest';
import { DATABASE_URL, NO_DATABASE_REASON } from '../test/helpers/databases.js';
import { pgliteFactory, serverFactory, type StoreFactory } from '../test/helpers/stores.js';

/**
 * The whole conformance suite, twice: on PGlite (always, in-process) and on the real server
 * of DATABASE_URL (a fresh database for this file, dropped after). Each test gets a fresh
 * schema, so global lists start empty.
 */
function lazyFactory(make: () => Promise<StoreFactory>): { create: () => Promise<StoreHandle> } {
  let factory: Promise<StoreFactory> | null = null;
  afterAll(async () => {
    await (await factory)?.close();
  });
  return { create: async () => (await (factory ??= make())).create() };
}

runStorageConformance({ name: 'postgres (pglite)', ...lazyFactory(pgliteFactory) });

if (DATABASE_URL) {
  const url = DATABASE_URL;
  runStorageConformance({ name: 'postgres (server)', ...lazyFactory(() => serverFactory(url)) });
} else {
  describe.skip(`postgres (server): ${NO_DATABASE_REASON}`, () => {
    runStorageConformance({
      name: 'postgres (server)',
      create: () => Promise.reject(new Error(NO_DATABASE_REASON)),
    });
  });
}
