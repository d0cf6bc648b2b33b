import { describe, expect, it } from 'vitest';
import { parseMentions } from './mentions.js';
import { parseReplyToken, secretsEqual } from './reply-token.js';
import { fallbackAddress, slugify } from '../inboxes/fallback-address.js';
import { assertNoInlineSecrets } from '../channels/inline-secrets.js';
import { ValidationError } from '../errors/validation-error.js';

describe('mentions', () => {
  it.each([
    ['hi @[usr_1] and @[usr_2]', ['usr_1', 'usr_2']],
    ['@[usr_1] @[usr_1]', ['usr_1']],
    ['mail me at a@b.c, @ [x], @[], @[has space]', []],
  ])('%s', (text, ids) => expect(parseMentions(text)).toEqual(ids));
});

describe('reply tokens', () => {
  it('split at the last dot and reject malformed tokens', () => {
    expect(parseReplyToken('conv_1.abc')).toEqual({ conversationId: 'conv_1', secret: 'abc' });
    for (const bad of ['nodot', '.abc', 'conv_1.']) expect(parseReplyToken(bad)).toBeNull();
  });
  it('compare secrets exactly', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});

describe('fallback addresses', () => {
  it.each([
    ['Support', 'support'],
    ['Kundestøtte & Salg!', 'kundest-tte-salg'],
    ['Ærlig Å', 'rlig-a'],
    ['!!!', 'inbox'],
    ['a'.repeat(60), 'a'.repeat(40)],
  ])('slugify(%s) = %s', (name, slug) => expect(slugify(name)).toBe(slug));
  it('builds <slug>-<shortid>@<domain>', () => {
    expect(fallbackAddress('Sales Team', 'ab12cd34', 'In.Example.com')).toBe('sales-team-ab12cd34@in.example.com');
  });
});

describe('inline secrets in channel config', () => {
  it('accepts references and rejects values, naming each field', () => {
    expect(() => assertNoInlineSecrets({ imap: { passwordRef: 'vault:imap', user: 'u' } }, 'email')).not.toThrow();
    try {
      assertNoInlineSecrets({ imap: { password: 'hunter2' }, apiKey: 'k', hooks: [{ secret: 's' }] }, 'email');
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      const v = error as ValidationError;
      expect(v.issues.map((i) => i.path)).toEqual(['config.imap.password', 'config.apiKey', 'config.hooks[0].secret']);
      expect(v.message).not.toContain('hunter2');
    }
  });
});
