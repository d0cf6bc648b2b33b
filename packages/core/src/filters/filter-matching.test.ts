import { describe, expect, it } from 'vitest';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { createFilterInput } from './email-filter.js';
import { domainMatches, filterMatchReason, screenMessage, subjectMatches } from './filter-matching.js';

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

describe('screenMessage: allow filters win over every deny filter', () => {
  const base = { workspaceId: 'ws', inboxId: 'i', createdAt: 0, updatedAt: 0 };
  const filter = (id: string, action: 'drop' | 'spam' | 'allow', criteria: { senders?: string[]; domains?: string[]; subjectPatterns?: string[] }) => ({
    ...base, id, action, senders: criteria.senders ?? [], domains: criteria.domains ?? [], subjectPatterns: criteria.subjectPatterns ?? [],
  });
  const deny = [
    filter('f1', 'drop', { domains: ['*.example.com'] }),
    filter('f2', 'spam', { subjectPatterns: ['invoice'] }),
  ];
  it.each([
    ['no allow filter: the first deny filter decides', [...deny], 'ceo@mail.example.com', 'Invoice', 'f1'],
    ['allowed sender, listed after the deny filters', [...deny, filter('a', 'allow', { senders: ['ceo@mail.example.com'] })], 'CEO@mail.example.com', 'Invoice', null],
    ['allowed domain wildcard beats a subject filter', [filter('a', 'allow', { domains: ['*.partner.test'] }), ...deny], 'x@eu.partner.test', 'Your invoice', null],
    ['an allow list for someone else changes nothing', [filter('a', 'allow', { senders: ['boss@partner.test'] }), ...deny], 'x@partner.test', 'Your invoice', 'f2'],
    ['an exact allowed domain does not cover subdomains', [filter('a', 'allow', { domains: ['example.com'] }), ...deny], 'ceo@mail.example.com', 'Hi', 'f1'],
    ['no sender: an allow filter cannot match', [filter('a', 'allow', { domains: ['partner.test'] }), ...deny], null, 'invoice', 'f2'],
  ])('%s', (_name, filters, email, subject, expected) => {
    expect(screenMessage(filters, { email, subject })?.filterId ?? null).toBe(expected);
  });
});

describe('createFilterInput: allow filters and address syntax', () => {
  const issuePaths = (input: unknown): string[] => {
    try {
      parseInput(createFilterInput, input, 'filter');
    } catch (error) {
      if (ValidationError.isInstance(error)) return error.issues.map((i) => i.path);
      throw error;
    }
    return [];
  };

  it('accepts an allow list of senders and domains', () => {
    expect(parseInput(createFilterInput, { inboxId: 'i', senders: ['Boss@Partner.test'], domains: ['*.Partner.test'], action: 'allow' }, 'filter')).toMatchObject({
      action: 'allow', senders: ['boss@partner.test'], domains: ['*.partner.test'],
    });
  });

  it.each([
    ['subject patterns on an allow filter', { senders: ['a@b.test'], subjectPatterns: ['hi'], action: 'allow' }, ['subjectPatterns']],
    ['an empty allow filter', { action: 'allow' }, ['senders']],
    ['a bad sender, by its index', { senders: ['ok@b.test', 'not-an-email'], action: 'allow' }, ['senders[1]']],
    ['a leading hyphen', { domains: ['ok.test', '-bad.test'], action: 'drop' }, ['domains[1]']],
    ['an empty label', { domains: ['a..test'], action: 'spam' }, ['domains[0]']],
    ['a single label', { domains: ['localhost'], action: 'allow' }, ['domains[0]']],
    ['a wildcard inside', { domains: ['a.*.test'], action: 'allow' }, ['domains[0]']],
    ['a label over 63 characters', { domains: [`${'a'.repeat(64)}.test`], action: 'allow' }, ['domains[0]']],
  ])('rejects %s, naming the field', (_name, input, paths) => {
    expect(issuePaths({ inboxId: 'i', ...input })).toEqual(paths);
  });
});
