import { replyTokenFor, type SendRequest } from '@inboxkit/core';
import { replyAddressFor } from '../threading/thread-hints.js';

/** The headers and body of one outgoing reply, before attachments are read. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  replyTo: string;
  subject: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string | null;
}

/** Most recent references kept (plus the thread's first): long threads must not grow headers without bound. */
const MAX_REFERENCES = 20;

/** `<id>` as a Message-ID header value (stored ids may be bare). */
export function angleId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}

/** The domain part of an address. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** `Re: <subject>` without stacking prefixes. */
export function replySubject(subject: string | null): string {
  const base = (subject ?? '').trim();
  if (!base) return 'Re: your message';
  return /^(re|aw|sv|vs|antw|r)\s*:/i.test(base) ? base : `Re: ${base}`;
}

/** Builds the reply sent from `fromAddress` on behalf of the request's author. */
export function buildOutgoingMail(request: SendRequest, fromAddress: string): OutgoingMail {
  const { message, conversation, contact, author, inbox } = request;
  if (!contact.email) throw new Error('the contact has no email address');
  const chain = request.references.map((ref) => angleId(ref.externalId!));
  const references = chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return {
    from: { name: author?.name ?? inbox.name, address: fromAddress },
    to: { name: contact.name ?? '', address: contact.email },
    // The token as a sub-address: replies thread even when a client drops the headers.
    replyTo: replyAddressFor(fromAddress, replyTokenFor(conversation)),
    subject: replySubject(conversation.subject),
    // The id the kit allocated before the first attempt: a re-send after a crash carries the same Message-ID.
    messageId: angleId(request.externalId),
    inReplyTo: chain.at(-1) ?? null,
    references,
    text: message.text,
    html: message.html,
  };
}
