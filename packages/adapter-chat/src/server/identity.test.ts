import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentityToken, verifyIdentityToken } from './identity.js';

const secret = 'channel-identity-secret';
const now = Date.UTC(2026, 0, 1);
const identity = { email: 'ada@example.com', name: 'Ada', expiresAt: now + 60_000 };

describe('identity tokens', () => {
  it('verifies a token signed with the channel secret', () => {
    expect(verifyIdentityToken(createIdentityToken(identity, secret), secret, now)).toEqual({ identity });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyIdentityToken(createIdentityToken(identity, 'another-secret'), secret, now)).toEqual({ failure: 'bad-signature' });
  });

  it('refuses a payload changed after signing (a claimed email swapped in)', () => {
    const [, signature] = createIdentityToken(identity, secret).split('.');
    const forged = Buffer.from(JSON.stringify({ ...identity, email: 'ceo@example.com' })).toString('base64url');
    expect(verifyIdentityToken(`${forged}.${signature}`, secret, now)).toEqual({ failure: 'bad-signature' });
  });

  it('refuses an expired token', () => {
    expect(verifyIdentityToken(createIdentityToken(identity, secret), secret, identity.expiresAt)).toEqual({ failure: 'expired' });
  });

  it.each(['', 'abc', 'a.b.c', '.sig', `${'x'.repeat(5000)}.y`])('refuses malformed token %#', (token) => {
    expect(verifyIdentityToken(token, secret, now)).toHaveProperty('failure');
  });

  it('refuses a correctly signed payload that is not an identity', () => {
    const payload = Buffer.from(JSON.stringify({ email: 'not-an-email', expiresAt: now + 1 })).toString('base64url');
    const signature = createHmac('sha256', secret).update(payload).digest('base64url');
    expect(verifyIdentityToken(`${payload}.${signature}`, secret, now)).toEqual({ failure: 'malformed' });
  });
});
