import { fixtures } from '@inboxkit/storage-testkit';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { postgresStorage, type PostgresStorageOptions } from '../src/index.js';
import { describeOnServer } from './helpers/targets.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A store on a pool of ONE connection, so `pg_prepared_statements` (per session) shows all the store prepared. */
function storeOnOneConnection(url: string, schema: string, options: Partial<PostgresStorageOptions> = {}) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  closers.push(() => pool.end());
  const storage = postgresStorage({ pool, schema, ...options } as PostgresStorageOptions);
  const prepared = async () =>
    (await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((r) => r.statement);
  return { pool, storage, prepared };
}

/** A workspace with one contact of `email`, stored through `storage`. */
async function seedContact(storage: ReturnType<typeof postgresStorage>, email: string) {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  const contact = fixtures.contact(ws, { email });
  await storage.contacts.insert(contact);
  return { ws, contact };
}

// Named statements live per connection on the server: PGlite (no pool) runs everything unnamed.
describeOnServer('prepared statements', (database) => {
  it('a statement run twice is prepared once on the connection and keeps answering', async () => {
    const { url, schema } = database();
    const { storage, prepared } = storeOnOneConnection(url, schema);
    const { ws, contact } = await seedContact(storage, 'twice@prepared.test');
    expect((await storage.contacts.findByEmail(ws.id, 'twice@prepared.test'))?.id).toBe(contact.id);
    expect((await prepared()).some((s) => s.includes('email'))).toBe(false);
    for (let i = 0; i < 3; i++) {
      expect((await storage.contacts.findByEmail(ws.id, 'twice@prepared.test'))?.id).toBe(contact.id);
      await storage.transaction(async (tx) => expect((await tx.contacts.findByEmail(ws.id, 'twice@prepared.test'))?.id).toBe(contact.id));
    }
    expect((await prepared()).filter((s) => s.includes('email = $2'))).toHaveLength(1);
  });

  it('at most `preparedStatements` texts are prepared; 0 prepares none', async () => {
    const { url, schema } = database();
    for (const limit of [2, 0]) {
      const { storage, prepared } = storeOnOneConnection(url, schema, { preparedStatements: limit });
      const ws = fixtures.workspace();
      for (let i = 0; i < 3; i++) {
        await storage.workspaces.insert(fixtures.workspace());
        await storage.workspaces.get(ws.id);
        await storage.contacts.findByEmail(ws.id, 'nobody@prepared.test');
        await storage.records.get(ws.id, 'user', 'usr_none');
      }
      expect(await prepared()).toHaveLength(limit);
    }
  });

  it('a schema change under a prepared statement is retried with a fresh one, inside a transaction too', async () => {
    const { url, schema } = database();
    const { pool, storage } = storeOnOneConnection(url, schema);
    const { ws, contact } = await seedContact(storage, 'moved@prepared.test');
    const find = () => storage.contacts.findByEmail(ws.id, 'moved@prepared.test');
    const alter = (change: string) => pool.query(`ALTER TABLE "${schema}".contacts ${change}`);
    for (let i = 0; i < 3; i++) await find();
    // `SELECT *` now returns another row type: Postgres refuses the old prepared plan (0A000).
    await alter('ADD COLUMN prepared_test_extra int');
    expect((await find())?.id).toBe(contact.id);
    for (let i = 0; i < 3; i++) await find();
    await alter('DROP COLUMN prepared_test_extra');
    // In a transaction the refusal aborts it: the store runs the whole transaction again.
    const found = await storage.transaction((tx) => tx.contacts.findByEmail(ws.id, 'moved@prepared.test'));
    expect(found?.id).toBe(contact.id);
  });
});
