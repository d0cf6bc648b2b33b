import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors/validation-error.js';
import { compileCondition, type RequestFacts } from './conditions.js';
import { conditionSchema, type Condition } from './schema.js';
import { normalizeUrl } from './url.js';
import type { ContactFacts } from './visitor.js';

const PAGE = 'https://Acme.com/blog/2024/caf%c3%a9/?utm_source=ads&utm_source=news&ref=&plan=Pro';
const CONTACT: ContactFacts = { email: 'ann@acme.com', name: 'Ann', phone: null, properties: { plan: 'pro', seats: 12 } };

function facts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return { url: normalizeUrl(PAGE)!, contact: CONTACT, languages: ['fr-ch', 'en'], device: 'mobile', ...overrides };
}

function holds(condition: unknown, f: RequestFacts = facts()): boolean {
  return compileCondition(conditionSchema.parse(condition) as Condition, { path: 'targeting.include[0][0]', index: 0 }).test(f);
}

describe('URL operators (normalized URL, no query)', () => {
  it.each([
    ['is', '/blog/2024/café', true],
    ['is', '/blog/2024/caf%C3%A9/', true],
    ['is', 'https://ACME.com:443/blog/2024/caf%c3%a9', true],
    ['is', 'acme.com/blog/2024/café', true],
    ['is', '/blog', false],
    ['isNot', '/blog', true],
    ['isNot', '/blog/2024/café', false],
    ['contains', '/2024/', true],
    ['contains', 'café', true],
    ['contains', 'utm_source', false],
    ['notContains', '/pricing', true],
    ['notContains', '/blog', false],
    ['startsWith', '/blog/', true],
    ['startsWith', '/blog/2024/café', true],
    ['startsWith', 'acme.com', true],
    ['startsWith', 'acme.co', false],
    ['startsWith', 'https://acme.com/blog', true],
    ['startsWith', '/Blog', false],
    ['endsWith', 'caf%C3%A9', true],
    ['endsWith', '/2024', false],
    ['matchesRegex', '^https://acme\\.com/blog/\\d{4}/', true],
    ['matchesRegex', '/news/', false],
  ])('url %s %j → %s', (op, value, expected) => {
    expect(holds({ on: 'url', op, value })).toBe(expected);
  });

  it('startsWith a host does not match a longer host', () => {
    const f = facts({ url: normalizeUrl('https://acme.com.evil.io/')! });
    expect(holds({ on: 'url', op: 'startsWith', value: 'acme.com' }, f)).toBe(false);
  });
});

describe('query operators (decoded values; any value may satisfy, negations are exact)', () => {
  it.each([
    ['utm_source', 'is', 'news', true],
    ['utm_source', 'is', 'mail', false],
    ['utm_source', 'isNot', 'news', false],
    ['utm_source', 'isNot', 'mail', true],
    ['utm_source', 'contains', 'ew', true],
    ['utm_source', 'notContains', 'ew', false],
    ['utm_source', 'startsWith', 'ad', true],
    ['utm_source', 'endsWith', 'ws', true],
    ['utm_source', 'matchesRegex', '^(ads|mail)$', true],
    ['plan', 'is', 'pro', false],
    ['ref', 'present', undefined, true],
    ['ref', 'isNot', 'x', true],
    ['missing', 'present', undefined, false],
    ['missing', 'absent', undefined, true],
    ['missing', 'is', 'x', false],
    ['missing', 'isNot', 'x', true],
    ['missing', 'notContains', 'x', true],
  ])('query %s %s %j → %s', (name, op, value, expected) => {
    expect(holds({ on: 'query', name, op, ...(value === undefined ? {} : { value }) })).toBe(expected);
  });
});

describe('visitor conditions', () => {
  it.each([
    [{ property: 'contact', op: 'known' }, facts(), true],
    [{ property: 'contact', op: 'known' }, facts({ contact: null }), false],
    [{ property: 'contact', op: 'unknown' }, facts({ contact: null }), true],
    [{ property: 'contactProperty', name: 'plan', op: 'is', value: 'pro' }, facts(), true],
    [{ property: 'contactProperty', name: 'seats', op: 'is', value: '12' }, facts(), true],
    [{ property: 'contactProperty', name: 'email', op: 'endsWith', value: '@acme.com' }, facts(), true],
    [{ property: 'contactProperty', name: 'plan', op: 'present' }, facts({ contact: null }), false],
    [{ property: 'contactProperty', name: 'plan', op: 'isNot', value: 'pro' }, facts({ contact: null }), true],
    [{ property: 'contactProperty', name: 'company', op: 'absent' }, facts(), true],
    [{ property: 'language', op: 'is', value: 'fr' }, facts(), true],
    [{ property: 'language', op: 'is', value: 'en' }, facts(), false],
    [{ property: 'language', op: 'accepts', value: 'en' }, facts(), true],
    [{ property: 'language', op: 'notAccepts', value: 'de' }, facts(), true],
    [{ property: 'language', op: 'isNot', value: 'fr' }, facts({ languages: [] }), true],
    [{ property: 'language', op: 'is', value: 'fr' }, facts({ languages: [] }), false],
    [{ property: 'device', op: 'is', value: 'mobile' }, facts(), true],
    [{ property: 'device', op: 'isNot', value: 'desktop' }, facts(), true],
    [{ property: 'device', op: 'is', value: 'desktop' }, facts({ device: null }), false],
  ])('%j', (condition, f, expected) => {
    expect(holds({ on: 'visitor', ...condition }, f)).toBe(expected);
  });
});

describe('compiled conditions describe themselves', () => {
  it.each([
    [{ on: 'url', op: 'notContains', value: '/admin' }, 'url does not contain "/admin"', 'https://acme.com/blog/2024/caf%C3%A9'],
    [{ on: 'url', op: 'is', value: '/blog' }, 'url is "/blog"', '/blog/2024/caf%C3%A9'],
    [{ on: 'url', op: 'startsWith', value: 'acme.com' }, 'url starts with "acme.com"', 'acme.com/blog/2024/caf%C3%A9'],
    [{ on: 'query', name: 'utm_source', op: 'present' }, 'query "utm_source" is present', 'ads, news'],
    [{ on: 'visitor', property: 'contact', op: 'known' }, 'visitor is a known contact', 'known'],
    [{ on: 'visitor', property: 'language', op: 'accepts', value: 'de' }, 'language accepts "de"', 'fr-ch, en'],
  ])('%j', (condition, description, actual) => {
    const compiled = compileCondition(conditionSchema.parse(condition) as Condition, { path: 'targeting.exclude[1][2]', index: 2 });
    expect(compiled).toMatchObject({ path: 'targeting.exclude[1][2]', index: 2, description });
    expect(compiled.actual(facts())).toBe(actual);
  });

  it('refuses, as VALIDATION at the field, a condition the schema would refuse', () => {
    const bad = { on: 'url', op: 'matchesRegex', value: '(a+)+' } as Condition;
    const error = (() => {
      try {
        compileCondition(bad, { path: 'targeting.include[2][0]', index: 0 });
      } catch (e) {
        return e;
      }
    })();
    expect(ValidationError.isInstance(error) && error.issues[0]?.path).toBe('targeting.include[2][0].value');
  });
});
