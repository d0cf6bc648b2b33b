import type { HttpError } from './http-error.js';

/** A JSON response with extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The JSON error body every refusal has: `{ error: { code, message, fields?, reason? } }`. */
export function errorResponse(error: HttpError, headers: Record<string, string> = {}): Response {
  const { fields, reason } = error.extra;
  return json(error.status, { error: { code: error.code, message: error.message, ...(fields && { fields }), ...(reason && { reason }) } }, { ...headers, ...error.extra.headers });
}
