import { afterAll, beforeAll, describe } from 'vitest';
import { postgresStorage } from '../../src/index.js';
import { DATABASE_URL, NO_DATABASE_REASON, createTestDatabase, type TestDatabase } from './databases.js';
import { pgliteFactory, serverFactory, type StoreFactory } from './stores.js';

/**
 * Registers `body` twice: on PGlite (always) and on the real server of `DATABASE_URL`. Without
 * DATABASE_URL the server copy is a `describe.skip` whose title says why, so a run that did
 * not touch a real server says so.
 */
export function describeOnBothDatabases(title: string, body: SuiteBody): void {
  describe(`${title} on PGlite`, () => withFactory(pgliteFactory, 'pglite', body));
  if (DATABASE_URL) {
    const url = DATABASE_URL;
    describe(`${title} on a PostgreSQL server`, () => withFactory(() => serverFactory(url), 'server', body));
  } else {
    describe.skip(`${title} on a PostgreSQL server: ${NO_DATABASE_REASON}`, () =>
      withFactory(() => Promise.reject(new Error(NO_DATABASE_REASON)), 'server', body),
    );
  }
}

/** Registers tests; `kind` lets a test that needs a server skip on PGlite by name. */
type SuiteBody = (stores: () => StoreFactory, kind: StoreFactory['kind']) => void;

function withFactory(make: () => Promise<StoreFactory>, kind: StoreFactory['kind'], body: SuiteBody): void {
  let factory: StoreFactory | undefined;
  beforeAll(async () => {
    factory = await make();
  });
  afterAll(async () => {
    await factory?.close();
  });
  body(() => {
    if (!factory) throw new Error('store factory not ready');
    return factory;
  }, kind);
}

/**
 * A suite that needs a real server (several processes cannot share an in-process PGlite): it
 * gets a fresh database, migrated into `schema`, dropped after. Skipped by name without
 * DATABASE_URL.
 */
export function describeOnServer(title: string, body: (database: () => { url: string; schema: string }) => void): void {
  if (!DATABASE_URL) {
    describe.skip(`${title}: ${NO_DATABASE_REASON}`, () => body(() => ({ url: '', schema: '' })));
    return;
  }
  const serverUrl = DATABASE_URL;
  const schema = 'inboxkit';
  let database: TestDatabase | undefined;
  describe(title, () => {
    beforeAll(async () => {
      database = await createTestDatabase(serverUrl);
      const storage = postgresStorage({ connectionString: database.url, schema });
      await storage.migrate();
      await storage.close();
    });
    afterAll(async () => {
      await database?.drop();
    });
    body(() => {
      if (!database) throw new Error('test database not ready');
      return { url: database.url, schema };
    });
  });
}
