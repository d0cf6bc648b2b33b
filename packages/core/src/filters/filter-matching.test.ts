import { describe, expect, it } from 'vitest';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { createFilterInput } from './email-filter.js';
import { domainMatches, filterMatchReason, subjectMatches } from './filter-matching.js';

describe('domainMatches', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['example.com', 'EXAMPLE.COM', true],
    ['example.com', 'mail.example.com', false],
    ['*.example.com', 'mail.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', true],
    ['*.example.com', 'badexample.com', false],
    ['*.example.com', 'example.com.evil.net', false],
  ])('%s vs %s → %s', (pattern, domain, expected) => {
    expect(domainMatches(pattern, domain)).toBe(expected);
  });
});

describe('subjectMatches', () => {
  it.each([
    ['invoice', 'Your INVOICE is ready', true],
    ['win * prize', 'You WIN a big prize today', true],
    ['win * prize', 'prize to win', false],
    ['*', 'anything', true],
    ['re: *', 'Fwd: re: hello', true],
    ['a*b*c', 'xxaxxbxx', false],
    ['lottery', 'Quarterly report', false],
  ])('%s in %s → %s', (pattern, text, expected) => {
    expect(subjectMatches(pattern, text)).toBe(expected);
  });

  it('answers a pathological pattern (a backtracking RegExp would not finish)', () => {
    expect(subjectMatches(`${'*a'.repeat(50)}b`, 'a'.repeat(1000))).toBe(false);
  });
});

describe('filterMatchReason', () => {
  const filter = { senders: ['boss@spam.test'], domains: ['spam.test', '*.ads.test'], subjectPatterns: ['free * now'] };
  it.each([
    ['exact sender, any case', { email: 'Boss@Spam.Test', subject: null }, 'sender boss@spam.test'],
    ['sender domain', { email: 'other@spam.test', subject: null }, 'sender domain spam.test'],
    ['subdomain by wildcard', { email: 'x@eu.ads.test', subject: null }, 'sender domain eu.ads.test matches *.ads.test'],
    ['subject pattern', { email: 'ok@fine.test', subject: 'FREE money NOW' }, 'subject matches "free * now"'],
    ['nothing matches', { email: 'ok@fine.test', subject: 'Where is my order?' }, null],
    ['no sender, no subject', { email: null, subject: null }, null],
    ['subdomain without wildcard does not match', { email: 'x@eu.spam.test', subject: undefined }, null],
  ])('%s', (_name, message, expected) => {
    expect(filterMatchReason(filter, message)).toBe(expected);
  });
});

describe('createFilterInput', () => {
  it('normalizes senders and domains', () => {
    const parsed = parseInput(createFilterInput, { inboxId: 'i', senders: ['A@B.com'], domains: ['@Example.COM', '*.Ads.test'], action: 'spam' }, 'filter');
    expect(parsed).toMatchObject({ senders: ['a@b.com'], domains: ['example.com', '*.ads.test'], subjectPatterns: [] });
  });

  it.each([
    ['no criterion', { inboxId: 'i', action: 'drop' }, 'senders'],
    ['bad domain', { inboxId: 'i', domains: ['not a domain'], action: 'drop' }, 'domains[0]'],
    ['bad action', { inboxId: 'i', senders: ['a@b.com'], action: 'delete' }, 'action'],
  ])('rejects %s', (_name, input, path) => {
    try {
      parseInput(createFilterInput, input, 'filter');
      expect.unreachable('should throw');
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
  });
});
