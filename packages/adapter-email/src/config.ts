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

/**
 * Config of one email channel (`ws.channels.connect({ type: 'email', config })`). `imap` is
 * absent for channels fed only by `ingestRaw` (webhooks) or the inbound receiver; without
 * `smtp`, replies go out through the adapter's `outbound` transport.
 */
export const emailConfigSchema = z.strictObject({
  address: z.email().max(320).transform((a) => a.toLowerCase()),
  imap: mailServerSchema.optional(),
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
