import type { ParsedEmail } from '../mime/parse-mail.js';

/** Why a message must not open a conversation, or that it may. */
export type LoopVerdict =
  | { kind: 'ok' }
  | { kind: 'skip'; reason: string }
  /** A delivery status notification: `originalIds` are the Message-IDs it reports on. */
  | { kind: 'bounce'; reason: string; originalIds: string[] };

/** What the check needs besides the message. */
export interface LoopCheckOptions {
  /** Our own addresses (the channel's, the inbox's fallback address), lower-cased. */
  ownAddresses: ReadonlySet<string>;
  /** Skip mailing-list mail (`List-Id`). */
  skipListMail: boolean;
}

const header = (parsed: ParsedEmail, name: string): string | null => {
  const line = parsed.headerLines.find((h) => h.key === name)?.line;
  return line === undefined ? null : line.slice(line.indexOf(':') + 1).replace(/\s+/gu, ' ').trim();
};

const DAEMON = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/iu;

/**
 * Loop and noise protection (pure): bounces (DSN reports, mailer-daemon), auto-replies
 * (`Auto-Submitted` other than `no`, `X-Autoreply`, `X-Autorespond`), bulk
 * (`Precedence: bulk|junk|list`), list mail (`List-Id`, when configured) and our own mail never
 * open conversations.
 */
export function checkLoop(parsed: ParsedEmail, options: LoopCheckOptions): LoopVerdict {
  const from = parsed.from[0]?.address ?? '';
  const isReport = parsed.contentType.value === 'multipart/report' && (parsed.contentType.reportType ?? '').includes('delivery-status');
  if (isReport || DAEMON.test(from)) return bounceOf(parsed, isReport ? 'delivery status report' : `bounce from ${from}`);
  if (from && options.ownAddresses.has(from)) return { kind: 'skip', reason: `sent from our own address ${from}` };
  const autoSubmitted = header(parsed, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return { kind: 'skip', reason: `auto-submitted: ${autoSubmitted.toLowerCase()}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoreply-from']) {
    if (header(parsed, name) !== null) return { kind: 'skip', reason: `${name} header` };
  }
  const precedence = header(parsed, 'precedence')?.toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return { kind: 'skip', reason: `precedence: ${precedence}` };
  const listId = header(parsed, 'list-id');
  if (options.skipListMail && listId) return { kind: 'skip', reason: `mailing list ${listId.slice(0, 200)}` };
  return { kind: 'ok' };
}

function bounceOf(parsed: ParsedEmail, what: string): LoopVerdict {
  const sources = [...parsed.reports, parsed.text];
  const originalIds = [
    ...new Set(sources.flatMap((s) => [...s.matchAll(/^(?:Message-ID|Original-Message-ID)\s*:\s*(<[^<>\s]+>)/gimu)].map((m) => m[1]!))),
  ].filter((id) => id !== parsed.messageId);
  const diagnostic = sources.map((s) => /^Diagnostic-Code\s*:\s*(?:[\w-]+\s*;\s*)?(.+)$/imu.exec(s)?.[1]).find(Boolean);
  const status = sources.map((s) => /^Status\s*:\s*([245]\.\d{1,3}\.\d{1,3})/imu.exec(s)?.[1]).find(Boolean);
  const recipient = sources.map((s) => /^Final-Recipient\s*:\s*(?:rfc822\s*;\s*)?(\S+)/imu.exec(s)?.[1]).find(Boolean);
  const detail = [status, diagnostic?.trim(), recipient ? `recipient ${recipient}` : null].filter(Boolean).join(' ');
  return { kind: 'bounce', reason: `${what}${detail ? `: ${detail}` : parsed.subject ? `: ${parsed.subject}` : ''}`, originalIds };
}
