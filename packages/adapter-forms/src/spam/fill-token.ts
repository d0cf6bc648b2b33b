import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Why a token was refused (these are counted as spam reasons). */
export type TokenProblem = 'missing-token' | 'bad-token' | 'expired-token' | 'too-fast';

const VERSION = 'v1';

function sign(secret: string, formId: string, issued: string, nonce: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${formId}.${issued}.${nonce}`).digest('base64url');
}

/**
 * A fill-time token: the server's issue time, signed with the kit's secret for one form. The
 * client cannot forge or backdate it, so "at least N seconds between showing the form and
 * submitting it" is measured on the server's clock only.
 */
export function issueFillToken(secret: string, formId: string, now: number): string {
  const issued = now.toString(36);
  const nonce = randomBytes(9).toString('base64url');
  return `${VERSION}.${issued}.${nonce}.${sign(secret, formId, issued, nonce)}`;
}

/** Checks a token for `formId` at `now`; `null` when it is good. */
export function checkFillToken(
  token: string | undefined,
  secret: string,
  formId: string,
  now: number,
  limits: { minFillMs: number; maxAgeMs: number },
): TokenProblem | null {
  if (!token) return 'missing-token';
  const [version, issued = '', nonce = '', signature = '', ...rest] = token.split('.');
  if (version !== VERSION || rest.length > 0 || !/^[0-9a-z]{1,12}$/.test(issued)) return 'bad-token';
  const expected = Buffer.from(sign(secret, formId, issued, nonce));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-token';
  const age = now - parseInt(issued, 36);
  if (age < 0) return 'bad-token'; // issued "in the future": another clock, never trusted
  if (age > limits.maxAgeMs) return 'expired-token';
  if (age < limits.minFillMs) return 'too-fast';
  return null;
}
