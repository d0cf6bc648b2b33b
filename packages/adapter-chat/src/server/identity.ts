import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What the host vouches for about its signed-in user. */
export interface VisitorIdentity {
  /** The user's email: a verified visitor is attached to the contact with this email. */
  email: string;
  /** Display name. */
  name?: string;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
}

const identitySchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().min(1).max(200).optional(),
  expiresAt: z.number().int().positive(),
});

const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * Computes an identity token on the host's server (never in the browser): `payload.signature`,
 * the payload base64url JSON, the signature HMAC-SHA256 over it with the channel's identity
 * secret. Pass it to the widget (`InboxKit.chat.identify({ token })` or the tracking code).
 */
export function createIdentityToken(identity: VisitorIdentity, secret: string): string {
  const payload = encode(JSON.stringify(identitySchema.parse(identity)));
  return `${payload}.${sign(payload, secret)}`;
}

/** Why a token was refused (never the secret or the expected signature). */
export type IdentityFailure = 'malformed' | 'bad-signature' | 'expired';

/**
 * Checks a token with the channel's secret: the signature is compared in constant time and
 * only then is the payload parsed. Returns the identity, or why it was refused.
 */
export function verifyIdentityToken(token: string, secret: string, now: number): { identity: VisitorIdentity } | { failure: IdentityFailure } {
  const parts = token.length <= 4096 ? token.split('.') : [];
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { failure: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { failure: 'bad-signature' };
  let parsed: z.ZodSafeParseResult<VisitorIdentity>;
  try {
    parsed = identitySchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { failure: 'malformed' };
  }
  if (!parsed.success) return { failure: 'malformed' };
  if (parsed.data.expiresAt <= now) return { failure: 'expired' };
  return { identity: parsed.data };
}
