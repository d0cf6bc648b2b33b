// Reads the Postgres catalog after migrating and checks what distributing by workspace on
// Citus needs: every key of every table leads with workspace_id, except the listed global
// tables. Generic over all tables, so a new migration that breaks the rule fails here.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '@inboxkit/storage-postgres';
import { GLOBAL_TABLES, distributionViolations, type CatalogQuery } from './distribution.js';

const DATABASE_URL = process.env.DATABASE_URL;

/** A database to migrate into, and SQL beside the store. */
interface Target {
  db: CatalogQuery;
  migrate(schema: string): Promise<void>;
  close(): Promise<void>;
}

const targets: Array<[string, (() => Promise<Target>) | null]> = [
  [
    'PGlite',
    async () => {
      const client = await PGlite.create();
      return { db: client, migrate: (schema) => postgresStorage({ client, schema }).migrate().then(() => undefined), close: () => client.close() };
    },
  ],
  [
    'a PostgreSQL server',
    DATABASE_URL
      ? async () => {
          const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
          const schemas: string[] = [];
          return {
            db: pool,
            async migrate(schema) {
              schemas.push(schema);
              const storage = postgresStorage({ pool, schema });
              await storage.migrate();
              await storage.close();
            },
            async close() {
              for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
              await pool.end();
            },
          };
        }
      : null,
  ],
];

for (const [name, make] of targets) {
  (make ? describe : describe.skip)(make ? `the migrated schema on ${name}` : `the migrated schema on ${name}: skipped, DATABASE_URL is not set`, () => {
    let target: Target;
    const schema = `dist_${randomBytes(4).toString('hex')}`;
    beforeAll(async () => {
      target = await make!();
      await target.migrate(schema);
    });
    afterAll(() => target?.close());

    it('every primary key, unique constraint, unique index and foreign key leads with workspace_id, global tables aside', async () => {
      expect(await distributionViolations(target.db, schema)).toEqual([]);
    });

    it('inspects every table the migrations created, so none escapes the check', async () => {
      const { rows } = await target.db.query(`SELECT count(*)::int AS n FROM pg_constraint k JOIN pg_namespace s ON s.oid = k.connamespace WHERE s.nspname = $1 AND k.contype = 'p'`, [schema]);
      const { rows: tables } = await target.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`, [schema]);
      const names = (tables as Array<{ table_name: string }>).map((t) => t.table_name);
      expect(names).toEqual(expect.arrayContaining(['conversations', 'timeline_items', 'events', 'contacts', ...Object.keys(GLOBAL_TABLES)]));
      expect((rows[0] as { n: number }).n, 'one primary key per table').toBe(names.length);
    });

    it('fails for tables that break the rule: a key not led by workspace_id, no workspace_id, a stray unique index, cross-shard foreign keys', async () => {
      const rogue = `${schema}_rogue`;
      await target.migrate(rogue);
      const statements = [
        `CREATE TABLE "${rogue}".by_id (id text PRIMARY KEY, workspace_id text NOT NULL)`,
        `CREATE TABLE "${rogue}".untenanted (id text PRIMARY KEY)`,
        `CREATE UNIQUE INDEX reply_token_key ON "${rogue}".conversations (reply_token)`,
        `CREATE TABLE "${rogue}".notes (workspace_id text NOT NULL, id text NOT NULL, ref text NOT NULL,
           PRIMARY KEY (workspace_id, id), CONSTRAINT notes_ref_fkey FOREIGN KEY (ref) REFERENCES "${rogue}".by_id (id))`,
        `ALTER TABLE "${rogue}".leases ADD COLUMN workspace_id text, ADD COLUMN conversation_id text,
           ADD CONSTRAINT leases_conversation_fkey FOREIGN KEY (workspace_id, conversation_id) REFERENCES "${rogue}".conversations (workspace_id, id)`,
      ];
      for (const statement of statements) await target.db.query(statement); // one per call: prepared statements take one command
      expect(await distributionViolations(target.db, rogue)).toEqual([
        'by_id.by_id_pkey (primary key (id)): does not lead with workspace_id',
        'conversations.reply_token_key (unique index (reply_token)): does not lead with workspace_id',
        'leases.leases_conversation_fkey (foreign key (workspace_id, conversation_id)): a global table references workspace table conversations',
        'notes.notes_ref_fkey (foreign key (ref)): does not lead with workspace_id',
        'notes.notes_ref_fkey (foreign key (ref)): references by_id (id), not led by workspace_id',
        'untenanted.untenanted_pkey (primary key (id)): does not lead with workspace_id',
        'untenanted: no workspace_id column (add it, or list the table in GLOBAL_TABLES with a reason)',
      ]);
    });
  });
}
