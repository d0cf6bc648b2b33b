const marker = Symbol.for('inboxkit.error');

/** Stable machine-readable error codes. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'CHANNEL'
  | 'UNSUPPORTED'
  | 'STORAGE';

/** Options shared by every InboxKit error. */
export interface InboxKitErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** Whether retrying the same call may succeed. */
  retryable?: boolean;
}

/**
 * Base class of every error InboxKit throws. Check with the static `isInstance()`
 * guards rather than `instanceof`: they work across duplicate package copies.
 */
export class InboxKitError extends Error {
  private readonly [marker] = true;
  /** Stable code; switch on it rather than on the message. */
  readonly code: ErrorCode;
  /** Whether retrying the same call may succeed. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: InboxKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InboxKitError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }

  /** True for any InboxKit error, from any copy of the package. */
  static isInstance(error: unknown): error is InboxKitError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** Builds the `isInstance` guard of a subclass from its code. */
export function guardFor<T extends InboxKitError>(code: ErrorCode) {
  return (error: unknown): error is T => InboxKitError.isInstance(error) && error.code === code;
}
