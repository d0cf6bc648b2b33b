/** The stores the restart suites run on: memory always; Postgres on the real server when DATABASE_URL is set, else PGlite. */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { postgresStorage } from '@inboxkit/storage-postgres';
import pg from 'pg';

export interface TestStore {
  storage: Storage;
  cleanup(): Promise<void>;
}

/**
 * `bulk` is how many messages the restart suite pushes through each: the SQL stores run the
 * same scenario on fewer, to keep the suite's wall time reasonable (PGlite is single-threaded WASM).
 */
export const storeKinds: { name: string; bulk: number; create: () => Promise<TestStore> }[] = [
  { name: 'memory', bulk: 500, create: async () => ({ storage: memoryStorage(), cleanup: async () => undefined }) },
  {
    name: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite',
    bulk: 120,
    async create() {
      if (process.env.DATABASE_URL) {
        // A schema of its own on the shared server, dropped afterwards.
        const schema = `email_${randomBytes(5).toString('hex')}`;
        const storage = postgresStorage({ connectionString: process.env.DATABASE_URL, schema });
        await storage.migrate();
        return {
          storage,
          async cleanup() {
            await storage.close();
            const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await client.end();
          },
        };
      }
      const client = await PGlite.create();
      const storage = postgresStorage({ client });
      await storage.migrate();
      return {
        storage,
        async cleanup() {
          await storage.close();
          await client.close();
        },
      };
    },
  },
];
