/** Error codes the handler answers with, beside core's (`VALIDATION`, `NOT_FOUND`, `FORBIDDEN`). */
export type HttpErrorCode =
  | 'VALIDATION'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'SPAM'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** A refusal the handler turns into a JSON error response. Internal to the adapter. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; reason?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
