/**
 * `@inboxkit/adapter-email`: the email channel of InboxKit — raw MIME intake, parsing,
 * reply extraction, threading and loop protection; IMAP polling and SMTP sending.
 * @packageDocumentation
 */
export { emailChannel, type EmailChannel } from './email-channel.js';
export {
  emailConfigSchema,
  mailServerSchema,
  type EmailConfig,
  type MailServer,
  type EmailChannelOptions,
  type EmailSettings,
  type EmailTransport,
} from './config.js';
export type { RawSource, RawTarget, RawIngestResult, BounceOutcome, Intake } from './intake/raw-intake.js';
export { replyAddressFor } from './threading/thread-hints.js';
export type { ImapMailboxStatus } from './imap/imap-ingestion.js';
export { extractReply, type ExtractedReply } from './reply/extract-reply.js';
