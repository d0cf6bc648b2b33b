/**
 * URL normalization for targeting. Two spellings of one page compare equal: the host is
 * lower-cased (and punycoded), default ports, credentials and the fragment are dropped, dot
 * segments are resolved, a trailing slash is removed (except the root `/`), and
 * percent-encoding is canonical (RFC 3986 §6.2.2: unreserved characters decoded, other escapes
 * upper-case, non-ASCII encoded as UTF-8).
 */

/** Longest URL `match` evaluates; longer ones match nothing (browsers and servers cap near 8 KB). */
export const MAX_URL_LENGTH = 8192;

/** A page URL as targeting sees it. */
export interface NormalizedUrl {
  /** `https://acme.com/pricing`: scheme, host, port when not the default, path; no query. */
  href: string;
  /** `acme.com/pricing`: the href without its scheme. */
  hostPath: string;
  /** `/pricing`. */
  path: string;
  /** Query parameters, decoded, each name with every value in order. */
  query: ReadonlyMap<string, readonly string[]>;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes escapes of unreserved characters and upper-cases the others: `%7e%2f` → `~%2F`. */
export function canonicalEscapes(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

const encoder = new TextEncoder();
// What the WHATWG URL parser escapes in a path, besides C0 controls and non-ASCII.
const PATH_ESCAPED = new Set([' ', '"', '<', '>', '`', '{', '}']);

/**
 * Encodes text the way a URL path is encoded, then canonicalizes escapes, so a condition value
 * such as `/café` or `/caf%c3%a9` compares equal to the URL `https://x/caf%C3%A9`.
 */
export function normalizeUrlText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f && !PATH_ESCAPED.has(char)) out += char;
    else for (const byte of encoder.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return canonicalEscapes(out);
}

function parseHttpUrl(raw: string): URL | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Removes trailing slashes except the root's: `/a/` → `/a`, `/` stays. */
function trimTrailingSlash(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function normalizedPath(url: URL, keepTrailingSlash: boolean): string {
  const path = canonicalEscapes(url.pathname);
  return keepTrailingSlash ? path : trimTrailingSlash(path);
}

/** Normalizes an absolute http(s) URL, or returns `null` when `raw` is not one (or is too long). */
export function normalizeUrl(raw: string): NormalizedUrl | null {
  const url = parseHttpUrl(raw);
  if (!url) return null;
  const path = normalizedPath(url, false);
  const query = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) {
    const values = query.get(name);
    if (values) values.push(value);
    else query.set(name, [value]);
  }
  return { href: `${url.protocol}//${url.host}${path}`, hostPath: `${url.host}${path}`, path, query };
}

/** Which part of the URL a condition value is compared with. */
export type UrlPart = 'href' | 'hostPath' | 'path';

/** A condition value normalized like the URLs it is compared with. */
export type UrlValue = { part: UrlPart; value: string } | { error: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// `localhost`, `acme.com`, `acme.com:8080` — a host without a scheme.
const HOST_LIKE = /^(localhost|[^/.:]+(\.[^/.:]+)+)(:\d+)?(\/|$)/i;

/**
 * Normalizes the value of a whole-URL comparison (`is`, `isNot`, `startsWith`), choosing the part
 * it addresses by its form: `https://acme.com/a` the full URL, `/a` the path, `acme.com/a` host
 * and path. `startsWith` keeps a trailing slash so `/blog/` means "under /blog". Values with a
 * query or fragment are refused: URL conditions never see them (use a query condition).
 */
export function normalizeUrlValue(value: string, keepTrailingSlash: boolean): UrlValue {
  const text = value.trim();
  if (/[?#]/.test(text)) return { error: 'URL conditions ignore the query and fragment; use a query condition instead' };
  if (text.startsWith('/')) {
    const url = parseHttpUrl(`http://host${text}`);
    return url ? { part: 'path', value: normalizedPath(url, keepTrailingSlash) } : { error: 'not a valid URL path' };
  }
  const absolute = SCHEME.test(text);
  if (!absolute && !HOST_LIKE.test(text)) {
    return { error: 'expected a path starting with "/", a full URL such as "https://acme.com/pricing", or a host such as "acme.com"' };
  }
  const url = parseHttpUrl(absolute ? text : `http://${text}`);
  if (!url) return { error: 'not a valid http(s) URL' };
  const hostPath = `${url.host}${normalizedPath(url, keepTrailingSlash)}`;
  return absolute ? { part: 'href', value: `${url.protocol}//${hostPath}` } : { part: 'hostPath', value: hostPath };
}
