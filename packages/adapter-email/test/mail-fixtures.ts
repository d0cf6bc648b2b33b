/** Builds raw RFC 5322 messages as a customer's mail client would send them. */
export function customerMail(input: {
  messageId: string;
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
}): string {
  const headers = [
    `From: ${input.from ?? 'Ola Kunde <ola@customer.test>'}`,
    `To: ${input.to ?? 'support@acme.test'}`,
    `Subject: ${input.subject ?? 'Help with my order'}`,
    `Message-ID: <${input.messageId}>`,
    `Date: ${(input.date ?? new Date('2026-01-05T10:00:00Z')).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  if (input.inReplyTo) headers.push(`In-Reply-To: ${input.inReplyTo}`);
  if (input.references?.length) headers.push(`References: ${input.references.join(' ')}`);
  return `${headers.join('\r\n')}\r\n\r\n${input.text ?? 'Hello, where is my order?'}\r\n`;
}
