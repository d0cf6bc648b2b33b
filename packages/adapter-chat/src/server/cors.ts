/**
 * CORS for the widget's HTTP calls. Only origins in the channel's allowlist get
 * `Access-Control-Allow-Origin` (echoed exactly, never `*`), always with `Vary: Origin` so a
 * shared cache never serves one site's answer to another. No credentials: the widget sends
 * its visitor id in the body, never cookies.
 */
export function corsHeaders(origin: string | null, allowedOrigins: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin !== null && isAllowedOrigin(origin, allowedOrigins)) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS';
    headers['Access-Control-Allow-Headers'] = 'Content-Type';
    headers['Access-Control-Max-Age'] = '600';
  }
  return headers;
}

/** Whether `origin` (a request's `Origin` header) is exactly one of the allowed origins. */
export function isAllowedOrigin(origin: string, allowedOrigins: readonly string[]): boolean {
  // Browsers send a serialized origin; compare it normalized, so `HTTPS://Shop.test:443` cannot slip past or be refused.
  const normalized = URL.canParse(origin) ? new URL(origin).origin : null;
  return normalized !== null && normalized !== 'null' && allowedOrigins.includes(normalized);
}
