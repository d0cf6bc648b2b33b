import type { Channel, ChannelContext } from '@inboxkit/core';
import type { ParsedFormsOptions } from '../options.js';

/**
 * The secret that signs a form's fill-time tokens: the channel's own `secretRef` when its
 * config sets one (a tenant can rotate theirs alone), else the kit-wide `secretRef` option.
 * Resolved through the kit at each use; the value is never kept or logged.
 */
export function signingSecret(context: ChannelContext, options: ParsedFormsOptions, channel: Channel): Promise<string> {
  const own = channel.config.secretRef;
  return context.resolveSecret(typeof own === 'string' ? own : options.secretRef);
}
