// The rule that makes the schema distributable by workspace on Citus, checked against the
// Postgres catalog of a migrated schema: every table is either distributed by `workspace_id`
// (its primary key, unique constraints, unique indexes and foreign keys lead with it) or a
// global table listed below with the reason it is global (a Citus reference table).

/** Tables that are not keyed by workspace, and why. Everything else must be. */
export const GLOBAL_TABLES: Readonly<Record<string, string>> = {
  workspaces: 'the tenant directory itself: one row per workspace, keyed by its id (a reference table, or distributed by id)',
  addresses: 'the inbound address directory: an email address is resolved to its workspace before the workspace is known',
  leases: 'background-job leases named across workspaces (one IMAP poller per mailbox, one sweeper per deployment)',
  inboxkit_migrations: "the schema's migration bookkeeping, written by migrate()",
};

/** The column every distributed table is sharded by. */
export const DISTRIBUTION_COLUMN = 'workspace_id';

/** Runs one catalog query: `pg.Pool`, `pg.Client` and PGlite all fit. */
export interface CatalogQuery {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface KeyRow {
  table: string;
  name: string;
  kind: 'primary key' | 'unique' | 'unique index' | 'exclusion' | 'foreign key';
  columns: Array<string | null>;
  refTable: string | null;
  refColumns: Array<string | null> | null;
}

// Constraints with their columns in key order (`unnest … WITH ORDINALITY` keeps the order).
const CONSTRAINTS = `
SELECT c.relname AS table, k.conname AS name,
       CASE k.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'x' THEN 'exclusion' ELSE 'foreign key' END AS kind,
       (SELECT array_agg(a.attname::text ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum) AS columns,
       f.relname AS "refTable",
       (SELECT array_agg(a.attname::text ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum) AS "refColumns"
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class f ON f.oid = k.confrelid
WHERE n.nspname = $1 AND k.contype IN ('p', 'u', 'x', 'f')`;

// Unique indexes that back no constraint (CREATE UNIQUE INDEX); an expression column is NULL.
const UNIQUE_INDEXES = `
SELECT c.relname AS table, i.relname AS name, 'unique index' AS kind,
       (SELECT array_agg(a.attname::text ORDER BY u.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(attnum, ord)
          LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum AND u.attnum > 0) AS columns,
       NULL AS "refTable", NULL AS "refColumns"
FROM pg_index x
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))`;

const TABLES = `
SELECT table_name AS table,
       EXISTS (SELECT 1 FROM information_schema.columns col
               WHERE col.table_schema = t.table_schema AND col.table_name = t.table_name AND col.column_name = $2) AS "hasColumn"
FROM information_schema.tables t
WHERE t.table_schema = $1 AND t.table_type = 'BASE TABLE'`;

const leads = (columns: Array<string | null> | null) => columns?.[0] === DISTRIBUTION_COLUMN;
const list = (columns: Array<string | null> | null) => `(${(columns ?? []).map((c) => c ?? '<expression>').join(', ')})`;

/**
 * Reads the catalog of `schema` and returns every breach of the distribution rule, one line
 * each (empty when the schema can be distributed by workspace as it is): a workspace table
 * without `workspace_id` or without a primary key; a primary key, unique constraint, unique
 * index or exclusion constraint not led by `workspace_id`; a foreign key whose own or
 * referenced columns are not led by it (unless it references a global table); a global table
 * referencing a workspace table; a listed global table that does not exist.
 */
export async function distributionViolations(db: CatalogQuery, schema: string): Promise<string[]> {
  const tables = (await db.query(TABLES, [schema, DISTRIBUTION_COLUMN])).rows as Array<{ table: string; hasColumn: boolean }>;
  const keys = [...(await db.query(CONSTRAINTS, [schema])).rows, ...(await db.query(UNIQUE_INDEXES, [schema])).rows] as KeyRow[];
  const isGlobal = (table: string | null) => table !== null && Object.hasOwn(GLOBAL_TABLES, table);
  const violations: string[] = [];

  for (const { table, hasColumn } of tables) {
    if (isGlobal(table)) continue;
    if (!hasColumn) violations.push(`${table}: no ${DISTRIBUTION_COLUMN} column (add it, or list the table in GLOBAL_TABLES with a reason)`);
    if (!keys.some((k) => k.table === table && k.kind === 'primary key')) violations.push(`${table}: no primary key`);
  }
  for (const key of keys) {
    const where = `${key.table}.${key.name} (${key.kind} ${list(key.columns)})`;
    if (isGlobal(key.table)) {
      if (key.kind === 'foreign key' && !isGlobal(key.refTable)) violations.push(`${where}: a global table references workspace table ${key.refTable}`);
      continue;
    }
    if (!leads(key.columns)) violations.push(`${where}: does not lead with ${DISTRIBUTION_COLUMN}`);
    if (key.kind === 'foreign key' && !isGlobal(key.refTable) && !leads(key.refColumns)) {
      violations.push(`${where}: references ${key.refTable} ${list(key.refColumns)}, not led by ${DISTRIBUTION_COLUMN}`);
    }
  }
  const present = new Set(tables.map((t) => t.table));
  for (const table of Object.keys(GLOBAL_TABLES)) if (!present.has(table)) violations.push(`${table}: listed in GLOBAL_TABLES but not in the schema`);
  return violations.sort();
}
