// `npm run bench`: storage-postgres figures on a real server. Seeds a fresh database of its
// own (`inboxkit_bench_<random>`) on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432) and drops it at the end.
import pg from 'pg';
import { createTestDatabase } from '../test/helpers/databases.js';
import { fanoutLatency } from './fanout-latency.js';
import { ingestThroughput } from './ingest-throughput.js';
import { insertThroughput } from './insert-throughput.js';
import { GROWTH_SCALES, listGrowth } from './list-growth.js';
import { listLatency } from './list-latency.js';
import { printTable, type Row } from './stats.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const database = await createTestDatabase(serverUrl, 'inboxkit_bench');
  const pool = new pg.Pool({ connectionString: database.url, max: 8 });
  const rows: Row[] = [];
  try {
    const { rows: version } = await pool.query<{ server_version: string }>('SHOW server_version');
    console.log(`storage-postgres bench on PostgreSQL ${version[0]?.server_version} (database ${database.name})\n`);
    rows.push(...(await insertThroughput(database.url)));
    rows.push(...(await ingestThroughput(database.url)));
    rows.push(...(await listGrowth(pool)));
    rows.push(...(await listLatency(pool, `bench_list_${GROWTH_SCALES.at(-1)}`)));
    rows.push(...(await fanoutLatency(pool, database.url)));
  } finally {
    await pool.end();
    await database.drop();
  }
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
