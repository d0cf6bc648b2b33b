import { ChannelError, type Channel } from '@inboxkit/core';
import type { EmailSettings, MailServer } from '../config.js';
import type { SendRoute } from './smtp-sender.js';

/**
 * How a reply of this channel leaves: from the channel's address (the team address, or the
 * inbox's fallback address for fallback channels), over the channel's own SMTP server when it
 * has one, else over the adapter's `outbound` transport. `CHANNEL` when neither exists.
 */
export function sendRouteFor(channel: Channel, settings: Pick<EmailSettings, 'outbound'>): SendRoute {
  const address = typeof channel.config.address === 'string' ? channel.config.address : null;
  if (!address) throw new ChannelError('email', `channel "${channel.id}" has no address to send from`);
  const smtp = channel.config.smtp as MailServer | undefined;
  if (smtp) return { fromAddress: address, via: { smtp } };
  if (settings.outbound) return { fromAddress: address, via: settings.outbound };
  throw new ChannelError('email', `channel "${channel.id}" has no smtp settings and emailChannel has no outbound transport`);
}
