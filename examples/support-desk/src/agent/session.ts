import type { IncomingMessage } from 'node:http';

/**
 * "Sign in as": the demo's acting agent is a cookie holding a user id, picked from a list.
 * There is no password: this is a demo of the inbox, not of authentication. A real host puts
 * its own session here and passes its user id to `ws.asUser(userId)`, as the pages do.
 */
export const SESSION_COOKIE = 'desk_user';

/** The cookie values of a request. */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

/** The `Set-Cookie` header signing in as `userId` (or out, with `null`). */
export function sessionCookie(userId: string | null): string {
  const value = userId ? encodeURIComponent(userId) : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${userId ? '' : '; Max-Age=0'}`;
}
