import type { EmailFilter } from './email-filter.js';

/** What a filter looks at in an inbound message. */
export interface ScreenedMessage {
  /** Sender address, if the channel knows one. */
  email: string | null | undefined;
  /** Subject, if any. */
  subject: string | null | undefined;
}

/** True when `domain` is `pattern`, or (for `*.example.com`) `example.com` or any subdomain of it. */
export function domainMatches(pattern: string, domain: string): boolean {
  const d = domain.toLowerCase();
  if (!pattern.startsWith('*.')) return d === pattern;
  const base = pattern.slice(2);
  return d === base || d.endsWith(`.${base}`);
}

/**
 * True when `text` contains `pattern`, case-insensitively, `*` in the pattern standing for any
 * run of characters. Linear-time wildcard matching rather than a RegExp built from user
 * input, so a hostile pattern cannot make ingest backtrack for ages.
 */
export function subjectMatches(pattern: string, text: string): boolean {
  const p = `*${pattern.toLowerCase()}*`;
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** Why `filter` catches `message` (e.g. `sender domain spam.example.com matches *.example.com`), or `null`. */
export function filterMatchReason(filter: Pick<EmailFilter, 'senders' | 'domains' | 'subjectPatterns'>, message: ScreenedMessage): string | null {
  const email = message.email?.trim().toLowerCase() ?? '';
  if (email) {
    if (filter.senders.includes(email)) return `sender ${email}`;
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const pattern = filter.domains.find((p) => domainMatches(p, domain));
    if (pattern !== undefined) return pattern === domain ? `sender domain ${domain}` : `sender domain ${domain} matches ${pattern}`;
  }
  if (message.subject) {
    const subject = message.subject;
    const pattern = filter.subjectPatterns.find((p) => subjectMatches(p, subject));
    if (pattern !== undefined) return `subject matches "${pattern}"`;
  }
  return null;
}

/** A filter that caught an inbound message. */
export interface FilterMatch {
  /** The matching filter. */
  filterId: string;
  /** `drop`: record and discard; `spam`: keep in the spam view. */
  action: 'drop' | 'spam';
  /** Human-readable reason, e.g. `sender domain example.com`. */
  reason: string;
}

/**
 * The first `drop` or `spam` filter (in the given order) that catches `message`, or `null`.
 * An `allow` filter matching the sender wins over all of them, whatever the order: the inbox's
 * allow list means "never filter this sender", so nothing is caught.
 */
export function screenMessage(filters: readonly EmailFilter[], message: ScreenedMessage): FilterMatch | null {
  let caught: FilterMatch | null = null;
  for (const filter of filters) {
    const reason = filterMatchReason(filter, message);
    if (reason === null) continue;
    if (filter.action === 'allow') return null;
    caught ??= { filterId: filter.id, action: filter.action, reason };
  }
  return caught;
}
