import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The real server the integration tests use, when CI (or you) set one. */
export const DATABASE_URL = process.env.DATABASE_URL;

/** Why a real-server suite did not run; put in its `describe.skip` title. */
export const NO_DATABASE_REASON = 'skipped: DATABASE_URL is not set (no real PostgreSQL server to run on)';

/** A throwaway database on the server of `DATABASE_URL`. */
export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database, disconnecting whoever is still in it. */
  drop(): Promise<void>;
}

/**
 * Creates `inboxkit_test_<random>` next to the database of `serverUrl`, so runs (and
 * engineers sharing a server) never see each other's rows.
 */
export async function createTestDatabase(serverUrl: string, prefix = 'inboxkit_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

let schemaCounter = 0;

/** A schema name no other store of this process uses. */
export function freshSchema(prefix = 's'): string {
  schemaCounter += 1;
  return `${prefix}_${process.pid}_${schemaCounter}`;
}
