import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { assertNoInlineSecrets, isSecretKey } from './inline-secrets.js';

const issuePaths = (config: unknown): string[] => {
  try {
    assertNoInlineSecrets(config, 'test config');
    return [];
  } catch (error) {
    expect(ValidationError.isInstance(error)).toBe(true);
    return (error as ValidationError).issues.map((i) => i.path);
  }
};

describe('inline secret guard', () => {
  it.each([
    'password', 'passwd', 'pwd', 'pass', 'secret', 'secretKey', 'accessKey', 'authorization', 'Authorization',
    'privateKeyPem', 'apiKey', 'api_key', 'API-KEY', 'apikey', 'APIKEY', 'token', 'accessToken', 'refresh_token',
    'clientSecret', 'client-secret', 'CLIENT_SECRET', 'smtpPassword', 'db_pwd', 'credentials', 'signingKey', 'tokenValue',
  ])('refuses a value under %s', (key) => {
    expect(isSecretKey(key)).toBe(true);
    expect(issuePaths({ [key]: 'hunter22' })).toEqual([`config.${key}`]);
  });

  it.each(['passwordRef', 'secretRef', 'apiKeyRef', 'api_key_ref', 'tokenRefs', 'user', 'host', 'port', 'secure', 'tokenEndpoint', 'authMethod', 'keepAlive', 'bypass', 'key', 'cookieName'])(
    'allows %s',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
      expect(issuePaths({ [key]: 'value' })).toEqual([]);
    },
  );

  it('scans nested objects, arrays and every URL', () => {
    const config = {
      imap: { host: 'imap.acme.test', user: 'support', auth: { PASS: 'x1y2z3' } },
      webhooks: [{ url: 'https://bot:s3cret@hooks.acme.test/in' }, { url: 'https://hooks.acme.test/ok' }],
      tokens: ['a1b2c3d4'],
      headers: { Authorization: 'Bearer abc.def' },
      cert: '-----BEGIN RSA PRIVATE KEY-----\nMIIB...',
      pin: { secret: 123456 },
    };
    expect(issuePaths(config)).toEqual([
      'config.imap.auth.PASS', 'config.webhooks[0].url', 'config.tokens[0]', 'config.headers.Authorization', 'config.cert', 'config.pin.secret',
    ]);
  });

  it('allows empty values, references and URLs without a password; survives cycles', () => {
    const cyclic: Record<string, unknown> = { passwordRef: 'vault/imap', url: 'imap://support@imap.acme.test', password: '' };
    cyclic.self = cyclic;
    expect(issuePaths(cyclic)).toEqual([]);
  });
});
