import { z } from 'zod';
import { parseInput } from '@inboxkit/core';

/** One mail server an email channel talks to (IMAP or SMTP). The password is a secret reference. */
export const mailServerSchema = z.strictObject({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  /** TLS from the first byte (993/465). `false` = plain or STARTTLS. */
  secure: z.boolean().default(true),
  user: z.string().min(1).max(320),
  /** Reference resolved through the host's `secrets.resolve`; never the password itself. */
  passwordRef: z.string().min(1).max(200),
});
/** A mail server's settings as stored on a channel. */
export type MailServer = z.output<typeof mailServerSchema>;

/** The IMAP side of a channel: the server plus which mailbox to ingest and what to do after. */
export const imapServerSchema = mailServerSchema.extend({
  /** Mailbox to ingest. Default `INBOX`. */
  mailbox: z.string().min(1).max(200).default('INBOX'),
  /** Set `\Seen` on ingested messages. Default `false` (the mailbox looks untouched to people reading it). */
  markSeen: z.boolean().default(false),
  /** Move ingested messages to this mailbox (it must exist). Default: leave them. */
  moveTo: z.string().min(1).max(200).nullable().default(null),
});
/** A channel's IMAP settings as stored. */
export type ImapServer = z.output<typeof imapServerSchema>;

/**
 * Config of one email channel (`ws.channels.connect({ type: 'email', config })`). `imap` is
 * absent for channels fed only by `ingestRaw` (webhooks) or the inbound receiver; without
 * `smtp`, replies go out through the adapter's `outbound` transport.
 */
export const emailConfigSchema = z.strictObject({
  address: z.email().max(320).transform((a) => a.toLowerCase()),
  imap: imapServerSchema.optional(),
  smtp: mailServerSchema.optional(),
});
/** A validated email channel config. */
export type EmailConfig = z.output<typeof emailConfigSchema>;

/** Parses an email channel config, throwing `VALIDATION` naming the field. */
export function parseEmailConfig(config: unknown): EmailConfig {
  return parseInput(emailConfigSchema, config, 'email channel config');
}

const MB = 1024 * 1024;
const DAY = 86_400_000;

/** A nodemailer-compatible transport (`sendMail` resolving with the sent `messageId`). */
export interface EmailTransport {
  /** Sends one message; nodemailer's `Transporter` satisfies this. */
  sendMail(mail: Record<string, unknown>): Promise<{ messageId?: string }>;
}

const transportSchema = z.custom<EmailTransport>(
  (t) => typeof t === 'object' && t !== null && typeof (t as EmailTransport).sendMail === 'function',
  'expected a transport with sendMail(mail)',
);

/** Schema of `emailChannel(options)`. */
export const emailOptionsSchema = z.strictObject({
  /** Attachment size limits; larger parts are recorded as skipped, the message is still ingested. */
  limits: z
    .strictObject({
      attachmentBytes: z.number().int().positive().default(25 * MB),
      totalAttachmentBytes: z.number().int().positive().default(50 * MB),
      attachments: z.number().int().min(0).max(50).default(50),
    })
    .prefault({}),
  /** The optional third threading rule: same contact + normalized subject within `windowMs`. */
  subjectThreading: z
    .union([z.literal(false), z.strictObject({ windowMs: z.number().int().positive().default(14 * DAY) })])
    .default(false),
  /** Mailing-list mail (`List-Id`) is skipped unless `false`. */
  skipListMail: z.boolean().default(true),
  /** IMAP ingestion pacing; the defaults suit production. */
  imap: z
    .strictObject({
      /** Sync at least this often even without IDLE notifications (servers without IDLE, missed events). Default 60 s. */
      pollIntervalMs: z.number().int().min(100).default(60_000),
      /** Mailbox lease lifetime, renewed every third of it; a crashed owner's mailbox is taken over after it. Default 30 s. */
      leaseTtlMs: z.number().int().min(300).default(30_000),
      /** Reconnect backoff after network errors and server restarts: doubles from `initialMs` up to `maxMs`, jittered. */
      backoff: z
        .strictObject({
          initialMs: z.number().int().min(10).default(1_000),
          maxMs: z.number().int().min(10).default(5 * 60_000),
        })
        .prefault({}),
      /**
       * Messages fetched per FETCH and handed to core's `ingestMany` together, in UID order; the
       * checkpoint moves once per batch. Default 100.
       */
      batchSize: z.number().int().min(1).max(500).default(100),
      /**
       * Bounds memory: a batch also ends before its raw messages pass this many bytes together
       * (by their RFC822.SIZE); a single larger message still goes, alone. Default 32 MB.
       */
      batchBytes: z.number().int().min(1).default(32 * MB),
      /** How often the channel list is re-read to pick up channels connected in other processes. Default 30 s. */
      channelRescanMs: z.number().int().min(100).default(30_000),
    })
    .prefault({}),
  /**
   * How replies leave for conversations that have no SMTP of their own (inbox fallback
   * addresses, channels without `smtp`): an SMTP server or a ready transport.
   */
  outbound: z
    .union([z.strictObject({ smtp: mailServerSchema }), z.strictObject({ transport: transportSchema })])
    .optional(),
});

/** Options of `emailChannel(options)`. Every field is optional. */
export type EmailChannelOptions = z.input<typeof emailOptionsSchema>;
/** Options after validation and defaults. */
export type EmailSettings = z.output<typeof emailOptionsSchema>;

/** Parses `emailChannel` options, throwing `VALIDATION` naming the field. */
export function parseEmailOptions(options: unknown): EmailSettings {
  return parseInput(emailOptionsSchema, options ?? {}, 'emailChannel options');
}
