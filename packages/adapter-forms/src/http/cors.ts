import type { Form } from '@inboxkit/core';

/** What CORS allows for one request to a form. */
export interface CorsDecision {
  /** `false` when a browser page of a foreign origin that the form does not allow sent it. */
  allowed: boolean;
  /** Headers every response to it carries (`Vary: Origin`, and the allow-origin when allowed). */
  headers: Record<string, string>;
}

/**
 * Decides CORS for a request. Requests without `Origin` (servers, curl) and same-origin ones
 * are allowed; a browser origin must be in the form's `allowedOrigins` (or the list holds `*`).
 * Answers depend on `Origin`, so every response says `Vary: Origin` (caches keep them apart).
 */
export function corsFor(form: Form, request: Request): CorsDecision {
  const origin = request.headers.get('origin');
  const headers: Record<string, string> = { vary: 'Origin' };
  if (origin === null) return { allowed: true, headers };
  const own = new URL(request.url).origin;
  const allowed = origin === own || form.allowedOrigins.includes('*') || form.allowedOrigins.includes(origin);
  if (allowed) headers['access-control-allow-origin'] = origin;
  return { allowed, headers };
}

/** The answer to a preflight `OPTIONS`: `204` with what may be sent, or `403` for an origin the form does not allow. */
export function preflight(cors: CorsDecision, method: 'POST' | 'GET', request: Request): Response {
  const vary = { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' };
  if (!cors.allowed) return new Response(null, { status: 403, headers: { ...cors.headers, ...vary } });
  // Private Network Access: a public page posting to a handler on a private address (an
  // intranet or loopback host) must hear that the handler expects it.
  const privateNetwork: Record<string, string> =
    request.headers.get('access-control-request-private-network') === 'true' ? { 'access-control-allow-private-network': 'true' } : {};
  return new Response(null, {
    status: 204,
    headers: {
      ...cors.headers,
      ...vary,
      'access-control-allow-methods': `${method}, OPTIONS`,
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '600',
      ...privateNetwork,
    },
  });
}
