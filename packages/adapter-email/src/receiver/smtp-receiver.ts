import type { Readable } from 'node:stream';
import { InboxKitError, type Logger } from '@inboxkit/core';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { z } from 'zod';
import { describeError } from '../redact.js';
import { MessageTooLargeError, sizeLimit } from './size-limit.js';

/** Options of `email.receiver(…)`: where the inbound SMTP server listens and what it accepts. */
export const receiverOptionsSchema = z
  .object({
    /** TCP port; `0` picks a free one (read it from `receiver.port`). */
    port: z.number().int().min(0).max(65_535),
    /** Interface to listen on. Default `127.0.0.1`; use `0.0.0.0` behind a firewall/MX. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Largest message accepted, bytes (advertised with SIZE; larger ones get 552). Default 25 MB. */
    maxSize: z.number().int().positive().default(25 * 1024 * 1024),
    /** Name in the greeting and EHLO. Default: the OS host name. */
    hostname: z.string().min(1).optional(),
    /** Most recipients accepted per message. Default 50. */
    maxRecipients: z.number().int().positive().max(1000).default(50),
  })
  .strict();
/** Options of `email.receiver(…)`. */
export type ReceiverOptions = z.input<typeof receiverOptionsSchema>;

/** A running inbound SMTP receiver. */
export interface EmailReceiver {
  /** The port it listens on. */
  readonly port: number;
  /** The interface it listens on. */
  readonly host: string;
  /** Stops accepting and closes open sessions. Idempotent. */
  close(): Promise<void>;
}

/** What the receiver needs from the adapter. */
export interface ReceiverDeps {
  /** Whether mail to this address is accepted (an inbox's fallback address). */
  accepts(address: string): Promise<boolean>;
  /**
   * Ingests one message for its accepted recipients. `source` is the DATA stream behind the
   * size limit; read it once. Throw to refuse the message (retryable errors answer 451).
   */
  intake(source: Readable, recipients: string[]): Promise<void>;
  /** The kit's logger while it runs (the receiver may outlive a kit restart). */
  logger: () => Logger;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Starts the inbound SMTP server for fallback addresses: unknown recipients are refused at
 * RCPT (550), SIZE is advertised and enforced (552), and DATA streams into the intake.
 */
export async function startReceiver(options: z.output<typeof receiverOptionsSchema>, deps: ReceiverDeps): Promise<EmailReceiver> {
  const server = new SMTPServer({
    secure: false,
    name: options.hostname,
    size: options.maxSize,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    banner: 'InboxKit',
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= options.maxRecipients) {
        callback(smtpError('Too many recipients', 452));
        return;
      }
      deps.accepts(address.address).then(
        (ok) => callback(ok ? null : smtpError(`No such recipient <${address.address}>`, 550)),
        (error: unknown) => {
          deps.logger().warn('email receiver: recipient lookup failed', { error: describeError(error) });
          callback(smtpError('Recipient lookup failed, try again later', 451));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address);
      const limited = sizeLimit(options.maxSize);
      stream.pipe(limited);
      limited.on('error', () => stream.unpipe(limited));
      deps.intake(limited, recipients).then(
        () => finish(stream, () => callback(stream.sizeExceeded ? smtpError('Message too large', 552) : null)),
        (error: unknown) => finish(stream, () => callback(refusal(error, stream, options.maxSize, deps.logger()))),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => deps.logger().warn('email receiver: server error', { error: describeError(error) }));
  const address = server.server.address();
  let closing: Promise<void> | null = null;
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    host: options.host,
    close() {
      closing ??= new Promise((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

/** The SMTP reply for a failed intake. */
function refusal(error: unknown, stream: SMTPServerDataStream, maxSize: number, logger: Logger): Error {
  if (error instanceof MessageTooLargeError || stream.sizeExceeded) return smtpError(`Message exceeds the ${maxSize}-byte limit`, 552);
  if (InboxKitError.isInstance(error) && !error.retryable && error.code === 'VALIDATION') {
    return smtpError('Message rejected: not a valid email', 554);
  }
  logger.warn('email receiver: intake failed', { error: describeError(error) });
  return smtpError('Temporary failure, try again later', 451);
}

/** Replies only after the DATA stream is fully read: answering early desynchronizes the session. */
function finish(stream: SMTPServerDataStream, reply: () => void): void {
  if (stream.readableEnded) {
    reply();
    return;
  }
  stream.once('end', reply);
  stream.resume();
}
