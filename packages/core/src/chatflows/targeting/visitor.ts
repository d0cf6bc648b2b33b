import type { Contact } from '../../domain/contact.js';
import { MAX_URL_LENGTH } from './url.js';

/** A visitor's device class, as chatflows target it. */
export type DeviceType = 'desktop' | 'mobile' | 'tablet';

/** The contact fields targeting and bots read: a stored `Contact` fits. */
export type ContactFacts = Pick<Contact, 'email' | 'name' | 'phone' | 'properties'>;

/** What is known about the visitor of a page. Every field is optional: unknown facts match nothing positive. */
export interface TargetingVisitor {
  /** The visitor's contact when known; `null`/absent makes the visitor unknown. */
  contact?: ContactFacts | null;
  /** Languages as an `Accept-Language` header (`fr-CH, fr;q=0.9, en;q=0.8`) or one tag (`fr`). */
  language?: string | null;
  /** The device class; derived from `userAgent` when absent. */
  device?: DeviceType | null;
  /** The browser's user agent, used only to derive `device`. */
  userAgent?: string | null;
}

const MAX_LANGUAGE_HEADER = 1000;
const LANGUAGE_TAG = /^([a-z]{1,8}(-[a-z0-9]{1,8})*|\*)$/;

/**
 * The visitor's languages, most preferred first, lower-cased, without those weighted `q=0`
 * (RFC 9110 §12.5.4). Malformed entries are skipped rather than failing the match.
 */
export function parseLanguages(header: string | null | undefined): string[] {
  if (typeof header !== 'string' || header.length > MAX_LANGUAGE_HEADER) return [];
  const weighted: Array<{ tag: string; q: number; order: number }> = [];
  header.split(',').forEach((entry, order) => {
    const [rawTag = '', ...params] = entry.split(';').map((part) => part.trim());
    const tag = rawTag.toLowerCase();
    if (!LANGUAGE_TAG.test(tag)) return;
    const qParam = params.find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > 0 && q <= 1) weighted.push({ tag, q, order });
  });
  return weighted.sort((a, b) => b.q - a.q || a.order - b.order).map((w) => w.tag);
}

/** A test of whether a (lower-case) tag falls under a range: RFC 4647 basic filtering, `fr` covers `fr-CA`. */
export function languageRange(range: string): (tag: string) => boolean {
  const prefix = `${range}-`;
  return range === '*' ? () => true : (tag) => tag === range || tag.startsWith(prefix);
}

// Only the start of an agent is read: it is visitor-controlled, and the tokens sit near the start.
const MAX_USER_AGENT = 512;

/** A coarse device class from a user agent; tablets first, since their agents often say "Mobile" too. */
export function deviceFromUserAgent(userAgent: string | null | undefined): DeviceType | null {
  if (typeof userAgent !== 'string' || userAgent === '') return null;
  const agent = userAgent.slice(0, MAX_USER_AGENT);
  if (/iPad|Tablet|PlayBook|Silk|Kindle|Android(?!.*Mobile)/i.test(agent)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i.test(agent)) return 'mobile';
  return 'desktop';
}

const OWN_FIELDS = ['email', 'name', 'phone'] as const;

/**
 * A contact value by name, as text: `email`, `name` and `phone` are the contact's own fields,
 * any other name a key of `properties`. Numbers and booleans are stringified; missing, `null`
 * and non-scalar values are `null`. Strings longer than `MAX_URL_LENGTH` are cut to it.
 */
export function contactValue(contact: ContactFacts | null | undefined, name: string): string | null {
  if (!contact || typeof contact !== 'object') return null;
  const own = (OWN_FIELDS as readonly string[]).includes(name);
  const properties = contact.properties && typeof contact.properties === 'object' ? contact.properties : {};
  const value: unknown = own ? contact[name as (typeof OWN_FIELDS)[number]] : Object.hasOwn(properties, name) ? properties[name] : null;
  // Cut like URLs are capped, so a huge property costs a condition no more than a URL does.
  if (typeof value === 'string') return value.length > MAX_URL_LENGTH ? value.slice(0, MAX_URL_LENGTH) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
