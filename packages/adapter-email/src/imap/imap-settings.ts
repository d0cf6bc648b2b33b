import type { Channel } from '@inboxkit/core';
import type { EmailSettings, ImapServer, MailServer } from '../config.js';

/** Where one email channel's mailbox lives (the channel's validated `imap` config). */
export type ImapSettings = ImapServer;

/** How the IMAP ingestion paces itself (`emailChannel({ imap })`, defaults applied). */
export type ImapTiming = EmailSettings['imap'];

/** The IMAP settings of a stored channel, or `null` for channels without IMAP (webhook, receiver or send-only). */
export function imapSettingsOf(channel: Channel): ImapSettings | null {
  // Channels stored before the mailbox options existed lack them: apply the defaults.
  const imap = channel.config.imap as (MailServer & Partial<ImapSettings>) | undefined;
  return imap ? { mailbox: 'INBOX', markSeen: false, moveTo: null, ...imap } : null;
}
