import { describe, expect, it } from 'vitest';
import { describeError, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('removes every occurrence of each secret', () => {
    expect(redactSecrets('AUTH hunter22 failed for hunter22', ['hunter22'])).toBe('AUTH [redacted] failed for [redacted]');
  });

  it('ignores empty and very short secrets', () => {
    expect(redactSecrets('a b c', ['', null, undefined, 'a'])).toBe('a b c');
  });

  it('describes errors with their code, redacted', () => {
    const error = Object.assign(new Error('login as bob with s3cret! refused'), { code: 'EAUTH' });
    expect(describeError(error, ['s3cret!'])).toBe('login as bob with [redacted] refused (EAUTH)');
    expect(describeError('plain s3cret!', ['s3cret!'])).toBe('plain [redacted]');
    const imap = Object.assign(new Error('Command failed'), { responseText: 'Authentication failed.', serverResponseCode: 'AUTHENTICATIONFAILED' });
    expect(describeError(imap)).toBe('Command failed: Authentication failed. (AUTHENTICATIONFAILED)');
  });
});
