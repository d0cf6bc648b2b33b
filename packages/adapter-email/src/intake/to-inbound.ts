import { isForward, type Channel, type InboundMessage } from '@inboxkit/core';
import type { EmailSettings } from '../config.js';
import { z } from 'zod';
import type { MailAddress, ParsedEmail } from '../mime/parse-mail.js';
import { extractReply } from '../reply/extract-reply.js';
import { replyTokenOf, threadRefsOf } from '../threading/thread-hints.js';

const validEmail = z.email();
const MAX_TEXT = 1_000_000;
const MAX_HTML = 5_000_000;

/** The first sender address core accepts: `From`, else `Reply-To`, else `Sender`; `null` when none is valid. */
export function senderOf(parsed: ParsedEmail): MailAddress | null {
  const sender = parsed.headerLines.find((h) => h.key === 'sender')?.line.match(/<?([^<>\s]+@[^<>\s]+)>?\s*$/u)?.[1];
  const candidates = [...parsed.from, ...parsed.replyTo, ...(sender ? [{ address: sender.toLowerCase(), name: null }] : [])];
  return candidates.find((c) => validEmail.safeParse(c.address).success) ?? null;
}

/**
 * Maps a parsed email to core's `InboundMessage`, clipped to core's limits so odd mail is
 * ingested rather than refused: `visibleText` from `extractReply`, threading hints from the
 * headers and the reply-to token, skipped attachments and parse problems in metadata.
 */
export function toInbound(parsed: ParsedEmail, channel: Channel, sender: MailAddress, settings: EmailSettings): InboundMessage {
  const text = parsed.text.length > MAX_TEXT ? parsed.text.slice(0, MAX_TEXT) : parsed.text;
  const { reply } = extractReply(text);
  const forward = isForward(parsed.subject);
  const recipients = [...parsed.to, ...parsed.cc];
  const problems = [...parsed.problems];
  if (parsed.html !== null && parsed.html.length > MAX_HTML) problems.push(`html body over ${MAX_HTML} characters dropped`);
  if (parsed.text.length > MAX_TEXT) problems.push(`text body clipped to ${MAX_TEXT} characters`);
  return {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    externalId: parsed.externalId.slice(0, 1000),
    // A forward carries the old thread's headers but is a new matter.
    threadRefs: forward ? [] : threadRefsOf(parsed),
    replyToken: forward ? null : replyTokenOf(recipients),
    subjectThreading: forward || !settings.subjectThreading ? null : settings.subjectThreading,
    from: { email: sender.address, name: sender.name?.slice(0, 200) ?? null },
    to: recipients.map((r) => r.address).filter((a) => a.length <= 320).slice(0, 100),
    subject: parsed.subject?.slice(0, 1000) ?? null,
    text,
    visibleText: reply !== text.trim() ? reply : null,
    html: parsed.html !== null && parsed.html.length <= MAX_HTML ? parsed.html : null,
    attachments: parsed.attachments.map(({ inline: _inline, ...attachment }) => attachment),
    ...(parsed.date !== null ? { receivedAt: parsed.date } : {}),
    metadata: {
      email: {
        messageId: parsed.messageId,
        synthesizedId: parsed.messageId === null,
        inReplyTo: parsed.inReplyTo.slice(0, 5),
        cc: parsed.cc.map((c) => c.address).slice(0, 50),
        inline: parsed.attachments.filter((a) => a.inline).map((a) => a.contentId),
        skippedAttachments: parsed.skippedAttachments.slice(0, 50),
        problems: problems.slice(0, 10).map((p) => p.slice(0, 300)),
      },
    },
  };
}
