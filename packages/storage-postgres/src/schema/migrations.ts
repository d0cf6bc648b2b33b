import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StorageError } from '@inboxkit/core';
import type { Driver } from '../driver/types.js';
import { PREFIX } from '../errors.js';
import { quoteIdent } from './tables.js';

/** One shipped migration file, `NNNN_name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * The package's `migrations/` folder. It sits at the package root, which is one level up from
 * the bundled `dist/index.js` and two up from this source file (tests run the sources).
 */
function migrationsDir(): string {
  for (const relative of ['../migrations/', '../../migrations/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(join(dir, '0001_init.sql'))) return dir;
  }
  throw new StorageError(`${PREFIX} the package's migrations/ folder is missing`);
}

/** The shipped migrations, in version order. */
export async function loadMigrations(): Promise<Migration[]> {
  const dir = migrationsDir();
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = FILE.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(join(dir, file), 'utf8') });
  }
  return migrations;
}

/**
 * Applies the migrations a schema lacks, all in one transaction under a transaction-scoped
 * advisory lock keyed by the schema: a second process migrating at the same time waits, then
 * finds everything applied. Returns the names it applied (empty when up to date).
 */
export async function migrate(driver: Driver, schema: string): Promise<string[]> {
  const migrations = await loadMigrations();
  const s = quoteIdent(schema);
  return driver.transaction(async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`inboxkit.migrate:${schema}`]);
    await db.exec(
      `CREATE SCHEMA IF NOT EXISTS ${s};
       CREATE TABLE IF NOT EXISTS ${s}.inboxkit_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       );`,
    );
    const { rows } = await db.query<{ version: number }>(`SELECT version FROM ${s}.inboxkit_migrations`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await db.exec(migration.sql.replaceAll('{{schema}}', s));
      await db.query(`INSERT INTO ${s}.inboxkit_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
    }
    return applied;
  });
}
