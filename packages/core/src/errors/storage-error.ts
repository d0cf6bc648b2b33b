import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** The storage backend failed (connection lost, serialization failure…). */
export class StorageError extends InboxKitError {
  constructor(message: string, options?: InboxKitErrorOptions) {
    super('STORAGE', message, options);
    this.name = 'StorageError';
  }

  /** True for a `STORAGE` error from any copy of the package. */
  static override isInstance = guardFor<StorageError>('STORAGE');
}
