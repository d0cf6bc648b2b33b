import { unsafeTextReason } from '../domain/safe-text.js';
import { ValidationError } from '../errors/validation-error.js';

/** The kind of each part of a keyset cursor. */
export type CursorPartKind = 'string' | 'number';

/** Encodes a keyset position as an opaque URL-safe cursor. For store authors. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function isPart(value: unknown, kind: CursorPartKind | undefined): boolean {
  if (typeof value === 'number') return (kind ?? 'number') === 'number' && Number.isFinite(value);
  return typeof value === 'string' && (kind ?? 'string') === 'string' && unsafeTextReason(value) === null;
}

/**
 * Decodes a cursor made by `encodeCursor`, checking it has `shape` parts: a count (any of
 * string or finite number each), or each part's kind. Strings must be storable text (a
 * forged cursor cannot smuggle a NUL into a query). Throws a `VALIDATION` error naming
 * `cursor` when it is malformed, so every store answers a forged cursor alike.
 */
export function decodeCursor(cursor: string, shape: number | readonly CursorPartKind[]): (string | number)[] {
  const kinds = typeof shape === 'number' ? Array.from({ length: shape }, () => undefined) : shape;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === kinds.length && value.every((v, i) => isPart(v, kinds[i]))) {
      return value as (string | number)[];
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor', [{ path: 'cursor', message: 'malformed cursor' }]);
}
