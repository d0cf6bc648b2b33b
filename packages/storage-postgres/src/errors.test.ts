import { ConflictError, NotFoundError, StorageError } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { mapError } from './errors.js';

const pgError = (code: string, message = 'db said no') => Object.assign(new Error(message), { code });

describe('mapError', () => {
  it('maps a unique violation (23505) to CONFLICT, keeping the cause', () => {
    const cause = pgError('23505', 'duplicate key value violates unique constraint');
    const error = mapError(cause);
    expect(ConflictError.isInstance(error)).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/^\[postgres\] duplicate key/);
  });

  it('marks serialization failures, deadlocks and dropped connections retryable', () => {
    for (const cause of [pgError('40001'), pgError('40P01'), pgError('08006'), pgError('ECONNRESET'), new Error('Connection terminated unexpectedly')]) {
      const error = mapError(cause);
      expect(StorageError.isInstance(error), String(cause)).toBe(true);
      expect(error.retryable, String(cause)).toBe(true);
    }
  });

  it('maps other database errors to a non-retryable STORAGE error', () => {
    const error = mapError(pgError('22P02', 'invalid input syntax'));
    expect(StorageError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('points at migrate() when a table is missing', () => {
    expect(mapError(pgError('42P01', 'relation "x" does not exist')).message).toMatch(/migrate\(\)/);
  });

  it('passes InboxKit errors through unchanged', () => {
    const original = new NotFoundError('conversation', 'conv_1');
    expect(mapError(original)).toBe(original);
  });
});
