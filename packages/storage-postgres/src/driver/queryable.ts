import { StorageError } from '@inboxkit/core';
import { PREFIX, mapError } from '../errors.js';
import { Mutex } from './mutex.js';
import type { Queryable, QueryResult } from './types.js';

/** What both node-postgres (pool, client) and PGlite offer for one statement. */
export interface RawQuery {
  query(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount?: number | null; affectedRows?: number; command?: string }>;
}

/**
 * Wraps a driver's `query` so results have one shape and errors are the contract's errors.
 * `exec` is given separately: node-postgres runs several statements through `query` without
 * parameters, PGlite through `exec`.
 */
export function toQueryable(raw: RawQuery, exec: (sql: string) => Promise<unknown>): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      try {
        const result = await raw.query(sql, params as unknown[]);
        return {
          rows: result.rows as R[],
          rowCount: result.rowCount ?? result.affectedRows ?? 0,
          command: result.command ?? '',
        };
      } catch (error) {
        throw mapError(error);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await exec(sql);
      } catch (error) {
        throw mapError(error);
      }
    },
  };
}

/**
 * `db` with its statements sent one at a time, in call order. A connection runs one
 * statement at a time anyway; node-postgres queues parallel ones with a deprecation warning
 * (pg 9 removes the queue), so a transaction's `fn` doing `Promise.all` is queued here.
 */
export function serialized(db: Queryable): Queryable {
  const mutex = new Mutex();
  return {
    query: (sql, params) => mutex.run(() => db.query(sql, params)),
    exec: (sql) => mutex.run(() => db.exec(sql)),
  };
}

/**
 * BEGIN, `fn`, COMMIT on one connection; ROLLBACK when `fn` throws, re-throwing its error as
 * is (the contract). A failed ROLLBACK is ignored: the connection is dropped by the caller.
 */
export async function inTransaction<T>(db: Queryable, fn: (db: Queryable) => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  let result: T;
  try {
    result = await fn(serialized(db));
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const commit = await db.query('COMMIT');
  // Postgres answers COMMIT of a transaction aborted by an earlier (caught) error with a
  // ROLLBACK instead of an error; the caller must not believe its writes landed.
  if (commit.command === 'ROLLBACK') {
    throw new StorageError(`${PREFIX} transaction rolled back: a statement in it failed earlier`);
  }
  return result;
}
