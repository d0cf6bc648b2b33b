import { parseReplyToken } from '@inboxkit/core';
import type { MailAddress, ParsedEmail } from '../mime/parse-mail.js';

const MAX_REFS = 100;

/**
 * The Message-IDs a message replies to, for core's `threadRefs`: `In-Reply-To` first, then
 * `References` newest first (a long chain keeps its newest 100), without duplicates.
 */
export function threadRefsOf(parsed: ParsedEmail): string[] {
  return [...new Set([...parsed.inReplyTo, ...[...parsed.references].reverse()])].filter((id) => id.length <= 1000).slice(0, MAX_REFS);
}

/** The reply address carrying a conversation's token: `local+<token>@domain` (plus addressing). */
export function replyAddressFor(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}@${address.slice(at + 1)}`;
}

/** The reply token in one of the recipients' plus-addresses, or `null`. */
export function replyTokenOf(recipients: readonly MailAddress[]): string | null {
  for (const { address } of recipients) {
    const local = address.slice(0, address.lastIndexOf('@'));
    const plus = local.indexOf('+');
    if (plus === -1) continue;
    const token = local.slice(plus + 1);
    if (token.length <= 200 && parseReplyToken(token)) return token;
  }
  return null;
}
