import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, canonicalEscapes, normalizeUrl, normalizeUrlText, normalizeUrlValue } from './url.js';

describe('normalizeUrl', () => {
  it.each([
    ['host case', 'https://WWW.Acme.COM/pricing', 'https://www.acme.com/pricing'],
    ['scheme case', 'HTTPS://acme.com/a', 'https://acme.com/a'],
    ['default https port', 'https://acme.com:443/a', 'https://acme.com/a'],
    ['default http port', 'http://acme.com:80/a', 'http://acme.com/a'],
    ['other port kept', 'https://acme.com:8443/a', 'https://acme.com:8443/a'],
    ['trailing slash', 'https://acme.com/pricing/', 'https://acme.com/pricing'],
    ['several trailing slashes', 'https://acme.com/pricing//', 'https://acme.com/pricing'],
    ['root keeps its slash', 'https://acme.com', 'https://acme.com/'],
    ['fragment dropped', 'https://acme.com/a#plans', 'https://acme.com/a'],
    ['query left out of the href', 'https://acme.com/a?x=1', 'https://acme.com/a'],
    ['credentials dropped', 'https://user:pw@acme.com/a', 'https://acme.com/a'],
    ['dot segments resolved', 'https://acme.com/a/../b/./c', 'https://acme.com/b/c'],
    ['unreserved escapes decoded', 'https://acme.com/%7Euser/%61bc', 'https://acme.com/~user/abc'],
    ['other escapes upper-cased', 'https://acme.com/caf%c3%a9/a%2fb', 'https://acme.com/caf%C3%A9/a%2Fb'],
    ['non-ASCII encoded', 'https://acme.com/café', 'https://acme.com/caf%C3%A9'],
    ['IDN host punycoded', 'https://bücher.de/x', 'https://xn--bcher-kva.de/x'],
    ['surrounding spaces', '  https://acme.com/a  ', 'https://acme.com/a'],
  ])('%s', (_case, raw, href) => {
    expect(normalizeUrl(raw)?.href).toBe(href);
  });

  it('splits host+path and path, and decodes every query value in order', () => {
    const url = normalizeUrl('https://Acme.com/Pricing/?plan=pro&utm=a%20b&plan=team&flag');
    expect(url).toMatchObject({ hostPath: 'acme.com/Pricing', path: '/Pricing' });
    expect(Object.fromEntries(url!.query)).toEqual({ plan: ['pro', 'team'], utm: ['a b'], flag: [''] });
  });

  it.each([
    ['relative', '/pricing'],
    ['not a URL', 'pricing page'],
    ['other scheme', 'ftp://acme.com/a'],
    ['javascript', 'javascript:alert(1)'],
    ['empty', ''],
    ['too long', `https://acme.com/${'a'.repeat(MAX_URL_LENGTH)}`],
  ])('is null for a URL that is %s', (_case, raw) => {
    expect(normalizeUrl(raw)).toBeNull();
  });
});

describe('condition values', () => {
  it.each([
    ['/pricing/', false, { part: 'path', value: '/pricing' }],
    ['/blog/', true, { part: 'path', value: '/blog/' }],
    ['/', false, { part: 'path', value: '/' }],
    ['/caf%c3%a9', false, { part: 'path', value: '/caf%C3%A9' }],
    ['https://ACME.com:443/pricing/', false, { part: 'href', value: 'https://acme.com/pricing' }],
    ['https://acme.com', true, { part: 'href', value: 'https://acme.com/' }],
    ['Blog.Acme.com', true, { part: 'hostPath', value: 'blog.acme.com/' }],
    ['acme.com/pricing/', false, { part: 'hostPath', value: 'acme.com/pricing' }],
    ['localhost:3000/a', false, { part: 'hostPath', value: 'localhost:3000/a' }],
  ] as const)('%s (keep trailing slash: %s)', (value, keep, expected) => {
    expect(normalizeUrlValue(value, keep)).toEqual(expected);
  });

  it.each([
    ['/pricing?plan=pro', 'query'],
    ['/pricing#top', 'query'],
    ['pricing', 'a path starting with "/"'],
    ['ftp://acme.com/a', 'not a valid http(s) URL'],
  ])('refuses %s', (value, message) => {
    const result = normalizeUrlValue(value, false);
    expect('error' in result && result.error).toContain(message);
  });

  it('encodes fragments the way URL paths are encoded', () => {
    expect(normalizeUrlText('/café menu')).toBe('/caf%C3%A9%20menu');
    expect(normalizeUrlText('%7e%2f')).toBe('~%2F');
    expect(canonicalEscapes('%41%zz')).toBe('A%zz');
  });
});
