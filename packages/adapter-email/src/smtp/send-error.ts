import { ChannelError } from '@inboxkit/core';
import { describeError } from '../redact.js';

/** Network-level failures worth retrying (the server was never reached or dropped us). */
const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS', 'EPIPE', 'EHOSTUNREACH']);

/**
 * Turns a nodemailer failure into a `CHANNEL` error: retryable for SMTP 4xx (temporary) and
 * network errors, not for 5xx (the server refused for good). Secrets are removed from the text,
 * and the original error is not attached (its fields may echo credentials).
 */
export function smtpSendError(error: unknown, secrets: readonly (string | null | undefined)[]): ChannelError {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as { responseCode?: number; code?: string; response?: string };
  const status = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  const retryable = status !== null ? status >= 400 && status < 500 : RETRYABLE_CODES.has(fields.code ?? '');
  const detail = describeError(error, secrets);
  const response = fields.response && !detail.includes(fields.response) ? `: ${describeError(fields.response, secrets)}` : '';
  return new ChannelError('email', `SMTP delivery failed${status ? ` (${status})` : ''}: ${detail}${response}`, { retryable });
}
