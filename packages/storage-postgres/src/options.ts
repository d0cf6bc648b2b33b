import { parseInput, silentLogger, type Logger } from '@inboxkit/core';
import type { Client, Pool } from 'pg';
import { z } from 'zod';
import type { PGliteLike } from './driver/single-driver.js';

/** Where the store connects: exactly one of these. */
export type PostgresConnectionOptions =
  | {
      /** A node-postgres pool the host owns; the store never ends it. */
      pool: Pool;
      connectionString?: never;
      client?: never;
    }
  | {
      /** `postgres://…`: the store creates a pool (and ends it on `close()`). */
      connectionString: string;
      pool?: never;
      client?: never;
    }
  | {
      /**
       * One connected `pg.Client`, or a PGlite instance (`@electric-sql/pglite`), that the host
       * owns. Everything runs on that one connection, one transaction at a time.
       */
      client: Client | PGliteLike;
      pool?: never;
      connectionString?: never;
    };

/** Options of `postgresStorage`. */
export type PostgresStorageOptions = PostgresConnectionOptions & {
  /**
   * Postgres schema holding the tables, created by `migrate()`. Default `inboxkit`. Lower-case
   * letters, digits and `_`, at most 40 characters (it is part of the NOTIFY channel name).
   */
  schema?: string;
  /** Pool size when the store creates the pool from `connectionString`. Default 10. */
  maxConnections?: number;
  /** Where the event feed reports connection trouble. Default: silent. */
  logger?: Logger;
  /**
   * How many distinct statements (the ones run most, from their second run) the store runs
   * as prepared statements on a pool, so Postgres parses and plans each once per connection
   * instead of on every run. Default 100. `0` turns it off: needed behind a pooler in
   * transaction mode without prepared-statement support (PgBouncer before 1.21).
   */
  preparedStatements?: number;
};

const hasMethods =
  (...names: string[]) =>
  (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const optionsSchema = z
  .object({
    pool: z.custom<Pool>(hasMethods('connect', 'query', 'end'), 'expected a Pool').optional(),
    connectionString: z.string().min(1).optional(),
    client: z.custom<Client | PGliteLike>(hasMethods('query'), 'expected a Client or PGlite').optional(),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, at most 40 characters')
      .default('inboxkit'),
    maxConnections: z.number().int().positive().default(10),
    logger: z.custom<Logger>(hasMethods('warn', 'error')).default(silentLogger),
    preparedStatements: z.number().int().nonnegative().default(100),
  })
  .refine((o) => [o.pool, o.connectionString, o.client].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of pool, connectionString or client',
    path: ['pool'],
  });

/** Options after validation and defaults. */
export type ParsedOptions = z.output<typeof optionsSchema>;

/** Validates options when the factory is called; a bad one throws `VALIDATION` naming the field. */
export function parseOptions(options: PostgresStorageOptions): ParsedOptions {
  return parseInput(optionsSchema, options, 'postgresStorage options');
}
