import { ValidationError } from '../errors/validation-error.js';

/** Encodes a keyset position as an opaque URL-safe cursor. For store authors. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor`, checking it has `arity` string/number parts.
 * Throws a `VALIDATION` error naming `cursor` when it is malformed.
 */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === arity &&
      value.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return value as (string | number)[];
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor', [{ path: 'cursor', message: 'malformed cursor' }]);
}
