import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** The entity does not exist in this workspace (or is not visible to the caller). */
export class NotFoundError extends InboxKitError {
  /** Entity kind, e.g. `conversation`. */
  readonly entity: string;
  /** The id that was looked up. */
  readonly id: string;

  constructor(entity: string, id: string, options?: InboxKitErrorOptions) {
    super('NOT_FOUND', `${entity} "${id}" not found`, options);
    this.name = 'NotFoundError';
    this.entity = entity;
    this.id = id;
  }

  /** True for a `NOT_FOUND` error from any copy of the package. */
  static override isInstance = guardFor<NotFoundError>('NOT_FOUND');
}
