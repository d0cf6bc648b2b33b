import { ValidationError } from '@inboxkit/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresStorage, type PostgresStorageOptions } from './index.js';

/** The VALIDATION error the factory throws, or fails. */
function validationError(options: unknown): ValidationError {
  try {
    postgresStorage(options as PostgresStorageOptions);
  } catch (error) {
    expect(ValidationError.isInstance(error), String(error)).toBe(true);
    return error as ValidationError;
  }
  return expect.fail('postgresStorage accepted bad options');
}

describe('postgresStorage options', () => {
  it('needs exactly one connection option, checked when the factory is called', () => {
    const pool = new pg.Pool();
    expect(validationError({}).issues.map((i) => i.path)).toEqual(['pool']);
    expect(validationError({ pool, connectionString: 'postgres://x/y' }).message).toMatch(/exactly one of pool/);
    void pool.end();
  });

  it('names the bad field: schema, connectionString, pool, preparedStatements', () => {
    expect(validationError({ connectionString: 'postgres://x/y', schema: 'Bad-Name' }).issues[0]?.path).toBe('schema');
    expect(validationError({ connectionString: 'postgres://x/y', schema: 'x'.repeat(41) }).issues[0]?.path).toBe('schema');
    expect(validationError({ connectionString: '' }).issues[0]?.path).toBe('connectionString');
    expect(validationError({ pool: { query() {} } }).issues[0]?.path).toBe('pool');
    expect(validationError({ connectionString: 'postgres://x/y', preparedStatements: -1 }).issues[0]?.path).toBe('preparedStatements');
    expect(validationError({ connectionString: 'postgres://x/y', preparedStatements: 1.5 }).issues[0]?.path).toBe('preparedStatements');
  });

  it('applies defaults without connecting (a pool is lazy)', async () => {
    const storage = postgresStorage({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(storage.schema).toBe('inboxkit');
    expect(storage.name).toBe('postgres');
    expect(storage.specificationVersion).toBe('v1');
    expect(storage.capabilities).toEqual({ subscribe: true, analytics: true, bots: true, reads: true, followers: true, signals: true, search: true });
    await storage.close();
  });
});
