import type { EmailTransport } from '@inboxkit/adapter-email';

/** One email the demo "sent" (replies to email and form conversations from a fallback address). */
export interface SentMail {
  /** Recipient addresses. */
  to: string;
  /** From header. */
  from: string;
  /** Subject line. */
  subject: string;
  /** Plain-text body. */
  text: string;
}

/** A transport that keeps outgoing mail in memory instead of relaying it (there is no MTA in the demo). */
export interface Outbox extends EmailTransport {
  /** Every message sent, oldest first. */
  readonly sent: SentMail[];
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) ? value.map(asText).join(', ') : value && typeof value === 'object' && 'address' in value ? String(value.address) : String(value ?? ''));

/** A recording outbound transport for `emailChannel({ outbound: { transport } })`; `onSend` sees each message. */
export function outbox(onSend: (mail: SentMail) => void = () => {}): Outbox {
  const sent: SentMail[] = [];
  return {
    sent,
    async sendMail(mail) {
      const record: SentMail = { to: asText(mail.to), from: asText(mail.from), subject: asText(mail.subject), text: asText(mail.text) };
      sent.push(record);
      onSend(record);
      return { messageId: typeof mail.messageId === 'string' ? mail.messageId : undefined };
    },
  };
}
