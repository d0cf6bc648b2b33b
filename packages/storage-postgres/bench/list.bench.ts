// `npm run bench:list`: conversations.list p99 at 10k vs 1M conversations (issue #14), with the
// 1M plans. Seeds a fresh database of its own on the server of DATABASE_URL and drops it after.
import pg from 'pg';
import { createTestDatabase } from '../test/helpers/databases.js';
import { listGrowth } from './list-growth.js';
import { printTable } from './stats.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const database = await createTestDatabase(serverUrl, 'inboxkit_listp99');
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
    console.log(`conversations.list growth on PostgreSQL ${rows[0]?.server_version} (database ${database.name})\n`);
    printTable(await listGrowth(pool));
  } finally {
    await pool.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
