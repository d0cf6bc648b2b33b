import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** The acting user may not perform this action. */
export class ForbiddenError extends InboxKitError {
  constructor(message: string, options?: InboxKitErrorOptions) {
    super('FORBIDDEN', message, options);
    this.name = 'ForbiddenError';
  }

  /** True for a `FORBIDDEN` error from any copy of the package. */
  static override isInstance = guardFor<ForbiddenError>('FORBIDDEN');
}
