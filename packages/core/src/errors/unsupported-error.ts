import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** The store or adapter lacks an optional capability the call needs. */
export class UnsupportedError extends InboxKitError {
  constructor(message: string, options?: InboxKitErrorOptions) {
    super('UNSUPPORTED', message, options);
    this.name = 'UnsupportedError';
  }

  /** True for an `UNSUPPORTED` error from any copy of the package. */
  static override isInstance = guardFor<UnsupportedError>('UNSUPPORTED');
}
