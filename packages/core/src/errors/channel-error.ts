import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** A channel adapter failed (connect, send, unknown type). Often retryable. */
export class ChannelError extends InboxKitError {
  /** Channel type involved, e.g. `email`. */
  readonly channelType: string;

  constructor(channelType: string, message: string, options?: InboxKitErrorOptions) {
    super('CHANNEL', `[${channelType}] ${message}`, options);
    this.name = 'ChannelError';
    this.channelType = channelType;
  }

  /** True for a `CHANNEL` error from any copy of the package. */
  static override isInstance = guardFor<ChannelError>('CHANNEL');
}
