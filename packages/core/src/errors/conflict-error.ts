import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** A uniqueness rule or a state precondition was violated (e.g. duplicate key). */
export class ConflictError extends InboxKitError {
  constructor(message: string, options?: InboxKitErrorOptions) {
    super('CONFLICT', message, options);
    this.name = 'ConflictError';
  }

  /** True for a `CONFLICT` error from any copy of the package. */
  static override isInstance = guardFor<ConflictError>('CONFLICT');
}
