import { ChannelError, type SendRequest, type SendResult } from '@inboxkit/core';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailTransport, MailServer } from '../config.js';
import type { Attachment as MailAttachment } from 'nodemailer/lib/mailer/index.js';
import { buildOutgoingMail } from './outgoing-mail.js';
import { smtpSendError } from './send-error.js';

/** How one reply leaves: from which address, over which transport. */
export interface SendRoute {
  /** The From address (the inbox's team address, or its fallback address). */
  fromAddress: string;
  /**
   * `{ smtp }`: a transport is opened for this message and closed after it. `{ transport }`:
   * the host's own nodemailer transport (any kind); it is used as given and never closed.
   */
  via: { smtp: MailServer } | { transport: EmailTransport };
}

/** Reads a reply's attachments from the kit's BlobStore; a missing blob is a permanent failure. */
async function readAttachments(request: SendRequest): Promise<MailAttachment[]> {
  return Promise.all(
    request.message.attachments.map(async (attachment) => {
      const bytes = await request.readBlob(attachment.blobKey);
      if (!bytes) throw new ChannelError('email', `attachment "${attachment.filename}" has no stored content`);
      return {
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        ...(attachment.contentId ? { cid: attachment.contentId } : {}),
      };
    }),
  );
}

/**
 * Delivers one reply over SMTP (the email adapter's `doSend`). Resolves with the Message-ID
 * (the message's `externalId`, what customers' replies reference); throws a `CHANNEL` error,
 * retryable for temporary failures.
 */
export async function sendReply(request: SendRequest, route: SendRoute): Promise<SendResult> {
  let mail;
  try {
    mail = buildOutgoingMail(request, route.fromAddress);
  } catch (error) {
    throw new ChannelError('email', (error as Error).message);
  }
  const attachments = await readAttachments(request);
  const secrets: string[] = [];
  let transport: EmailTransport;
  let owned: Transporter | null = null;
  if ('transport' in route.via) {
    transport = route.via.transport;
  } else {
    const { smtp } = route.via;
    const pass = await request.resolveSecret(smtp.passwordRef);
    secrets.push(pass);
    owned = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: { user: smtp.user, pass },
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      logger: false,
    });
    transport = owned;
  }
  try {
    const info = await transport.sendMail({
      from: mail.from,
      to: mail.to.name ? mail.to : mail.to.address,
      replyTo: mail.replyTo,
      subject: mail.subject,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references.length ? { references: mail.references } : {}),
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      attachments,
    });
    const reply = (info as { response?: unknown } | undefined)?.response;
    const response = typeof reply === 'string' ? reply.slice(0, 500) : null;
    return { externalId: mail.messageId, metadata: { email: { messageId: mail.messageId, smtpResponse: response } } };
  } catch (error) {
    throw smtpSendError(error, secrets);
  } finally {
    owned?.close();
  }
}
