import { ConflictError, InboxKitError, StorageError } from '@inboxkit/core';

/** Prefix of every message this store writes, so logs tell which store failed. */
export const PREFIX = '[postgres]';

// SQLSTATEs where running the same call again can succeed: serialization failure,
// deadlock, connection exceptions (class 08), shutdowns and "too many connections".
const RETRYABLE_STATES = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '53300']);
const RETRYABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isRetryable(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && (RETRYABLE_STATES.has(code) || code.startsWith('08') || RETRYABLE_NODE_CODES.has(code))) {
    return true;
  }
  // node-postgres reports a dropped socket without a code.
  return error instanceof Error && /Connection terminated|connection (is )?closed/i.test(error.message);
}

/**
 * Maps a driver error to the contract's errors: a unique violation is `CONFLICT`; anything
 * else is `STORAGE`, retryable when the failure was transient. InboxKit errors pass through.
 */
export function mapError(error: unknown): InboxKitError {
  if (InboxKitError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  if (code === '23505') return new ConflictError(`${PREFIX} ${message}`, { cause: error });
  if (code === '42P01' || code === '3F000') {
    return new StorageError(`${PREFIX} ${message} (has storage.migrate() run?)`, { cause: error });
  }
  return new StorageError(`${PREFIX} ${message}`, { cause: error, retryable: isRetryable(error) });
}

// Two transactions that lost to each other: running the whole transaction again succeeds.
const TRANSACTION_CONFLICT_STATES = new Set(['40001', '40P01']);

// A contract error's own `code` is `STORAGE`; the SQLSTATE is on its cause.
const selfAndCause = (error: unknown): unknown[] => [error, (error as { cause?: unknown } | null)?.cause];

/**
 * Whether `error` (a driver error, or the contract error wrapping one as `cause`) is a
 * deadlock or serialization failure: the store retries those itself.
 */
export function isTransactionConflict(error: unknown): boolean {
  return selfAndCause(error).some((e) => TRANSACTION_CONFLICT_STATES.has(codeOf(e) ?? ''));
}

/**
 * Whether `error` (or the contract error wrapping it) is Postgres refusing a prepared
 * statement whose plan a schema change outdated (SQLSTATE 0A000): running it again works.
 */
export function isStalePlan(error: unknown): boolean {
  return selfAndCause(error).some((e) => codeOf(e) === '0A000' && e instanceof Error && e.message.includes('cached plan'));
}

/** The `CONFLICT` a store throws itself when `ON CONFLICT DO NOTHING` skipped its insert. */
export function conflict(what: string): ConflictError {
  return new ConflictError(`${PREFIX} ${what}`);
}
