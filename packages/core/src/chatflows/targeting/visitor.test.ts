import { describe, expect, it } from 'vitest';
import { contactValue, deviceFromUserAgent, languageRange, parseLanguages } from './visitor.js';

describe('parseLanguages', () => {
  it.each([
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', ['fr-ch', 'fr', 'en', 'de', '*']],
    ['en;q=0.5, de', ['de', 'en']],
    ['en;q=0.5, fr;q=0.5', ['en', 'fr']],
    ['pt-BR', ['pt-br']],
    ['en;q=0, fr', ['fr']],
    ['en;q=abc, fr;q=2, de', ['de']],
    ['not a tag!, es', ['es']],
    ['', []],
    [null, []],
    [`${'x,'.repeat(600)}en`, []],
  ])('%j → %j', (header, expected) => {
    expect(parseLanguages(header)).toEqual(expected);
  });
});

describe('languageRange', () => {
  it.each([
    ['fr-ca', 'fr', true],
    ['fr', 'fr', true],
    ['fr', 'fr-ca', false],
    ['fry', 'fr', false],
    ['de', '*', true],
  ])('%s under %s → %s', (tag, range, expected) => {
    expect(languageRange(range)(tag)).toBe(expected);
  });
});

describe('deviceFromUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36', 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Mobile/15E148', 'tablet'],
    ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/120 Safari/537.36', 'tablet'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36', 'desktop'],
    ['', null],
    [undefined, null],
  ])('%j → %s', (agent, expected) => {
    expect(deviceFromUserAgent(agent)).toBe(expected);
  });
});

describe('contactValue', () => {
  const contact = { email: 'ann@acme.com', name: null, phone: '+4712345678', properties: { plan: 'pro', seats: 12, vip: true, tags: ['a'], email: 'other' } };
  it.each([
    ['email', 'ann@acme.com'],
    ['name', null],
    ['phone', '+4712345678'],
    ['plan', 'pro'],
    ['seats', '12'],
    ['vip', 'true'],
    ['tags', null],
    ['missing', null],
    ['toString', null],
  ])('%s → %j', (name, expected) => {
    expect(contactValue(contact, name)).toBe(expected);
  });

  it('is null without a contact', () => {
    expect(contactValue(null, 'email')).toBeNull();
  });
});
