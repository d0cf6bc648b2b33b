import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { postgresStorage, type PostgresStorage } from '../../src/index.js';
import { createTestDatabase, freshSchema } from './databases.js';

/** A fresh, migrated store in its own schema, and how to drop it. */
export interface StoreHandle {
  storage: PostgresStorage;
  /** The store's schema (unquoted), for SQL run beside it. */
  schema: string;
  cleanup: () => Promise<void>;
}

/** Makes fresh stores on one database; `close()` removes the database (or PGlite). */
export interface StoreFactory {
  /** `pglite` or `server`: some behaviour (reconnects) exists only on a server. */
  kind: 'pglite' | 'server';
  create(): Promise<StoreHandle>;
  /** Runs SQL on the same database, beside the stores (to inspect or sabotage). */
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

type Connection = { pool: pg.Pool } | { client: PGlite };

/** Raw SQL beside the stores; both pg.Pool and PGlite have this shape. */
interface Admin {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

function factoryOver(connection: Connection, admin: Admin, onClose: () => Promise<void>): StoreFactory {
  return {
    kind: 'client' in connection ? 'pglite' : 'server',
    async sql<R>(text: string, params: unknown[] = []) {
      return (await admin.query(text, params)).rows as R[];
    },
    async create() {
      // One schema per store: every test starts from empty global lists, and a fresh schema
      // is far cheaper than a fresh database (or a fresh PGlite).
      const schema = freshSchema();
      const storage = postgresStorage({ ...connection, schema });
      await storage.migrate();
      return {
        storage,
        schema,
        async cleanup() {
          await storage.close();
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        },
      };
    },
    close: onClose,
  };
}

/** Stores on one in-process PGlite. */
export async function pgliteFactory(): Promise<StoreFactory> {
  const client = await PGlite.create();
  return factoryOver({ client }, client, () => client.close());
}

/** Stores on a fresh database of the server at `serverUrl`, through one pool. */
export async function serverFactory(serverUrl: string): Promise<StoreFactory> {
  const database = await createTestDatabase(serverUrl);
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  // A host that passes its own pool owns its error handling; here an idle connection cut by
  // the server (load, or the FORCE drop at teardown) must not crash the test run.
  pool.on('error', () => {});
  return factoryOver({ pool }, pool, async () => {
    await pool.end();
    await database.drop();
  });
}
